package org.dualpath.app.viewmodel;

import org.dualpath.common.InputException;
import org.dualpath.projection.MapMethod;
import org.dualpath.projection.MapPoints;
import org.dualpath.projection.MapRegions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
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

    @Test
    void theFinalLayoutsRegionsAreLabelledAndClickingALabelSelectsTheRegionAsTheLassoDoes() throws Exception {
        map.open();
        MapPoints points = map.pointsProperty().get();
        MapRegions regions = map.regionsProperty().get();
        assertThat(regions).isNotNull();
        assertThat(regions.levels()).hasSize(2);
        assertThat(map.labels()).isTrue();

        int caption = 0;
        while (points.kind(caption) != MapPoints.Kind.CAPTION) {
            caption++;
        }
        MapRegions.Region region = new MapRegions.Region(0, 0, List.of("red", "circle"), 0, 0, new int[]{0, 1, caption});
        map.selectRegion(region);
        assertThat(map.lassoSelection().pointsProperty().get()).containsExactly(0, 1, caption);
        assertThat(f.selection.pickedProperty().get())
                .isEqualTo(new HashSet<>(List.of(points.imageId(0), points.imageId(1), points.imageId(caption))));
        assertThat(map.lassoSelection().noteProperty().get()).startsWith("region “red circle”: 3 points (");

        // a hidden legend group's points are left out, as the lasso leaves them out
        int group = map.legendProperty().get().groupOfPoint()[0];
        map.toggleGroup(group);
        map.selectRegion(region);
        assertThat(map.lassoSelection().pointsProperty().get()).doesNotContain(0);

        Path csv = dir.resolve("regions.csv");
        map.exports().csv(csv);
        assertThat(Files.readAllLines(csv).get(1)).isEqualTo("kind,id,image_id,x,y,group,cluster,label,fine_cluster,fine_label");

        map.settings().labelsProperty().set(false);
        assertThat(map.labels()).isFalse();
        map.compute();
        assertThat(map.regionsProperty().get()).isNotNull().isNotSameAs(regions);
    }
}
