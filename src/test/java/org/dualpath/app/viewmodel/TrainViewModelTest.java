package org.dualpath.app.viewmodel;

import javafx.collections.FXCollections;
import org.dualpath.train.Preset;
import org.dualpath.train.Trainer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Train tab's view-model without the JavaFX toolkit: tiny runs (6 training images, batches of 2, a 16-d
 * network) through the same-thread runner, from the settings check to the model f.opened in the explorer.
 */
class TrainViewModelTest {
    @TempDir
    Path dir;
    private TrainFixture f;
    private TrainViewModel vm;

    @BeforeEach
    void setUp() {
        f = new TrainFixture(dir);
        vm = f.viewModel(System::nanoTime);
    }

    private Path output() {
        return vm.outputProperty().get();
    }

    @Test
    void theOutputIsSuggestedBesideTheDatasetUntilOneIsChosen() {
        assertThat(output()).isEqualTo(f.files.captions().resolveSibling("captions-shapes-demo.zip"));
        Path chosen = dir.resolve("mine.zip");
        vm.outputProperty().set(chosen);
        vm.presetProperty().set(Preset.paper());
        assertThat(output()).isEqualTo(chosen);
    }

    /** A checkpoint left by an earlier session is resumed by a fresh view-model with the same output. */

    @Test
    void badSettingsAreRefusedBeforeTheRunInTheTabsWords() throws IOException {
        vm.presetProperty().set(Preset.transfer());
        vm.batchProperty().set("2");
        vm.start();
        assertThat(vm.stateProperty().get()).isEqualTo(TrainViewModel.State.REFUSED);
        assertThat(vm.messageProperty().get()).isEqualTo("preset transfer needs pretrained word vectors: choose a word-vector file");

        vm.presetProperty().set(TrainFixture.tiny());
        vm.batchProperty().set("many");
        vm.start();
        assertThat(vm.messageProperty().get()).isEqualTo("Batch: 'many' is not a whole number; type one, or leave the "
                + "field empty for the preset's value");

        vm.batchProperty().set("64");
        vm.start();
        assertThat(vm.messageProperty().get()).isEqualTo("batch size 64 is larger than the 6 training images of "
                + "captions: set Batch to 6 or less");

        vm.batchProperty().set("");
        vm.learningRateProperty().set("-1");
        vm.start();
        assertThat(vm.messageProperty().get()).isEqualTo("Learning rate: -1.0 is not a positive number; type one such as 0.001");

        vm.learningRateProperty().set("");
        Path earlier = Files.writeString(output(), "an earlier model");
        vm.start();
        assertThat(vm.messageProperty().get()).isEqualTo(earlier + ": a model file is already there; tick 'Replace a "
                + "finished model' to replace it, press Resume to continue its run, or choose another output model");

        Path nowhere = dir.resolve("missing").resolve("model.zip");
        vm.outputProperty().set(nowhere);
        vm.start();
        assertThat(vm.messageProperty().get())
                .isEqualTo(nowhere.getParent() + ": the folder for the output model does not exist; create it first");

        vm.outputProperty().set(dir.resolve("model.zip"));
        vm.datasetFilesProperty().set(new SessionSpec(dir.resolve("none.json"), f.files.images(), null, null, null));
        vm.start();
        assertThat(vm.stateProperty().get()).isEqualTo(TrainViewModel.State.REFUSED);
        assertThat(vm.messageProperty().get()).startsWith(dir.resolve("none.json").toString());

        assertThat(vm.loss()).isEmpty();
        assertThat(vm.epochs()).isEmpty();
        assertThat(f.opened).isEmpty();
        assertThat(Trainer.checkpointOf(dir.resolve("model.zip"))).doesNotExist();
        assertThat(vm.busyProperty().get()).isFalse();
    }

    /** An hour-long run keeps its whole curve in at most 1,000 points, each the mean of the steps it covers. */

    @Test
    void theLossCurveMergesNeighboursPastItsSize() {
        var points = FXCollections.<TrainViewModel.LossPoint>observableArrayList();
        TrainViewModel.LossCurve curve = new TrainViewModel.LossCurve(points);
        LongStream.rangeClosed(1, 4000).forEach(step -> curve.add(step, step % 2 == 0 ? 1 : 3));
        assertThat(points).hasSizeBetween(TrainViewModel.LossCurve.MAX_POINTS / 2, TrainViewModel.LossCurve.MAX_POINTS);
        assertThat(points).allMatch(p -> p.loss() == 2.0);
        for (int i = 1; i < points.size(); i++) {
            assertThat(points.get(i).step()).isGreaterThan(points.get(i - 1).step());
        }
        assertThat(points.get(points.size() - 1).step()).isEqualTo(4000);
    }

    @Test
    void durationsReadAsHoursMinutesOrSeconds() {
        assertThat(TrainViewModel.duration(12.4)).isEqualTo("12 s");
        assertThat(TrainViewModel.duration(250)).isEqualTo("4 min 10 s");
        assertThat(TrainViewModel.duration(3 * 3600 + 5 * 60)).isEqualTo("3 h 05 min");
    }
}
