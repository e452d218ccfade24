package org.dualpath.model;

import com.fasterxml.jackson.databind.JsonNode;
import org.dualpath.common.Versions;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * How a model came to be, stored with it ({@code provenance.json} in the model file): the training data (files
 * and their SHA-256, the split), the preset and every setting that differed from it, the software and machine,
 * and when training ran. A model that later behaves unexpectedly can then be traced to its data, its settings or
 * an upgrade (the idea of Tribuo's {@code ModelProvenance}). Models trained before it was recorded have none.
 */
public record ModelProvenance(TrainingData data, Settings settings, Software software, Machine machine,
                              Timing timing) {
    /** What {@code dualpath model info} and the explorer say of the provenance of a model that has none. */
    public static final String NOT_RECORDED = "not recorded (trained before models kept it)";

    private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /**
     * The data trained on; paths are absolute, {@code instancesFile} is null without one.
     *
     * @param images            images in the captions file (all splits)
     * @param captions          captions in the captions file
     * @param unreadableImages  training and validation images left out because they could not be decoded (0 in
     *                          models from before images were left out: such a file stopped training then)
     * @param unreadableFiles   those images, each file with the reason
     */
    public record TrainingData(String dataset, String captionsFile, String captionsSha256, String imagesDir,
                               String instancesFile, int images, int captions, SplitProvenance split,
                               int unreadableImages, List<UnreadableFile> unreadableFiles) {
        public TrainingData {
            unreadableFiles = unreadableFiles == null ? List.of() : List.copyOf(unreadableFiles);
        }
    }

    /** An image file left out of training, by its name in the images folder, and why it could not be decoded. */
    public record UnreadableFile(String file, String reason) {
    }

    /**
     * The train/val/test split: from a split file ({@code file} and {@code fileSha256} set, {@code seed} null) or
     * drawn with a seed ({@code seed} set, no file); {@code source} is the split's own description.
     */
    public record SplitProvenance(String kind, String file, String fileSha256, Long seed, String source, int train,
                                  int val, int test) {
        public static final String FILE = "file";
        public static final String SEEDED = "seeded";
    }

    /**
     * The preset and how this run differed from it.
     *
     * @param overrides       every preset setting given another value
     * @param threads         the math library's threads
     * @param wordVectors     the word-vector file (null: word2vec trained on the training captions)
     * @param backboneWeights the pretrained backbone's file (null: none given)
     */
    public record Settings(String preset, List<SettingChange> overrides, long seed, int threads, String wordVectors,
                           String backboneWeights) {
    }

    /**
     * One setting that differed from the preset: its dotted path (e.g. {@code training.batchSize}), its value in
     * the preset (null when the preset is not a built-in one) and the value used.
     */
    public record SettingChange(String setting, JsonNode preset, JsonNode used) {
    }

    /** The program and the libraries that computed the weights. */
    public record Software(String program, String dl4j, String nd4j, String javacpp, String java, String javaVendor) {
        /** This process's versions. */
        public static Software current() {
            return new Software(Versions.program(), Versions.library("org.deeplearning4j", "deeplearning4j-nn"),
                    Versions.library("org.nd4j", "nd4j-api"), Versions.library("org.bytedeco", "javacpp"),
                    System.getProperty("java.version"), System.getProperty("java.vendor"));
        }
    }

    /** The machine trained on. */
    public record Machine(String os, String osVersion, String arch, int cpus) {
        /** This machine. */
        public static Machine current() {
            return new Machine(System.getProperty("os.name"), System.getProperty("os.version"),
                    System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors());
        }
    }

    /**
     * When training ran: the first run's start, the last write (the end of training for a finished model, the
     * checkpoint's time for a checkpoint), the seconds spent training over all runs (pauses between runs left
     * out), and how many runs there were (more than one after resuming from a checkpoint). Times are ISO-8601
     * instants.
     */
    public record Timing(String started, String finished, double wallSeconds, int runs) {
    }

    /**
     * Three short lines for the explorer's model panel: the data, when and how long, and the software, e.g.
     * "trained on shapes (5,000 images, 3 unreadable left out, split file split.json)" (the unreadable part only
     * when there were any), "2025-06-01 14:03 UTC · 56 min 12 s",
     * "DualPath 0.1.0 · DL4J 1.0.0-M2.1". The duration's spaces do not break, so a narrow panel keeps it whole.
     */
    public List<String> summaryLines() {
        SplitProvenance s = data.split();
        String split = SplitProvenance.FILE.equals(s.kind())
                ? "split file " + Path.of(s.file()).getFileName()
                : "seeded split, seed " + s.seed();
        return List.of(
                String.format(Locale.ROOT, "trained on %s (%,d images, %s%s)", data.dataset(), data.images(),
                        data.unreadableImages() == 0 ? "" : String.format(Locale.ROOT, "%,d unreadable left out, ",
                                data.unreadableImages()), split),
                DAY_AND_TIME.format(Instant.parse(timing.finished())) + " · "
                        + duration(timing.wallSeconds()).replace(' ', '\u00a0'),
                "DualPath " + software.program() + " · DL4J " + software.dl4j());
    }

    /** "12 s", "3 min 05 s", "2 h 07 min". */
    public static String duration(double seconds) {
        long s = Math.round(seconds);
        Duration d = Duration.ofSeconds(s);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", d.toMinutes(), d.toSecondsPart());
        }
        return String.format(Locale.ROOT, "%d h %02d min", d.toHours(), d.toMinutesPart());
    }
}
