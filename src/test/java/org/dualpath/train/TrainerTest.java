package org.dualpath.train;

import org.dualpath.common.Hashes;
import org.dualpath.common.Progress;
import org.dualpath.common.Versions;
import org.dualpath.data.Dataset;
import org.dualpath.data.DatasetSource;
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

        @Override
        public void onEpoch(EpochReport report) {
            epochs.add(report);
        }

        @Override
        public void onMessage(String message) {
            messages.add(message);
        }
    }

    @Test
    void trainsBothStagesAndWritesAnInferenceModelWithItsMetrics() {
        Path out = dir.resolve("model.zip");
        Recorder recorder = new Recorder();
        new Trainer(new Trainer.Request(dataset, source, tiny(1, 1), null, null, out, false, false), recorder, Progress.NONE).run();

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
        new Trainer(new Trainer.Request(dataset, source, tiny(1, 0), null, null, out, false, false), new Recorder(),
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

        new Trainer(new Trainer.Request(dataset, source, tiny(1, 1), null, null, out, true, true), new Recorder(),
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
        assertThatThrownBy(() -> new Trainer(new Trainer.Request(dataset, source, oversized, null, null, out, false, false),
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
        new Trainer(new Trainer.Request(dataset, source, tiny(1, 0), null, null, out, false, false), new Recorder(), Progress.NONE).run();
        byte[] first = Files.readAllBytes(out);
        assertThatThrownBy(() -> new Trainer(new Trainer.Request(dataset, source, tiny(1, 0), null, null, out, false, false),
                new Recorder(), Progress.NONE).run()).hasMessageContaining("give --force to replace it");
        assertThat(Files.readAllBytes(out)).isEqualTo(first);

        Recorder forced = new Recorder();
        new Trainer(new Trainer.Request(dataset, source, tiny(1, 0), null, null, out, false, true), forced, Progress.NONE).run();
        assertThat(forced.messages).anyMatch(m -> m.startsWith("replacing the checkpoint of an earlier run at "));

        Recorder fresh = new Recorder();
        Path other = dir.resolve("other.zip");
        new Trainer(new Trainer.Request(dataset, source, tiny(1, 0), null, null, other, true, false), fresh, Progress.NONE).run();
        assertThat(fresh.messages).contains("no checkpoint at " + Trainer.checkpointOf(other) + " to resume: starting a new run");
    }

    @Test
    void resumeContinuesAfterTheLastFinishedEpoch() {
        Path out = dir.resolve("model.zip");
        new Trainer(new Trainer.Request(dataset, source, tiny(1, 0), null, null, out, false, false), new Recorder(), Progress.NONE).run();

        Recorder resumed = new Recorder();
        new Trainer(new Trainer.Request(dataset, source, tiny(1, 1), null, null, out, true, false), resumed, Progress.NONE).run();
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
        new Trainer(new Trainer.Request(dataset, source, tiny(3, 0), null, null, whole, false, false), uninterrupted, Progress.NONE).run();
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
            assertThatThrownBy(() -> new Trainer(new Trainer.Request(dataset, source, tiny(3, 0), null, null, out, false, false),
                    stopper, progress).run()).isInstanceOf(CancellationException.class);
            Recorder resumed = new Recorder();
            new Trainer(new Trainer.Request(dataset, source, tiny(3, 0), null, null, out, true, false), resumed, Progress.NONE).run();
            ModelBundle result = ModelBundle.read(out);
            assertThat(result.imageEncoder().params()).as("stopped at epoch %d batch %d", stopAt[0], stopAt[1])
                    .isEqualTo(expected);
            assertThat(result.textEncoder().params()).isEqualTo(expectedText);
            assertThat(resumed.epochs.get(resumed.epochs.size() - 1).loss())
                    .isEqualTo(uninterrupted.epochs.get(2).loss());
        }
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
        assertThatThrownBy(() -> new Trainer(new Trainer.Request(dataset, source, tiny(2, 0), null, null, out, false, false),
                stopAfterFirstBatch, Progress.cancellable(stop)).run()).isInstanceOf(CancellationException.class);
        assertThat(Files.exists(out)).isFalse();
        assertThat(ModelBundle.read(Trainer.checkpointOf(out)).training().path("epochsDone").asInt()).isZero();
    }
}
