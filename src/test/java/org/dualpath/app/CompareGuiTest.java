package org.dualpath.app;

import javafx.scene.Node;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.dualpath.app.viewmodel.CompareViewModel;
import org.dualpath.app.viewmodel.ImageResult;
import org.dualpath.report.ComparedQuery;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.prefs.BackingStoreException;

import static org.assertj.core.api.Assertions.assertThat;

/** The Compare tab end to end, headless: the open model against a checkpoint, then a regressed query in Results
 * with both rankings and both maps linked. */
class CompareGuiTest extends ShapesExplorerTest {
    @Start
    void start(Stage stage) throws BackingStoreException {
        open(stage);
    }

    @Test
    void compareWithACheckpointClickARegressedQueryForBothRankingsThenLinkTheMaps(FxRobot robot) throws Exception {
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

        String listId = compare.regressed().isEmpty() ? "#compare-improved" : "#compare-regressed";
        ListView<?> list = robot.lookup(listId).queryAs(ListView.class);
        ComparedQuery first = (ComparedQuery) list.getItems().get(0);
        robot.interact(() -> list.getSelectionModel().select(0));
        robot.clickOn(robot.lookup(listId + " .list-cell").nth(0).queryAs(Node.class));
        awaitOnFxThread(30, () -> robot.lookup("#compared-b").tryQuery().isPresent());
        awaitOnFxThread(10, () -> view.shownTab().equals("Results"));
        // both models' rankings side by side, the ground truth marked in each at the rank the comparison found
        ListView<?> a = robot.lookup("#compared-a").queryAs(ListView.class);
        ListView<?> b = robot.lookup("#compared-b").queryAs(ListView.class);
        for (var entry : java.util.Map.of(a, first.rankA(), b, first.rankB()).entrySet()) {
            var truth = entry.getKey().getItems().stream().filter(i -> ((ImageResult) i).truth()).toList();
            assertThat(truth).hasSize(1);
            assertThat(((ImageResult) truth.get(0)).rank()).isEqualTo(entry.getValue());
            assertThat(((ImageResult) truth.get(0)).image().id()).isEqualTo(first.image().id());
        }
        assertThat(robot.lookup("#compared-a .truth").queryAll().stream().anyMatch(Node::isVisible)).isTrue();
        assertThat(robot.lookup("#query-summary").queryLabeled().getText()).startsWith("compared query: ");

        // both maps, then a selection in A rings the same items in B
        robot.interact(view::showCompare);
        robot.interact(() -> compare.maps().compute());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> compare.maps().b().finishedProperty().get());
        robot.interact(() -> compare.maps().a().select(0));
        assertThat(compare.maps().b().selectedPointsProperty().get()).hasSize(1);
        assertThat(compare.maps().b().pointsProperty().get().id(compare.maps().b().selectedPointsProperty().get()[0]))
                .isEqualTo(compare.maps().a().pointsProperty().get().id(0));
        assertThat(robot.lookup("#compare-map-b-canvas").tryQuery()).isPresent();
    }
}
