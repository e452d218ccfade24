package org.dualpath.app;

import java.util.prefs.BackingStoreException;
import org.testfx.framework.junit5.Start;
import javafx.stage.Stage;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.dualpath.app.view.ExplorerView;
import org.dualpath.app.viewmodel.MapPlacement;
import org.dualpath.app.viewmodel.MapViewModel;
import org.dualpath.common.Progress;
import org.dualpath.data.DatasetLoader;
import org.dualpath.data.shapes.ShapesGenerator;
import org.dualpath.projection.MapLayout;
import org.dualpath.projection.MapMethod;
import org.dualpath.projection.MapPoints;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The Map tab end to end, headless: a 40-image shapes dataset (10 test images) and an untrained model. */
class MapGuiTest extends ShapesExplorerTest {
    @Start
    void start(Stage stage) throws BackingStoreException {
        open(stage);
    }

    private MapViewModel openMap(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.searcherProperty().get() != null);
        robot.interact(view::showMap);
        MapViewModel map = vm.map();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> map.finishedProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        current = view;
        return map;
    }

    @Test
    void mapOpensAndHoverAndClickFollowInTheDetailsPane(FxRobot robot) throws Exception {
        MapViewModel map = openMap(robot);
        // region labels can sit over points, and this test clicks points
        robot.interact(() -> map.settings().labelsProperty().set(false));
        MapPoints points = map.pointsProperty().get();
        assertThat(points.count(MapPoints.Kind.IMAGE)).isEqualTo(10);
        assertThat(points.count(MapPoints.Kind.CAPTION)).isGreaterThanOrEqualTo(10);
        assertThat(robot.lookup("#map-note").queryAs(Label.class).getText())
                .contains("(10 images + ", "of the test split: Barnes-Hut t-SNE", "seed 42")
                .containsPattern("computed in [0-9.]+ s|reopened from the cache");
        assertThat(robot.lookup("#map-gap").queryAs(Label.class).getText()).startsWith("modality gap: ");
        assertThat(robot.lookup("#map-legend").queryAs(VBox.class).getChildren()).hasSizeGreaterThan(1);

        int image = isolated(points, MapPoints.Kind.IMAGE);
        Point2D at = view.mapPointOnScreen(image);
        robot.moveTo(at);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#map-hover").query().isVisible());
        var file = vm.datasetProperty().get().dataset().image(points.imageId(image)).fileName();
        assertThat(robot.lookup("#map-hover").queryAs(VBox.class).getChildren().get(1)).isInstanceOfSatisfying(Label.class,
                l -> assertThat(l.getText()).contains(file));

        robot.clickOn(at);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.details().selectedProperty().get().id()).isEqualTo(points.imageId(image));
        assertThat(vm.details().headingProperty().get()).startsWith(file);

        int caption = isolated(points, MapPoints.Kind.CAPTION);
        robot.moveTo(view.mapPointOnScreen(caption));
        String text = vm.datasetProperty().get().caption(points.id(caption)).caption();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ((Label) robot.lookup("#map-hover").queryAs(VBox.class)
                .getChildren().get(1)).getText().contains(text));
        robot.clickOn(view.mapPointOnScreen(caption));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.details().selectedProperty().get().id()).isEqualTo(points.imageId(caption));
    }

    @Test
    void reopeningUsesTheCacheAndAQueryIsPlacedWithRays(FxRobot robot) throws Exception {
        MapViewModel map = openMap(robot);
        MapLayout first = map.layoutProperty().get();
        robot.interact(map::compute);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> map.finishedProperty().get());
        assertThat(map.noteProperty().get()).endsWith("reopened from the cache");
        assertThat(map.layoutProperty().get().x()).containsExactly(first.x());
        assertThat(Files.list(dir.resolve("maps"))).isNotEmpty();

        robot.interact(() -> vm.query().textProperty().set("a red circle"));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> map.placement().placedProperty().get() != null);
        MapPlacement.PlacedQuery q = map.placement().placedProperty().get();
        assertThat(q.label()).isEqualTo("“a red circle”");
        assertThat(q.hits()).isNotEmpty();
        assertThat(q.scores()).hasSize(map.pointsProperty().get().size());

        // exact t-SNE is fine for these few points; the lasso around everything narrows the gallery to the mapped images
        robot.interact(() -> map.settings().methodProperty().set(MapMethod.TSNE));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> map.finishedProperty().get()
                && map.noteProperty().get().contains("exact t-SNE"));
        robot.interact(() -> map.lasso(new double[]{-1e9, 1e9, 1e9, -1e9}, new double[]{-1e9, -1e9, 1e9, 1e9}));
        assertThat(map.lassoSelection().pointsProperty().get()).hasSize(map.pointsProperty().get().size());
        assertThat(vm.gallery().items()).hasSize(10);
        assertThat(vm.gallery().summaryProperty().get()).contains("lasso selection");
        Path json = dir.resolve("selection.json");
        robot.interact(() -> map.exports().selectionJson(json));
        assertThat(DatasetLoader.of(json, shapes.directory().resolve(ShapesGenerator.IMAGES_DIR)).load(Progress.NONE)
                .images()).hasSize(10);
        robot.interact(map.lassoSelection()::clear);
        assertThat(vm.gallery().items()).hasSize(40);
    }

    /**
     * The point of a kind farthest from every other point on the map, so that the mouse finds exactly it, among
     * those well inside the canvas (a point at its edge can sit under a label or the legend).
     */
    private static int isolated(MapPoints points, MapPoints.Kind kind) throws Exception {
        javafx.scene.Node canvas = current.scene().lookup("#map-canvas");
        javafx.geometry.Bounds inside = canvas.localToScreen(canvas.getBoundsInLocal());
        int best = -1;
        double bestGap = -1;
        for (int i = 0; i < points.size(); i++) {
            Point2D at = current.mapPointOnScreen(i);
            if (points.kind(i) != kind || at.getX() < inside.getMinX() + MARGIN || at.getX() > inside.getMaxX() - MARGIN
                    || at.getY() < inside.getMinY() + MARGIN || at.getY() > inside.getMaxY() - MARGIN) {
                continue;
            }
            double gap = Double.POSITIVE_INFINITY;
            for (int j = 0; j < points.size(); j++) {
                if (j != i) {
                    gap = Math.min(gap, distance(i, j));
                }
            }
            if (gap > bestGap) {
                bestGap = gap;
                best = i;
            }
        }
        return best;
    }

    private static final double MARGIN = 40;
    private static ExplorerView current;

    private static double distance(int i, int j) {
        Point2D a = current.mapPointOnScreen(i);
        Point2D b = current.mapPointOnScreen(j);
        return a.distance(b);
    }
}
