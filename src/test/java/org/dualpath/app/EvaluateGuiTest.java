package org.dualpath.app;

import javafx.scene.chart.BarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.dualpath.app.viewmodel.EvaluateViewModel;
import org.dualpath.eval.FailureCase;
import org.dualpath.report.DescribedFailure;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;
import java.util.prefs.BackingStoreException;

import static org.assertj.core.api.Assertions.assertThat;

/** The Evaluate tab end to end, headless: evaluate, then click a failure and see it answered in Results. */
class EvaluateGuiTest extends ShapesExplorerTest {
    @Start
    void start(Stage stage) throws BackingStoreException {
        open(stage);
    }

    @Test
    void evaluateThenClickAFailureToSeeItsQueryWithTheGroundTruthMarked(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.searcherProperty().get() != null);
        robot.interact(view::showEvaluate);
        robot.clickOn("#evaluate-run");
        EvaluateViewModel evaluate = vm.evaluation();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> evaluate.resultProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        TableView<?> table = robot.lookup("#evaluate-table").queryAs(TableView.class);
        assertThat(table.getItems()).hasSize(2);
        assertThat(evaluate.resultProperty().get().rows().get(0).queries()).isEqualTo(10);

        ListView<?> failures = robot.lookup("#evaluate-failures").queryAs(ListView.class);
        assertThat(failures.getItems()).isNotEmpty();

        // per-category recall: one bar per category and direction; a click on a bar lists that category's failures
        robot.clickOn("By category");
        BarChart<?, ?> chart = robot.lookup("#evaluate-category-chart").queryAs(BarChart.class);
        awaitOnFxThread(10, () -> chart.getData().size() == 2 && !chart.getData().get(0).getData().isEmpty()
                && chart.getData().get(0).getData().get(0).getNode() != null);
        assertThat(chart.getData().get(0).getData()).hasSize(evaluate.categories().size());
        XYChart.Data<?, ?> strongest = chart.getData().get(1).getData().stream()
                .max(java.util.Comparator.comparingDouble(d -> ((Number) d.getXValue()).doubleValue())).orElseThrow();
        assertThat(((Number) strongest.getXValue()).doubleValue()).isPositive();
        robot.clickOn(strongest.getNode());
        String category = (String) strongest.getYValue();
        awaitOnFxThread(10, () -> category.equals(evaluate.failureCategoryProperty().get()));
        assertThat(evaluate.failures()).allMatch(x -> x.categories().contains(category));
        robot.interact(() -> evaluate.failureCategoryProperty().set(null));
        DescribedFailure first = evaluate.failures().get(0);
        assertThat(first.direction()).isEqualTo(FailureCase.Direction.TEXT_TO_IMAGE);
        robot.interact(() -> failures.getSelectionModel().select(0));
        robot.clickOn(robot.lookup("#evaluate-failures .list-cell").nth(0).queryAs(javafx.scene.Node.class));
        awaitOnFxThread(30, () -> vm.query().textProperty().get().equals(first.query())
                && vm.query().summaryProperty().get().contains("rank "));
        awaitOnFxThread(10, () -> view.shownTab().equals("Results"));
        // the gallery now shows the evaluated test split, so the caption's image ranks as in the evaluation
        assertThat(vm.query().summaryProperty().get())
                .contains("ground-truth image (the text is a dataset caption): rank " + first.rank() + " of 10");
    }
}
