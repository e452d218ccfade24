package org.dualpath.app;

import javafx.scene.chart.LineChart;
import javafx.stage.Stage;
import org.dualpath.app.viewmodel.TrainViewModel;
import org.dualpath.train.Trainer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.prefs.BackingStoreException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Train tab end to end, headless, on the explorer's own threads: start a tiny run on the open dataset, see
 * its loss charted, cancel it, resume it, and find the new model open in the explorer.
 */
@Tag("slow")
class TrainGuiTest extends ShapesExplorerTest {
    @Start
    void start(Stage stage) throws BackingStoreException {
        open(stage);
    }

    @Test
    void startCancelResumeAndTheNewModelOpens(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.searcherProperty().get() != null);
        TrainViewModel train = vm.training();
        Path out = dir.resolve("trained.zip");
        robot.interact(() -> {
            view.showTrain();
            train.presetProperty().set(AppFixtures.tinyPreset(5, 5, 2));
            train.outputProperty().set(out);
        });
        assertThat(view.shownTab()).isEqualTo("Train");
        robot.clickOn("#train-start");
        awaitOnFxThread(60, () -> !train.loss().isEmpty());
        robot.clickOn("#train-cancel");
        awaitOnFxThread(60, () -> train.stateProperty().get() == TrainViewModel.State.CANCELLED);
        assertThat(Trainer.checkpointOf(out)).isRegularFile();
        assertThat(out).doesNotExist();
        assertThat(train.messageProperty().get()).endsWith("; Resume continues the run");

        robot.clickOn("#train-resume");
        awaitOnFxThread(120, () -> train.stateProperty().get() == TrainViewModel.State.FINISHED);
        awaitOnFxThread(60, () -> vm.modelStatusProperty().get().startsWith("trained.zip"));
        assertThat(vm.titleProperty().get()).endsWith("trained.zip");
        awaitOnFxThread(10, () -> {
            LineChart<?, ?> loss = robot.lookup("#train-loss").queryAs(LineChart.class);
            LineChart<?, ?> recall = robot.lookup("#train-recall").queryAs(LineChart.class);
            return loss.getData().get(0).getData().size() == train.loss().size()
                    && recall.getData().get(0).getData().size() == 10;
        });
        assertThat(train.epochs()).hasSize(10);
    }
}
