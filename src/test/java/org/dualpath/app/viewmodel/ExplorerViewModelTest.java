package org.dualpath.app.viewmodel;

import org.dualpath.model.TinyModels;
import org.dualpath.projection.MapLayout;
import org.dualpath.projection.MapMethod;
import org.dualpath.projection.MapPoints;
import org.dualpath.projection.MapRegions;
import org.dualpath.store.EmbeddingStore;
import org.dualpath.store.TinyDataset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The explorer's session without the JavaFX toolkit or a display: the same-thread runner does each background job
 * at once, so every step of opening a dataset is done when the call returns.
 */
class ExplorerViewModelTest {
    @TempDir
    Path dir;
    private Preferences prefs;
    private ExplorerViewModel vm;
    private TinyDataset data;

    @BeforeEach
    void open() {
        prefs = Preferences.userRoot().node("dualpath-test/viewmodel-" + ProcessHandle.current().pid());
        vm = new ExplorerViewModel(new AppSettings(prefs), dir.resolve("embeddings"), TaskRunner.sameThread(), new ManualScheduler());
        data = TinyDataset.write(dir.resolve("tiny"), 6);
    }

    @AfterEach
    void forget() throws BackingStoreException {
        prefs.removeNode();
    }

    @Test
    void theDatasetOnTheCommandLineOpensForBrowsingWithoutAModelAndIsRemembered() {
        vm.start(List.of("--captions", data.captions().toString(), "--images", data.images().toString(),
                "--instances", data.instances().toString()));

        assertThat(vm.datasetProperty().get().dataset().images()).hasSize(6);
        assertThat(vm.gallery().items()).hasSize(6);
        assertThat(vm.titleProperty().get()).isEqualTo("DualPath Explorer — captions · no model");
        assertThat(vm.modelStatusProperty().get()).isEqualTo(ExplorerViewModel.NO_MODEL);
        assertThat(vm.statusMessage().get()).isEqualTo(ExplorerViewModel.NO_MODEL);
        assertThat(vm.jobs().busyProperty().get()).isFalse();
        assertThat(vm.searcherProperty().get()).isNull();
        assertThat(vm.notices()).containsExactly(new Notice(Notice.Level.INFO, "No model",
                ExplorerViewModel.NO_MODEL + "; browsing works without one"));
        assertThat(vm.settings().lastSession())
                .isEqualTo(new SessionSpec(data.captions(), data.images(), data.instances(), null, null));
    }

    /**
     * While the first dataset opened the sidebar said "no model: open one with File > Open model" although the model
     * loaded right after it, and "no dataset" twice (the collection and the gallery's count).
     */
    @Test
    void whileTheDatasetOpensTheSidebarNamesWhatIsComingAndSaysNoDatasetOnceAtMost() {
        Path model = dir.resolve("model.zip");
        TinyModels.bundle(3).write(model);
        List<String> modelPanel = new java.util.ArrayList<>(List.of(vm.modelStatusProperty().get()));
        vm.modelStatusProperty().addListener((obs, old, now) -> modelPanel.add(now));
        List<String> sidebar = new java.util.ArrayList<>();
        Runnable record = () -> sidebar.add(vm.collectionProperty().get() + "\n" + vm.gallery().summaryProperty().get());
        record.run();
        vm.collectionProperty().addListener((obs, old, now) -> record.run());

        vm.start(List.of("--captions", data.captions().toString(), "--images", data.images().toString(),
                "--model", model.toString()));

        assertThat(modelPanel).noneMatch(status -> status.contains(ExplorerViewModel.NO_MODEL))
                .contains("model.zip opens once the dataset is loaded");
        assertThat(modelPanel.get(modelPanel.size() - 1)).startsWith("model.zip · 16-d").contains(" · search ");
        assertThat(sidebar).contains("loading captions.json…\n")
                .allSatisfy(text -> assertThat(text.split("no dataset", -1)).hasSizeLessThanOrEqualTo(2));
        assertThat(sidebar.get(sidebar.size() - 1)).startsWith("captions\n6 images\n");
    }

    @Test
    void aDatasetWhoseImagesFolderIsMissingIsReportedAndTheOpenOneStays() {
        vm.openSession(new SessionSpec(data.captions(), data.images(), null, null, null));
        OpenDataset before = vm.datasetProperty().get();
        Path missing = dir.resolve("no-such-folder");

        vm.openSession(new SessionSpec(data.captions(), missing, null, null, null));

        assertThat(vm.notices()).filteredOn(n -> n.level() == Notice.Level.ERROR).singleElement()
                .satisfies(n -> assertThat(n.text()).contains("no-such-folder").contains("not a folder"));
        assertThat(vm.datasetProperty().get()).isSameAs(before);
        assertThat(vm.statusMessage().get()).isEqualTo(ExplorerViewModel.NO_MODEL);
        assertThat(vm.settings().lastSession().images()).isEqualTo(data.images());
    }

    /** An empty file among the images once made search unavailable for the whole dataset. */
    @Test
    void unreadableImagesAreLeftOutOfSearchNamedInTheStatusAndANoticeAndTheDetailsSayWhy() {
        TinyDataset bad = TinyDataset.writeWithBadImages(dir.resolve("bad"), 6);
        Path model = dir.resolve("model.zip");
        TinyModels.bundle(3).write(model);

        vm.openSession(new SessionSpec(bad.captions(), bad.images(), bad.instances(), null, model));

        assertThat(vm.searcherProperty().get()).isNotNull();
        assertThat(vm.modelStatusProperty().get()).contains(" · search 3 images, 12 captions · 3 images could not be read, left out");
        assertThat(vm.notices()).filteredOn(n -> n.level() == Notice.Level.WARNING).singleElement().satisfies(n -> {
            assertThat(n.title()).isEqualTo("Unreadable images");
            assertThat(n.text()).startsWith("3 images could not be read and were skipped: 2.png (empty file (0 bytes), not an image), 4.png (")
                    .contains("5.jpg (not an image");
        });
        assertThat(vm.gallery().items()).hasSize(6);

        vm.details().selectedProperty().set(vm.datasetProperty().get().dataset().image(2));
        assertThat(vm.details().unreadableProperty().get()).isEqualTo("This file cannot be read: empty file (0 bytes), "
                + "not an image. Repair or replace it and reopen the dataset to search it.");
        assertThat(vm.details().nearestNoteProperty().get()).isEqualTo("none: the image was left out of search");
        assertThat(vm.details().truthCaptions()).hasSize(2);

        vm.details().selectedProperty().set(vm.datasetProperty().get().dataset().image(3));
        assertThat(vm.details().unreadableProperty().get()).isEmpty();
        assertThat(vm.details().nearest()).hasSize(5);
    }
    /** File > Export as Parquet…: the store search uses with the Map tab's layout, read back by DuckDB. */
    @Test
    void theIndexIsExportedAsParquetWithTheMapsCoordinatesAndACancelLeavesNothing() throws Exception {
        Path model = dir.resolve("model.zip");
        TinyModels.bundle(3).write(model);
        vm.openSession(new SessionSpec(data.captions(), data.images(), data.instances(), null, model));
        vm.map().settings().subsetProperty().set(MapSettings.Subset.ALL);
        vm.map().settings().methodProperty().set(MapMethod.PCA);
        vm.map().open();
        Path out = dir.resolve("out/tiny.parquet");
        Files.createDirectories(out.getParent());

        vm.exportParquet(out);

        EmbeddingStore store = vm.searcherProperty().get().store();
        MapPoints points = vm.map().pointsProperty().get();
        MapLayout layout = vm.map().layoutProperty().get();
        int rows = store.images().size() + store.captions().size();
        assertThat(vm.notices()).last().isEqualTo(new Notice(Notice.Level.INFO, "Exported", "wrote " + out + ": "
                + store.images().size() + " images, " + store.captions().size() + " captions, 16-d vectors, "
                + points.size() + " rows placed by the map"));
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
            ResultSet count = sql.executeQuery("SELECT count(*), count(x) FROM read_parquet('" + out + "')");
            assertThat(count.next()).isTrue();
            assertThat(count.getInt(1)).isEqualTo(rows);
            assertThat(count.getInt(2)).isEqualTo(points.size());
            int caption = points.captionPoint(store.captions().id(4));
            ResultSet row = sql.executeQuery("SELECT vector, x, y, \"group\", cluster, label FROM read_parquet('" + out + "') "
                    + "WHERE kind = 'caption' AND id = " + store.captions().id(4));
            assertThat(row.next()).isTrue();
            Object[] vector = (Object[]) row.getArray(1).getArray();
            float[] read = new float[vector.length];
            for (int i = 0; i < read.length; i++) {
                read[i] = (Float) vector[i];
            }
            assertThat(read).containsExactly(store.captions().row(4));
            assertThat(row.getDouble(2)).isEqualTo(layout.x()[caption]);
            assertThat(row.getDouble(3)).isEqualTo(layout.y()[caption]);
            assertThat(row.getString(4)).isEqualTo(vm.map().groups()[caption]).isNotNull();
            MapRegions.Level coarse = vm.map().regions().levels().get(0);
            int cluster = coarse.clusters().cluster(caption);
            assertThat(row.getInt(5)).isEqualTo(cluster);
            assertThat(row.getString(6)).isEqualTo(coarse.label(cluster));
        }

        Path cancelled = dir.resolve("out/cancelled.parquet");
        vm.jobs().messageProperty().addListener((obs, old, text) -> {
            if (text.contains("writing")) {
                vm.cancel();
            }
        });
        vm.exportParquet(cancelled);
        assertThat(vm.statusMessage().get()).isEqualTo("Exporting cancelled.parquet: cancelled");
        try (Stream<Path> left = Files.list(out.getParent())) {
            assertThat(left).containsExactly(out);
        }
    }

    @Test
    void exportingAsParquetBeforeThereIsAnIndexSaysWhatToOpen() {
        vm.openSession(new SessionSpec(data.captions(), data.images(), null, null, null));

        vm.exportParquet(dir.resolve("none.parquet"));

        assertThat(vm.notices()).last().isEqualTo(new Notice(Notice.Level.ERROR, "Export as Parquet", "there is no "
                + "index to export yet: open a dataset and a model (File > Open model) and wait for the embedding to finish"));
        assertThat(dir.resolve("none.parquet")).doesNotExist();
    }
}
