package org.dualpath.train;

import org.dualpath.common.InputException;
import org.dualpath.common.Progress;
import org.dualpath.data.Dataset;
import org.dualpath.data.DatasetSource;
import org.dualpath.store.TinyDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The checks before a run, shared by dualpath train and the Train tab: each bad setting is refused with one line
 * naming the value and, in the front end's own words, what to change.
 */
class TrainingCheckTest {
    @TempDir
    static Path data;
    static TinyDataset files;

    @TempDir
    Path dir;

    /** Words of the explorer's Train tab, to see that the checks use the advice they are given. */
    private static final TrainingAdvice FIELDS = new TrainingAdvice("the output model",
            example -> "choose a file name such as " + example, "tick Replace", "choose another output model",
            "choose a word-vector file", "choose a weights file", n -> "set Batch to " + n + " or less");

    @BeforeAll
    static void write() {
        files = TinyDataset.write(data, 10);
    }

    /** The tiny set split into {@code val} validation and {@code test} test images, the rest for training. */
    private static DatasetSource split(int val, int test) {
        return new DatasetSource(files.captions(), files.images(), null, null, 7, val, test);
    }

    private static Preset demo(int batch) {
        Preset p = Preset.shapesDemo();
        return p.withTraining(p.training().toBuilder().batchSize(batch).build());
    }

    private Trainer.Request request(DatasetSource source, Preset preset, Path vectors, Path weights, Path out,
                                    boolean resume) {
        Dataset dataset = source.load(Progress.NONE);
        return new Trainer.Request(dataset, source, preset, vectors, weights, out, resume, false, false);
    }

    private Trainer.Request request(DatasetSource source, Preset preset) {
        return request(source, preset, null, null, dir.resolve("model.zip"), false);
    }

    @Test
    void aSplitWithTooFewTrainingImagesOrNoneToValidateOnIsRefused() {
        assertThatThrownBy(() -> TrainingCheck.settings(request(split(0, 9), demo(2)), FIELDS))
                .isInstanceOf(InputException.class)
                .hasMessage("captions: 1 training images; training needs at least 2 (check the split)");
        assertThatThrownBy(() -> TrainingCheck.settings(request(split(0, 0), demo(2)), FIELDS))
                .hasMessage("captions: no validation or test images to measure recall on after each epoch; "
                        + "give the split validation or test images");
        assertThatCode(() -> TrainingCheck.settings(request(split(0, 2), demo(2)), FIELDS)).doesNotThrowAnyException();
    }

    @Test
    void aBatchLargerThanTheTrainingImagesNamesTheLargestThatFitsInTheFrontEndsWords() {
        assertThatThrownBy(() -> TrainingCheck.settings(request(split(2, 2), demo(128)), FIELDS))
                .hasMessage("batch size 128 is larger than the 6 training images of captions: set Batch to 6 or less");
        assertThatThrownBy(() -> TrainingCheck.settings(request(split(2, 2), demo(128)), TrainingAdvice.OPTIONS))
                .hasMessageEndingWith(": use --batch 6 or less");
    }

    @Test
    void aPresetWithoutItsWordVectorsOrBackboneWeightsIsRefused() throws IOException {
        Preset transfer = Preset.transfer().withTraining(Preset.transfer().training().toBuilder().batchSize(2).build());
        assertThatThrownBy(() -> TrainingCheck.settings(request(split(2, 2), transfer), FIELDS))
                .hasMessage("preset transfer needs pretrained word vectors: choose a word-vector file");
        Path missing = dir.resolve("glove.txt");
        assertThatThrownBy(() -> TrainingCheck.settings(request(split(2, 2), transfer, missing, null,
                dir.resolve("model.zip"), false), FIELDS))
                .hasMessage(missing + ": no such word-vector file; choose a word-vector file");
        Path vectors = Files.writeString(dir.resolve("vectors.txt"), "red 1 2\ncircle 3 4\n");
        assertThatThrownBy(() -> TrainingCheck.settings(request(split(2, 2), transfer, vectors, null,
                dir.resolve("model.zip"), false), FIELDS))
                .hasMessage("the mobilenet backbone needs a full Keras MobileNet v1 .h5 model file: choose a weights file");
        Path weights = dir.resolve("mobilenet.h5");
        assertThatThrownBy(() -> TrainingCheck.settings(request(split(2, 2), transfer, vectors, weights,
                dir.resolve("model.zip"), false), FIELDS))
                .hasMessage(weights + ": no such backbone weights file; choose a weights file");
    }

    /** A resumed run takes its vocabulary and backbone from the checkpoint: it needs neither file again. */
    @Test
    void aResumedRunNeedsNoVectorsOrWeights() throws IOException {
        Path out = dir.resolve("model.zip");
        Files.writeString(Trainer.checkpointOf(out), "a checkpoint");
        Preset transfer = Preset.transfer().withTraining(Preset.transfer().training().toBuilder().batchSize(2).build());
        assertThatCode(() -> TrainingCheck.beforeRun(request(split(2, 2), transfer, null, null, out, true), true, FIELDS))
                .doesNotThrowAnyException();
    }

    @Test
    void anOutputThatCannotBeWrittenIsNamedInTheFrontEndsWords() throws IOException {
        Path model = Files.writeString(dir.resolve("model.zip"), "an earlier model");
        assertThatThrownBy(() -> TrainingCheck.settings(request(split(2, 2), demo(2)), FIELDS))
                .hasMessage(model + ": a model file is already there; tick Replace");
        assertThatThrownBy(() -> TrainingCheck.settings(request(split(2, 2), demo(2), null, null, dir, false), FIELDS))
                .hasMessage(dir + ": is a folder; choose a file name such as " + dir.resolve("model.zip"));
        Path nowhere = dir.resolve("missing").resolve("model.zip");
        assertThatThrownBy(() -> TrainingCheck.settings(request(split(2, 2), demo(2), null, null, nowhere, false), FIELDS))
                .hasMessage(nowhere.getParent() + ": the folder for the output model does not exist; create it first");
    }

    /** The estimate is the network the preset builds on this data: a huge joint space cannot fit on any disk. */
    @Test
    void checkpointsEstimatedLargerThanTheDiskAreRefusedBeforeTraining() {
        Preset demo = demo(2);
        Preset huge = new Preset(demo.name(), demo.description(), demo.backbone(),
                demo.network().toBuilder().imageHiddenDim(1 << 20).embeddingDim(1 << 20).build(), demo.preprocessing(),
                demo.training(), demo.vocabularyMinCount(), demo.keepWordsWithoutVector(), demo.word2vecDim());
        assertThatThrownBy(() -> TrainingCheck.beforeRun(request(split(2, 2), huge), false, FIELDS))
                .isInstanceOf(InputException.class).hasMessageContaining(": no space for the checkpoints, ")
                .hasMessageEndingWith("; free some space or choose another output model");
        assertThatCode(() -> TrainingCheck.beforeRun(request(split(2, 2), demo), true, FIELDS)).doesNotThrowAnyException();
    }
}
