package org.dualpath.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dualpath.common.InputException;
import org.dualpath.common.Progress;
import org.dualpath.data.Dataset;
import org.dualpath.data.DatasetSource;
import org.dualpath.model.NetworkConfig;
import org.dualpath.train.EpochCheckpoints;
import org.dualpath.train.EpochReport;
import org.dualpath.train.Preset;
import org.dualpath.train.Trainer;
import org.dualpath.train.TrainingAdvice;
import org.dualpath.train.TrainingCheck;
import org.dualpath.train.TrainingConfig;
import org.dualpath.train.TrainingListener;
import org.dualpath.train.TrainingOverrides;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code dualpath train}: trains a dual-path model in two stages and writes the model file. */
@Command(name = "train",
        mixinStandardHelpOptions = true,
        description = {"Train a dual-path model (stage I, then stage II) and write it as one .zip file.",
                "A checkpoint OUT.checkpoint is written after every epoch; --resume continues from it; "
                + "--keep-checkpoints keeps each epoch's as well.",
                "Ctrl-C stops after saving the checkpoint."})
final class TrainCommand implements Runnable {
    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DatasetOptions data;

    @Option(names = "--preset", required = true, paramLabel = "P",
            description = "shapes-demo, transfer or paper.")
    String preset;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Model file to write (.zip).")
    Path out;

    @Option(names = "--vectors", paramLabel = "FILE",
            description = "Word vectors (word2vec binary/text or GloVe text); default for shapes-demo: word2vec trained on the captions.")
    Path vectors;

    @Option(names = "--backbone-weights", paramLabel = "FILE", description = "Pretrained backbone file (.h5 or DL4J zip).")
    Path backboneWeights;

    @Option(names = "--config", paramLabel = "FILE",
            description = "JSON file overriding preset values: {\"training\": {...}, \"network\": {...}}.")
    Path config;

    @Option(names = "--epochs-stage1", paramLabel = "N", description = "Stage I epochs.")
    Integer epochsStage1;

    @Option(names = "--epochs-stage2", paramLabel = "M", description = "Stage II epochs.")
    Integer epochsStage2;

    @Option(names = "--batch", paramLabel = "B", description = "Batch size.")
    Integer batch;

    @Option(names = "--lr", paramLabel = "LR", description = "Base learning rate of both stages.")
    Double learningRate;

    @Option(names = "--threads", paramLabel = "T", description = "Threads for the math library (default: all cores).")
    Integer threads;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of initialisation, sampling and augmentation.")
    Long seed;

    @Option(names = "--keep-checkpoints", description = {"Keep every epoch's checkpoint beside the model as "
            + "OUT-without-.zip.epochN.zip (model.epoch3.zip), to compare epochs later."})
    boolean keepCheckpoints;

    @Option(names = "--resume", description = "Continue from OUT.checkpoint when it exists.")
    boolean resume;

    @Option(names = "--force", description = "Replace the model file OUT when it already exists.")
    boolean force;

    @Option(names = "--strict", description = {"Stop before training when an image cannot be read, naming every such "
            + "image; by default they are left out, named, and recorded in the model."})
    boolean strict;

    @Override
    public void run() {
        PrintWriter err = spec.commandLine().getErr();
        TrainingOverrides overrides = new TrainingOverrides(epochsStage1, epochsStage2, batch, learningRate, seed, threads);
        Preset chosen = overrides.applyTo(withConfig(Preset.named(preset)));
        overrides.applyThreads();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                finished.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "save-on-ctrl-c");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            DatasetSource source = data.source();
            Dataset dataset = source.load(Progress.NONE);
            err.printf(Locale.ROOT, "dataset %s: %s%n", dataset.name(), dataset.splitRecord());
            err.printf(Locale.ROOT, "preset %s: %s%n", chosen.name(), chosen.description());
            Progress progress = Progress.cancellable(new ConsoleProgress(err), stop);
            Trainer.Request request = new Trainer.Request(dataset, source, chosen, vectors, backboneWeights, out, resume, force,
                    strict);
            TrainingCheck.beforeRun(request, keepCheckpoints, TrainingAdvice.OPTIONS);
            TrainingListener listener = keepCheckpoints ? EpochCheckpoints.keeping(out, new ConsoleListener(err))
                    : new ConsoleListener(err);
            new Trainer(request, listener, progress).run();
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting because of Ctrl-C; the hook is waiting for us and will return now
            }
        }
    }

    /** The preset with the values of the --config file, when one is given. */
    private Preset withConfig(Preset p) {
        if (config == null) {
            return p;
        }
        JsonNode overrides = readConfig(config);
        TrainingConfig training = merge(p.training(), overrides.path("training"), TrainingConfig.class, "training");
        NetworkConfig network = merge(p.network(), overrides.path("network"), NetworkConfig.class, "network");
        return new Preset(p.name(), p.description(), p.backbone(), network, p.preprocessing(), training,
                p.vocabularyMinCount(), p.keepWordsWithoutVector(), p.word2vecDim());
    }

    private static JsonNode readConfig(Path file) {
        try {
            JsonNode node = JSON.readTree(file.toFile());
            if (node == null || !node.isObject()) {
                throw new InputException(file + ": expected a JSON object like {\"training\": {\"batchSize\": 32}}");
            }
            return node;
        } catch (IOException e) {
            throw new InputException(file + ": not a readable JSON config (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    private <T> T merge(T base, JsonNode overrides, Class<T> type, String section) {
        if (overrides.isMissingNode()) {
            return base;
        }
        ObjectNode tree = JSON.valueToTree(base);
        overrides.fields().forEachRemaining(e -> {
            if (!tree.has(e.getKey())) {
                throw new InputException(config + ": unknown " + section + " setting '" + e.getKey() + "'; known: "
                        + String.join(", ", (Iterable<String>) tree::fieldNames));
            }
            tree.set(e.getKey(), e.getValue());
        });
        try {
            return JSON.treeToValue(tree, type);
        } catch (IOException | IllegalArgumentException e) {
            throw new InputException(config + ": bad " + section + " value (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    /** Prints a progress line per few batches and a summary line per epoch. */
    private static final class ConsoleListener implements TrainingListener {
        private final PrintWriter err;
        private long lastBatchLine;

        ConsoleListener(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void onBatch(int epoch, int batch, int batches, double loss) {
            long now = System.nanoTime();
            if (now - lastBatchLine > 5_000_000_000L || batch == batches) {
                lastBatchLine = now;
                int width = 30;
                int filled = width * batch / batches;
                err.printf(Locale.ROOT, "epoch %d [%s%s] %d/%d loss %.4f%n", epoch, "#".repeat(filled),
                        ".".repeat(width - filled), batch, batches, loss);
                err.flush();
            }
        }

        @Override
        public void onEpoch(EpochReport r) {
            Map<String, Double> v = r.validation();
            String recall = v.isEmpty() ? "no validation images" : String.format(Locale.ROOT,
                    "image->text R@1/5/10 %.1f/%.1f/%.1f  text->image R@1/5/10 %.1f/%.1f/%.1f",
                    v.get("i2t_R@1"), v.get("i2t_R@5"), v.get("i2t_R@10"),
                    v.get("t2i_R@1"), v.get("t2i_R@5"), v.get("t2i_R@10"));
            err.printf(Locale.ROOT, "epoch %d/%d stage %s lr %.2g loss %.4f  %.0f samples/s  %.0f s  ETA %.0f s  | %s%n",
                    r.epoch(), r.totalEpochs(), r.stage() == 1 ? "I" : "II", r.learningRate(), r.loss(),
                    r.samplesPerSecond(), r.seconds(), r.etaSeconds(), recall);
            err.flush();
        }

        @Override
        public void onMessage(String message) {
            err.println(message);
            err.flush();
        }
    }
}
