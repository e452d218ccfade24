package org.dualpath.app.viewmodel;

import javafx.collections.ListChangeListener;
import org.dualpath.model.DualPathModel;
import org.dualpath.model.ModelBundle;
import org.dualpath.train.EpochReport;

import org.dualpath.train.Trainer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs of the Train tab's view-model without the JavaFX toolkit: tiny runs (6 training images, batches of 2, a
 * 16-d network, a second of training each) through the same-thread runner, from the settings check to the model
 * f.opened in the explorer, with cancel, resume and the kept epochs.
 */
@Tag("slow")
class TrainViewModelRunTest {
    @TempDir
    Path dir;
    private TrainFixture f;
    private final List<String> progressTexts = new ArrayList<>();
    private long nanos;
    private TrainViewModel vm;

    @BeforeEach
    void setUp() {
        f = new TrainFixture(dir);
        vm = f.viewModel(() -> nanos += 1_000_000_000L);
        vm.progressTextProperty().addListener((obs, old, text) -> progressTexts.add(text));
    }

    private Path output() {
        return vm.outputProperty().get();
    }

    @Test
    void aRunReportsEveryStepAndEpochFinishesAndOpensTheModel() {
        List<TrainViewModel.State> states = new ArrayList<>();
        vm.stateProperty().addListener((obs, old, s) -> states.add(s));
        vm.loss().addListener((ListChangeListener<TrainViewModel.LossPoint>) c -> {
            if (vm.loss().size() == 1) {
                states.add(vm.stateProperty().get());
            }
        });
        vm.start();

        assertThat(states).containsExactly(TrainViewModel.State.CHECKING, TrainViewModel.State.RUNNING,
                TrainViewModel.State.RUNNING, TrainViewModel.State.FINISHED);
        assertThat(vm.loss()).extracting(TrainViewModel.LossPoint::step).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(vm.loss()).allMatch(p -> Double.isFinite(p.loss()) && p.loss() > 0);
        assertThat(vm.epochs()).extracting(EpochReport::epoch).containsExactly(1, 2);
        assertThat(vm.epochs().get(1).validation()).containsKeys("i2t_R@1", "t2i_R@10");
        assertThat(progressTexts.get(0)).startsWith("epoch 1/2 · batch 1/3 · loss ").doesNotContain("ETA");
        // one second per step on the test clock, 2 images a step: 4 steps left after the second
        assertThat(progressTexts.get(1)).startsWith("epoch 1/2 · batch 2/3 · loss ").endsWith(" · 2 samples/s · ETA 4 s");
        assertThat(vm.progressProperty().get()).isEqualTo(1.0);
        assertThat(vm.log()).anyMatch(m -> m.startsWith("training word2vec")).contains("wrote " + output());
        assertThat(vm.messageProperty().get()).isEqualTo("wrote " + output() + "; opening it in the explorer");
        assertThat(f.opened).containsExactly(output());
        assertThat(new DualPathModel(ModelBundle.read(output())).embedQuery("a red circle", DualPathModel.Options.PLAIN))
                .hasSize(16);
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(f.notices).isEmpty();
    }

    @Test
    void cancelLeavesACheckpointAndResumeFinishesTheRunWithEveryStepCharted() {
        vm.loss().addListener((ListChangeListener<TrainViewModel.LossPoint>) c -> {
            if (vm.loss().size() == 1) {
                vm.cancel();
            }
        });
        vm.start();

        assertThat(vm.stateProperty().get()).isEqualTo(TrainViewModel.State.CANCELLED);
        Path checkpoint = Trainer.checkpointOf(output());
        assertThat(vm.messageProperty().get())
                .isEqualTo("stopped: progress saved in " + checkpoint + "; Resume continues the run");
        assertThat(ModelBundle.read(checkpoint).training().path("batchesDone").asInt()).isEqualTo(1);
        assertThat(output()).doesNotExist();
        assertThat(vm.resumableProperty().get()).isTrue();
        assertThat(f.opened).isEmpty();

        vm.resume();
        assertThat(vm.stateProperty().get()).isEqualTo(TrainViewModel.State.FINISHED);
        assertThat(vm.loss()).extracting(TrainViewModel.LossPoint::step).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(vm.epochs()).extracting(EpochReport::epoch).containsExactly(1, 2);
        assertThat(vm.log()).anyMatch(m -> m.startsWith("resuming from " + checkpoint + " after epoch 0, batch 1"));
        assertThat(f.opened).containsExactly(output());
    }

    @Test
    void aCheckpointFromAnEarlierSessionCanBeResumed() {
        vm.loss().addListener((ListChangeListener<TrainViewModel.LossPoint>) c -> vm.cancel());
        vm.start();
        TrainViewModel later = new TrainViewModel(BackgroundJobs.sameThread(f.notices::add), f.open.getReadOnlyProperty(),
                () -> f.session, f.opened::add);
        later.presetProperty().set(TrainFixture.tiny());
        later.outputProperty().set(output());
        assertThat(later.resumableProperty().get()).isTrue();
        later.resume();
        assertThat(later.stateProperty().get()).isEqualTo(TrainViewModel.State.FINISHED);
        assertThat(later.loss()).extracting(TrainViewModel.LossPoint::step).as("the step after the checkpoint has no predecessor here")
                .containsExactly(3L, 4L, 5L, 6L);
    }

    @Test
    void theSwitchKeepsEveryEpochsCheckpoint() {
        vm.keepCheckpointsProperty().set(true);
        vm.start();
        assertThat(vm.stateProperty().get()).isEqualTo(TrainViewModel.State.FINISHED);
        Path folder = output().getParent();
        assertThat(folder.resolve("captions-shapes-demo.epoch1.zip")).isRegularFile();
        assertThat(folder.resolve("captions-shapes-demo.epoch2.zip")).isRegularFile();
        assertThat(vm.log()).contains("kept epoch 2 as " + folder.resolve("captions-shapes-demo.epoch2.zip"));
    }
}
