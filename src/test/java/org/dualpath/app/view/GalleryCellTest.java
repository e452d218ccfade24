package org.dualpath.app.view;

import javafx.scene.Scene;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.controlsfx.control.GridCell;
import org.controlsfx.control.GridView;
import org.dualpath.app.viewmodel.AppSettings;
import org.dualpath.app.viewmodel.ExplorerViewModel;
import org.dualpath.app.viewmodel.Scheduler;
import org.dualpath.app.viewmodel.SessionSpec;
import org.dualpath.app.viewmodel.TaskRunner;
import org.dualpath.data.CocoImage;
import org.dualpath.data.image.ThumbnailCache;
import org.dualpath.store.TinyDataset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Gallery cells of images whose files cannot be read look unlike those still loading or loaded. */
@ExtendWith(ApplicationExtension.class)
class GalleryCellTest {
    @TempDir
    static Path dir;

    private Preferences prefs;

    /**
     * Shows the gallery in a stage of its own: TestFX hands every test class the same stage, and an explorer shown
     * on it earlier keeps handlers that save to that test's settings, removed by then.
     */
    @Start
    void start(Stage reused) {
        Stage stage = new Stage();
        prefs = Preferences.userRoot().node("dualpath-test/gallery-cell-" + ProcessHandle.current().pid());
        ExplorerViewModel vm = new ExplorerViewModel(new AppSettings(prefs), dir.resolve("embeddings"),
                TaskRunner.sameThread(), Scheduler.fx());
        TinyDataset bad = TinyDataset.writeWithBadImages(dir.resolve("bad"), 6);
        vm.openSession(new SessionSpec(bad.captions(), bad.images(), null, null, null));
        // never shut down: the grid may still ask for thumbnails after the test (daemon threads end with the JVM)
        ThumbnailLoader thumbnails = new ThumbnailLoader(new ThumbnailCache(dir.resolve("thumbs")), 1, 1 << 20);
        GridView<CocoImage> gallery = new GridView<>(vm.gallery().items());
        gallery.setCellWidth(GalleryCell.THUMB + 8);
        gallery.setCellHeight(GalleryCell.THUMB + 22);
        gallery.setCellFactory(g -> new GalleryCell(vm, thumbnails));
        stage.setScene(new Scene(gallery, 800, 400));
        stage.show();
    }

    @AfterEach
    void forget() throws BackingStoreException {
        prefs.removeNode();
    }

    @Test
    void anUnreadableImageShowsTheBrokenIconAndSaysSo(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> cell(robot, 6) != null
                && cell(robot, 6).lookup(".image-view").isVisible() && image(cell(robot, 6)).imageView().getImage() != null);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> LongStream.of(2, 4, 5)
                .allMatch(id -> image(cell(robot, id)).unreadableProperty().get()));
        for (long id : new long[]{2, 4, 5}) {
            GridCell<?> c = cell(robot, id);
            assertThat(c.getPseudoClassStates()).as("image " + id).contains(GalleryCell.UNREADABLE);
            assertThat(label(c)).isEqualTo("#" + id + " · cannot be read");
            assertThat(c.lookup(".unreadable-icon").isVisible()).isTrue();
            assertThat(c.lookup(".image-view").isVisible()).isFalse();
        }
        GridCell<?> readable = cell(robot, 6);
        assertThat(readable.getPseudoClassStates()).doesNotContain(GalleryCell.UNREADABLE);
        assertThat(label(readable)).isEqualTo("#6");
        assertThat(readable.lookup(".unreadable-icon").isVisible()).isFalse();
    }

    /** The cell showing image {@code id}; the flow also keeps a hidden row for measuring, with cells of the same images. */
    private static GridCell<?> cell(FxRobot robot, long id) {
        return robot.lookup(".gallery-cell").queryAll().stream().map(n -> (GridCell<?>) n)
                .filter(c -> c.getParent() instanceof IndexedCell<?> row && row.getIndex() >= 0
                        && row.getParent().isVisible() && c.getItem() instanceof CocoImage image && image.id() == id)
                .findFirst().orElse(null);
    }

    private static ThumbnailView image(GridCell<?> cell) {
        return (ThumbnailView) cell.lookup(".image-view").getParent();
    }

    private static String label(GridCell<?> cell) {
        return ((Label) cell.lookup(".gallery-label")).getText();
    }
}
