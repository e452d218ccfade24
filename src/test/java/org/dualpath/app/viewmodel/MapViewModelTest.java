package org.dualpath.app.viewmodel;

import org.dualpath.common.InputException;
import org.dualpath.projection.MapMethod;
import org.dualpath.projection.MapPoints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.prefs.BackingStoreException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Map tab's view-models without the JavaFX toolkit: the layout job runs at once on the test's thread. */
class MapViewModelTest {
    @TempDir
    Path dir;
    private ViewModelFixture f;
    private QueryViewModel query;
    private MapViewModel map;

    @BeforeEach
    void setUp() {
        f = new ViewModelFixture(dir);
        query = f.query();
        GalleryViewModel gallery = new GalleryViewModel(f.open.getReadOnlyProperty(), f.selection);
        map = new MapViewModel(f.jobs, f.open.getReadOnlyProperty(), f.searcher.getReadOnlyProperty(), query, gallery,
                f.selection, dir.resolve("maps"));
        map.settings().subsetProperty().set(MapSettings.Subset.ALL);
        map.settings().methodProperty().set(MapMethod.PCA);
        f.searcher.set(f.service);
        f.encoder.reset();
    }

    @AfterEach
    void tearDown() throws BackingStoreException {
        f.close();
    }

    @Test
    void theLayoutIsComputedThenReopenedFromTheCache() {
        map.open();
        MapPoints points = map.pointsProperty().get();
        assertThat(points.size()).isEqualTo(10 + f.dataset.captionCount());
        assertThat(map.finishedProperty().get()).isTrue();
        assertThat(map.layoutProperty().get().x()).hasSize(points.size());
        assertThat(map.noteProperty().get()).contains("computed in");
        assertThat(map.gapProperty().get()).startsWith("modality gap:");

        map.compute();
        assertThat(map.noteProperty().get()).endsWith("reopened from the cache");
    }

    @Test
    void theAnsweredQueryIsPlacedWithItsOwnVectorWithoutASecondPass() {
        map.open();
        query.textProperty().set("a red circle");
        query.commit();
        assertThat(f.encoder.textPasses()).isEqualTo(1);
        MapPlacement.PlacedQuery placed = map.placement().placedProperty().get();
        assertThat(placed.label()).isEqualTo("“a red circle”");
        assertThat(placed.scores()).hasSize(map.pointsProperty().get().size());
        assertThat(placed.hits()).isNotEmpty();

        query.clear();
        assertThat(map.placement().placedProperty().get()).isNull();
    }

    @Test
    void aClickFocusesTheImageAndALassoPicksTheGalleryImagesThroughTheSharedSelection() throws Exception {
        map.open();
        MapPoints points = map.pointsProperty().get();
        int caption = 0;
        while (points.kind(caption) != MapPoints.Kind.CAPTION) {
            caption++;
        }
        map.select(caption);
        assertThat(f.selection.focusedProperty().get().id()).isEqualTo(points.imageId(caption));

        assertThatThrownBy(() -> map.exports().selectionJson(dir.resolve("none.json")))
                .isInstanceOf(InputException.class).hasMessageContaining("draw a lasso");
        map.lasso(new double[]{-1e9, 1e9, 1e9, -1e9}, new double[]{-1e9, -1e9, 1e9, 1e9});
        assertThat(map.lassoSelection().pointsProperty().get()).hasSize(points.size());
        assertThat(f.selection.pickedProperty().get()).hasSize(10);
        assertThat(map.lassoSelection().noteProperty().get()).startsWith("lasso: " + points.size() + " points (10 images)");

        Path csv = dir.resolve("map.csv");
        map.exports().csv(csv);
        assertThat(Files.readAllLines(csv)).hasSize(points.size() + 2)
                .first().asString().startsWith("# 30 points (10 images + 20 captions) of the whole dataset: PCA");

        map.lassoSelection().clear();
        assertThat(f.selection.pickedProperty().get()).isNull();
    }
}
