package org.dualpath.app;

import javafx.scene.Node;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.dualpath.app.viewmodel.CompareViewModel;
import org.dualpath.report.ComparedQuery;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.prefs.BackingStoreException;

import static org.assertj.core.api.Assertions.assertThat;

/** The Compare tab end to end, headless: the open model against a checkpoint, then a moved query run in Results. */
class CompareGuiTest extends ShapesExplorerTest {
    @Start
    void start(Stage stage) throws BackingStoreException {
        open(stage);
    }

    @Test
    void compareWithACheckpointThenClickAMovedQueryToRunItWithModelA(FxRobot robot) throws Exception {
        Path checkpoint = AppFixtures.tinyCheckpoint(dir.resolve("run.zip.checkpoint"), AppFixtures.captions(shapes), 24);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.searcherProperty().get() != null);
        robot.interact(view::showCompare);
        assertThat(view.shownTab()).isEqualTo("Compare");
        CompareViewModel compare = vm.comparison();
        robot.interact(() -> compare.openModelB(checkpoint));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> compare.resultProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        TableView<?> table = robot.lookup("#compare-table").queryAs(TableView.class);
        assertThat(table.getItems()).hasSize(6);
        assertThat(compare.resultProperty().get().comparison().images()).isEqualTo(10);
        assertThat(robot.lookup("#compare-models").queryLabeled().getText()).isEqualTo("A: tiny.zip   ·   B: run.zip.checkpoint");
        assertThat(robot.lookup("#compare-scatter").tryQuery()).isPresent();

        String listId = compare.improved().isEmpty() ? "#compare-regressed" : "#compare-improved";
        ListView<?> list = robot.lookup(listId).queryAs(ListView.class);
        ComparedQuery first = (ComparedQuery) list.getItems().get(0);
        robot.interact(() -> list.getSelectionModel().select(0));
        robot.clickOn(robot.lookup(listId + " .list-cell").nth(0).queryAs(Node.class));
        awaitOnFxThread(30, () -> vm.query().textProperty().get().equals(first.query())
                && vm.query().summaryProperty().get().contains("rank "));
        awaitOnFxThread(10, () -> view.shownTab().equals("Results"));
        // after a test-split comparison the gallery shows the test split, so model A's rank is the one listed
        assertThat(vm.query().summaryProperty().get()).contains("rank " + first.rankA() + " of 10");
    }
}
