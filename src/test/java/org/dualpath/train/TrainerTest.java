package org.dualpath.train;

import org.dualpath.common.Hashes;
import org.dualpath.common.Progress;
import org.dualpath.common.Versions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dualpath.data.CocoImage;
import org.dualpath.data.Dataset;
import org.dualpath.data.DatasetSource;
import org.dualpath.data.Split;
import org.dualpath.data.shapes.ShapesConfig;
import org.dualpath.data.shapes.ShapesGenerator;
import org.dualpath.model.DualPathModel;
import org.dualpath.model.ModelBundle;
import org.dualpath.model.ModelProvenance;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** End-to-end training of a tiny configuration on a tiny shapes dataset: output, checkpoints, resume, cancel. */
@Tag("slow")
class TrainerTest {
    @TempDir
    static Path data;

    static DatasetSource source;
    static Dataset dataset;

    @TempDir
    Path dir;

    @BeforeAll
    static void generate() {
        ShapesGenerator.generate(data, ShapesConfig.defaults().withCounts(24, 8), Progress.NONE);
        source = new DatasetSource(data.resolve(ShapesGenerator.CAPTIONS_FILE), data.resolve(ShapesGenerator.IMAGES_DIR),
                null, data.resolve(ShapesGenerator.SPLIT_FILE), 42, null, null);
        dataset = source.load(Progress.NONE);
    }

    private static Preset tiny(int stage1, int stage2) {
        Preset demo = Preset.shapesDemo();
        return new Preset(demo.name(), demo.description(), demo.backbone(),
                demo.network().toBuilder().pixels(48, 4, 8).imageHiddenDim(16).embeddingDim(16)
                        .textCnn(new int[]{8, 16}, new int[]{1, 1}).build(),
                demo.preprocessing(), demo.training().toBuilder().epochs(stage1, stage2).batchSize(8).build(), 1, false, 8);
    }

    private static final class Recorder implements TrainingListener {
        final List<EpochReport> epochs = new ArrayList<>();
        final List<String> messages = new ArrayList<>();
        /** Messages and batches in the order they came, a batch as "batch EPOCH/BATCH". */
        final List<String> events = new ArrayList<>();

        @Override
        public void onBatch(int epoch, int batch, int batches, double loss) {
            events.add("batch " + epoch + "/" + batch);
        }

        @Override
        public void onEpoch(EpochReport report) {
            epochs.add(report);
        }

        @Override
        public void onMessage(String message) {
            messages.add(message);
            events.add(message);
        }
    }

    @Test
    void trainsBothStagesAndWritesAnInferenceModelWithItsMetrics() {
        Path out = dir.resolve("model.zip");
        Recorder recorder = new Recorder();
        new Trainer(new Trainer.Request(dataset, source, tiny(1, 1), null, null, out, false, false, false), recorder, Progress.NONE).run();

        assertThat(recorder.epochs).extracting(EpochReport::stage).containsExactly(1, 2);
        assertThat(recorder.epochs.get(1).validation()).containsKeys("i2t_R@1", "t2i_R@10", "rsum");
        ModelBundle bundle = ModelBundle.read(out);
        assertThat(bundle.manifest().kind()).isEqualTo(ModelBundle.Kind.INFERENCE);
        assertThat(bundle.metrics().path("split").asText()).isEqualTo("test");
        assertThat(bundle.network().numInstances()).isEqualTo(24);
        assertThat(bundle.split().seed()).isEqualTo(42L);
        assertThat(new DualPathModel(bundle).embedQuery("a red circle", DualPathModel.Options.PLAIN)).hasSize(16);
        assertThat(ModelBundle.read(Trainer.checkpointOf(out)).training().path("epochsDone").asInt()).isEqualTo(2);
    }

    /** The model and its checkpoint say what they were trained on, how, with what, where and when; a resume adds a run. */
    @Test
    void theModelAndItsCheckpointRecordTheirProvenance() throws IOException {
        Path out = dir.resolve("model.zip");
        Instant before = Instant.now();
        new Trainer(new Trainer.Request(dataset, source, tiny(1, 0), null, null, out, false, false, false), new Recorder(),
                Progress.NONE).run();
        ModelProvenance p = ModelBundle.read(out).provenance();

        ModelProvenance.TrainingData d = p.data();
        assertThat(d.dataset()).isEqualTo(dataset.name());
        assertThat(d.captionsFile()).isEqualTo(source.captions().toString());
        assertThat(d.captionsSha256()).isEqualTo(Hashes.sha256Hex(source.captions()));
        assertThat(d.imagesDir()).isEqualTo(source.images().toString());
        assertThat(d.instancesFile()).isNull();
        assertThat(d.images()).isEqualTo(32);
        assertThat(d.captions()).isEqualTo(dataset.captionCount());
        assertThat(d.split()).isEqualTo(new ModelProvenance.SplitProvenance(ModelProvenance.SplitProvenance.FILE,
                source.split().toString(), Hashes.sha256Hex(source.split()), null, dataset.splitRecord().source(),
                24, 0, 8));

        ModelProvenance.Settings s = p.settings();
        assertThat(s.preset()).isEqualTo("shapes-demo");
        assertThat(s.seed()).isEqualTo(42);
        assertThat(s.threads()).isPositive();
        assertThat(s.wordVectors()).isNull();
        assertThat(s.overrides()).extracting(ModelProvenance.SettingChange::setting)
                .contains("training.stage1Epochs", "training.stage2Epochs", "training.batchSize", "network.embeddingDim",
                        "word2vecDim")
                .doesNotContain("name", "training.seed", "training.optimizer", "backbone");
        assertThat(s.overrides()).filteredOn(c -> c.setting().equals("training.batchSize"))
                .singleElement().satisfies(c -> {
                    assertThat(c.preset().asInt()).isEqualTo(128);
                    assertThat(c.used().asInt()).isEqualTo(8);
                });

        assertThat(p.software().program()).isEqualTo(Versions.program());
        assertThat(p.software().dl4j()).isEqualTo(Versions.library("org.deeplearning4j", "deeplearning4j-nn"));
        assertThat(p.software().java()).isEqualTo(System.getProperty("java.version"));
        assertThat(p.machine().cpus()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(p.machine().os()).isEqualTo(System.getProperty("os.name"));

        Instant started = Instant.parse(p.timing().started());
        assertThat(started).isAfterOrEqualTo(before.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertThat(Instant.parse(p.timing().finished())).isAfterOrEqualTo(started);
        assertThat(p.timing().wallSeconds()).isPositive();
        assertThat(p.timing().runs()).isEqualTo(1);
        assertThat(ModelBundle.read(Trainer.checkpointOf(out)).provenance().data()).isEqualTo(d);

        new Trainer(new Trainer.Request(dataset, source, tiny(1, 1), null, null, out, true, true, false), new Recorder(),
                Progress.NONE).run();
        ModelProvenance resumed = ModelBundle.read(out).provenance();
        assertThat(resumed.timing().runs()).isEqualTo(2);
        assertThat(resumed.timing().started()).isEqualTo(p.timing().started());
        assertThat(resumed.timing().wallSeconds()).isGreaterThan(p.timing().wallSeconds());
    }

    /** A batch larger than the training set would run no step per epoch: refused before anything is written. */
    @Test
    void batchLargerThanTheTrainingSetIsRefusedBeforeTraining() {
        Path out = dir.resolve("model.zip");
        Preset oversized = tiny(1, 1).withTraining(tiny(1, 1).training().toBuilder().batchSize(25).build());
        assertThatThrownBy(() -> new Trainer(new Trainer.Request(dataset, source, oversized, null, null, out, false, false, false),
                new Recorder(), Progress.NONE).run())
                .isInstanceOf(org.dualpath.common.InputException.class)
                .hasMessage("batch size 25 is larger than the 24 training images of " + dataset.name()
                        + ": use --batch 24 or less");
        assertThat(out).doesNotExist();
        assertThat(Trainer.checkpointOf(out)).doesNotExist();
    }

    @Test
    void aFinishedModelIsNotReplacedWithoutForceAndAStaleCheckpointIsNamed() throws Exception {
        Path out = dir.resolve("model.zip");
        new Trainer(new Trainer.Request(dataset, source, tiny(1, 0), null, null, out, false, false, false), new Recorder(), Progress.NONE).run();
        byte[] first = Files.readAllBytes(out);
        assertThatThrownBy(() -> new Trainer(new Trainer.Request(dataset, source, tiny(1, 0), null, null, out, false, false, false),
                new Recorder(), Progress.NONE).run()).hasMessageContaining("give --force to replace it");
        assertThat(Files.readAllBytes(out)).isEqualTo(first);

        Recorder forced = new Recorder();
        new Trainer(new Trainer.Request(dataset, source, tiny(1, 0), null, null, out, false, true, false), forced, Progress.NONE).run();
        assertThat(forced.messages).anyMatch(m -> m.startsWith("replacing the checkpoint of an earlier run at "));

        Recorder fresh = new Recorder();
        Path other = dir.resolve("other.zip");
        new Trainer(new Trainer.Request(dataset, source, tiny(1, 0), null, null, other, true, false, false), fresh, Progress.NONE).run();
        assertThat(fresh.messages).contains("no checkpoint at " + Trainer.checkpointOf(other) + " to resume: starting a new run");
    }

    @Test
    void resumeContinuesAfterTheLastFinishedEpoch() {
        Path out = dir.resolve("model.zip");
        new Trainer(new Trainer.Request(dataset, source, tiny(1, 0), null, null, out, false, false, false), new Recorder(), Progress.NONE).run();

        Recorder resumed = new Recorder();
        new Trainer(new Trainer.Request(dataset, source, tiny(1, 1), null, null, out, true, false, false), resumed, Progress.NONE).run();
        assertThat(resumed.messages).anyMatch(m -> m.startsWith("resuming from") && m.endsWith("after epoch 1"));
        assertThat(resumed.epochs).extracting(EpochReport::epoch).containsExactly(2);
    }

    /**
     * A run stopped inside an epoch, or between two, and resumed ends with the same weights as an uninterrupted
     * run: the checkpoint records the batch reached, and dropout and batches draw from (seed, epoch, batch).
     */
    @Test
    void resumedRunsEndWithTheWeightsOfAnUninterruptedRun() {
        Path whole = dir.resolve("whole.zip");
        Recorder uninterrupted = new Recorder();
        new Trainer(new Trainer.Request(dataset, source, tiny(3, 0), null, null, whole, false, false, false), uninterrupted, Progress.NONE).run();
        INDArray expected = ModelBundle.read(whole).imageEncoder().params().dup();
        INDArray expectedText = ModelBundle.read(whole).textEncoder().params().dup();

        for (int[] stopAt : new int[][]{{2, 1}, {2, 3}}) {
            Path out = dir.resolve("stopped-" + stopAt[0] + "-" + stopAt[1] + ".zip");
            AtomicBoolean stop = new AtomicBoolean();
            TrainingListener stopper = new TrainingListener() {
                @Override
                public void onBatch(int epoch, int batch, int batches, double loss) {
                    if (epoch == stopAt[0] && batch == stopAt[1]) {
                        stop.set(true);
                    }
                }
            };
            Progress progress = Progress.cancellable(stop);
            assertThatThrownBy(() -> new Trainer(new Trainer.Request(dataset, source, tiny(3, 0), null, null, out, false, false, false),
                    stopper, progress).run()).isInstanceOf(CancellationException.class);
            Recorder resumed = new Recorder();
            new Trainer(new Trainer.Request(dataset, source, tiny(3, 0), null, null, out, true, false, false), resumed, Progress.NONE).run();
            ModelBundle result = ModelBundle.read(out);
            assertThat(result.imageEncoder().params()).as("stopped at epoch %d batch %d", stopAt[0], stopAt[1])
                    .isEqualTo(expected);
            assertThat(result.textEncoder().params()).isEqualTo(expectedText);
            assertThat(resumed.epochs.get(resumed.epochs.size() - 1).loss())
                    .isEqualTo(uninterrupted.epochs.get(2).loss());
        }
    }

    /**
     * A shapes dataset (24 training, 8 test images) in {@code dir} three of whose images cannot be read: the 3rd
     * training image is an empty file, the 5th a PNG cut in half, the first test image a text file named
     * notes.jpg. The empty one's captions end with "zebra", a word no other caption has.
     */
    private static Hostile hostileShapes(Path dir) throws IOException {
        ShapesGenerator.generate(dir, ShapesConfig.defaults().withCounts(24, 8), Progress.NONE);
        DatasetSource source = new DatasetSource(dir.resolve(ShapesGenerator.CAPTIONS_FILE),
                dir.resolve(ShapesGenerator.IMAGES_DIR), null, dir.resolve(ShapesGenerator.SPLIT_FILE), 42, null, null);
        Dataset clean = source.load(Progress.NONE);
        CocoImage empty = clean.images(Split.TRAIN).get(2);
        CocoImage cut = clean.images(Split.TRAIN).get(4);
        long notes = clean.images(Split.TEST).get(0).id();

        ObjectMapper json = new ObjectMapper();
        ObjectNode captions = (ObjectNode) json.readTree(source.captions().toFile());
        for (JsonNode image : captions.path("images")) {
            if (image.path("id").asLong() == notes) {
                ((ObjectNode) image).put("file_name", "notes.jpg");
            }
        }
        for (JsonNode caption : captions.path("annotations")) {
            if (caption.path("image_id").asLong() == empty.id()) {
                ((ObjectNode) caption).put("caption", caption.path("caption").asText() + " zebra");
            }
        }
        json.writeValue(source.captions().toFile(), captions);
        Files.write(clean.imagePath(empty), new byte[0]);
        byte[] png = Files.readAllBytes(clean.imagePath(cut));
        Files.write(clean.imagePath(cut), java.util.Arrays.copyOf(png, png.length / 2));
        Files.writeString(source.images().resolve("notes.jpg"), "a text file, not a picture\n");
        return new Hostile(source, source.load(Progress.NONE), empty.fileName(), cut.fileName());
    }

    private record Hostile(DatasetSource source, Dataset dataset, String emptyFile, String cutFile) {
    }

    /**
     * Unreadable images are left out with their captions and named in one line before the first step; the model's
     * classes and split count only the images used, its provenance lists the ones left out, and a resumed run
     * finds the checkpoint consistent.
     */
    @Test
    void unreadableImagesAreLeftOutNamedBeforeTheFirstStepAndRecordedInTheModel() throws IOException {
        Hostile h = hostileShapes(dir.resolve("hostile"));
        Path out = dir.resolve("model.zip");
        Recorder recorder = new Recorder();
        new Trainer(new Trainer.Request(h.dataset(), h.source(), tiny(1, 0), null, null, out, false, false, false),
                recorder, Progress.NONE).run();

        String heading = "3 of 32 images in " + h.source().images() + " could not be read and are left out of"
                + " training and validation: ";
        assertThat(recorder.messages).filteredOn(m -> m.startsWith(heading)).singleElement().satisfies(m -> {
            assertThat(m).doesNotContain("\n").startsWith(heading + h.emptyFile() + " (empty file (0 bytes), not an image), "
                    + h.cutFile() + " (corrupt or truncated PNG data (");
            assertThat(m).contains("), notes.jpg (not an image (the content is not JPEG, PNG, BMP or GIF)); fix or"
                    + " replace them and train again to use them ('dualpath model info' lists them all), or give"
                    + " --strict to stop instead");
            assertThat(recorder.events.indexOf(m)).isLessThan(recorder.events.indexOf("batch 1/1"));
        });

        ModelBundle bundle = ModelBundle.read(out);
        assertThat(bundle.network().numInstances()).isEqualTo(22);
        assertThat(bundle.split().count(Split.TRAIN)).isEqualTo(22);
        assertThat(bundle.split().count(Split.TEST)).isEqualTo(7);
        assertThat(bundle.metrics().path("split").asText()).isEqualTo("test");
        assertThat(bundle.vocabulary().words()).contains("circle").doesNotContain("zebra");
        ModelProvenance.TrainingData data = bundle.provenance().data();
        assertThat(data.images()).isEqualTo(32);
        assertThat(data.split().train()).isEqualTo(24);
        assertThat(data.unreadableImages()).isEqualTo(3);
        assertThat(data.unreadableFiles()).extracting(ModelProvenance.UnreadableFile::file)
                .containsExactly(h.emptyFile(), h.cutFile(), "notes.jpg");
        assertThat(data.unreadableFiles().get(0).reason()).isEqualTo("empty file (0 bytes), not an image");

        Recorder resumed = new Recorder();
        new Trainer(new Trainer.Request(h.dataset(), h.source(), tiny(1, 1), null, null, out, true, false, false),
                resumed, Progress.NONE).run();
        assertThat(resumed.epochs).extracting(EpochReport::epoch).containsExactly(2);
        assertThat(ModelBundle.read(out).network().numInstances()).isEqualTo(22);
    }

    /** With strict, one unreadable image stops the run before training, and the message names every one. */
    @Test
    void strictStopsBeforeTrainingNamingEveryUnreadableImage() throws IOException {
        Hostile h = hostileShapes(dir.resolve("hostile"));
        Path out = dir.resolve("model.zip");
        Recorder recorder = new Recorder();
        assertThatThrownBy(() -> new Trainer(new Trainer.Request(h.dataset(), h.source(), tiny(1, 0), null, null, out,
                false, false, true), recorder, Progress.NONE).run())
                .isInstanceOf(org.dualpath.common.InputException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n")
                        .startsWith("3 of 32 images in " + h.source().images() + " could not be read: " + h.emptyFile()
                                + " (empty file (0 bytes), not an image), " + h.cutFile() + " (corrupt or truncated PNG")
                        .endsWith("), notes.jpg (not an image (the content is not JPEG, PNG, BMP or GIF)); fix or"
                                + " replace them, or train without --strict to leave them out"));
        assertThat(recorder.events).noneMatch(e -> e.startsWith("batch"));
        assertThat(out).doesNotExist();
        assertThat(Trainer.checkpointOf(out)).doesNotExist();
    }

    /** Training refuses to start only when too few readable training images are left, and says which were not. */
    @Test
    void tooFewReadableTrainingImagesAreRefusedNamingTheUnreadableOnes() throws IOException {
        Hostile h = hostileShapes(dir.resolve("hostile"));
        List<CocoImage> train = h.dataset().images(Split.TRAIN);
        for (CocoImage image : train.subList(1, train.size())) {
            Files.write(h.dataset().imagePath(image), new byte[0]);
        }
        Path out = dir.resolve("model.zip");
        assertThatThrownBy(() -> new Trainer(new Trainer.Request(h.dataset(), h.source(), tiny(1, 0), null, null, out,
                false, false, false), new Recorder(), Progress.NONE).run())
                .isInstanceOf(org.dualpath.common.InputException.class)
                .hasMessageStartingWith(h.dataset().name() + ": 1 training images that can be read; training needs at"
                        + " least 2 (check the split); 24 of 32 images in " + h.source().images() + " could not be read: "
                        + train.get(1).fileName() + " (empty file (0 bytes), not an image), ")
                .hasMessageEndingWith(" (+19 more); fix or replace them");
        assertThat(out).doesNotExist();
    }

    @Test
    void cancellingSavesACheckpointFirst() {
        Path out = dir.resolve("model.zip");
        AtomicBoolean stop = new AtomicBoolean();
        TrainingListener stopAfterFirstBatch = new TrainingListener() {
            @Override
            public void onBatch(int epoch, int batch, int batches, double loss) {
                stop.set(true);
            }
        };
        assertThatThrownBy(() -> new Trainer(new Trainer.Request(dataset, source, tiny(2, 0), null, null, out, false, false, false),
                stopAfterFirstBatch, Progress.cancellable(stop)).run()).isInstanceOf(CancellationException.class);
        assertThat(Files.exists(out)).isFalse();
        assertThat(ModelBundle.read(Trainer.checkpointOf(out)).training().path("epochsDone").asInt()).isZero();
    }
}
