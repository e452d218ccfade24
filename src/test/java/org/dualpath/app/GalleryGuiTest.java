package org.dualpath.app;

import javafx.scene.control.IndexedCell;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.controlsfx.control.GridCell;
import org.dualpath.app.viewmodel.ExplorerViewModel;
import org.dualpath.app.viewmodel.Notice;
import org.dualpath.app.viewmodel.SessionSpec;
import org.dualpath.data.CocoImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Browsing a 20,000-image dataset without a model, and inputs that must not break the session. */
@Tag("slow")
@ExtendWith(ApplicationExtension.class)
class GalleryGuiTest {
    private static final int IMAGES = 20_000;

    @TempDir
    static Path dir;
    private static SessionSpec many;
    private static Preferences prefs;

    private ExplorerViewModel vm;

    @BeforeAll
    static void data() {
        many = AppFixtures.manyImages(dir.resolve("many"), IMAGES);
        prefs = Preferences.userRoot().node("dualpath-test/gallery-" + ProcessHandle.current().pid());
    }

    @AfterAll
    static void forget() throws BackingStoreException {
        prefs.removeNode();
    }

    @Start
    void start(Stage stage) throws BackingStoreException {
        vm = AppFixtures.explorer(stage, prefs, dir).vm();
        vm.openSession(many);
    }

    /** The gallery fills inside the load's completion on the FX thread; the rest of that completion runs after. */
    private void awaitGallery() throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.gallery().items().size() == IMAGES);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void largeGalleryScrollsToTheEndAndLoadsVisibleThumbnails(FxRobot robot) throws Exception {
        awaitGallery();
        assertThat(vm.modelStatusProperty().get()).isEqualTo(ExplorerViewModel.NO_MODEL);
        VirtualFlow<?> flow = robot.lookup("#gallery .virtual-flow").queryAs(VirtualFlow.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> visibleCells(robot).stream().allMatch(c -> image(c) != null));
        long decodedAtTop = thumbnailFiles();
        // A fling, faster than a thumbnail's settle time: the rows passed by are never decoded.
        robot.interact(() -> {
            for (int i = 0; i < 40; i++) {
                flow.scrollPixels(900);
            }
            flow.scrollTo(flow.getCellCount() - 1);
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> visibleCells(robot).stream()
                .anyMatch(c -> c.getItem() != null && c.getItem().id() == IMAGES && image(c) != null));
        List<GridCell<CocoImage>> cells = visibleCells(robot);
        assertThat(cells).isNotEmpty().allMatch(c -> c.getItem().id() > IMAGES - 200);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> visibleCells(robot).stream().allMatch(c -> image(c) != null));
        assertThat(thumbnailFiles() - decodedAtTop).isLessThanOrEqualTo(2L * cells.size());
    }

    private static long thumbnailFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("thumbs"))) {
            return files.count();
        }
    }

    @Test
    void imageSelectedElsewhereIsScrolledIntoTheGallery(FxRobot robot) throws Exception {
        awaitGallery();
        CocoImage far = vm.gallery().items().get(IMAGES / 2);
        robot.interact(() -> vm.details().selectedProperty().set(far));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> visibleCells(robot).stream().anyMatch(c -> c.getItem() == far));
        assertThat(visibleCells(robot)).noneMatch(c -> c.getItem().id() == 1);
    }

    @SuppressWarnings("unchecked")
    private static List<GridCell<CocoImage>> visibleCells(FxRobot robot) {
        return robot.lookup(".gallery-cell").queryAll().stream().map(n -> (GridCell<CocoImage>) n)
                .filter(c -> c.isVisible() && !c.isEmpty() && c.getItem() != null && c.getParent() instanceof IndexedCell<?> row
                        && row.isVisible() && row.getIndex() >= 0)
                .toList();
    }

    private static Object image(GridCell<CocoImage> cell) {
        return cell.lookup(".image-view") instanceof ImageView v ? v.getImage() : null;
    }

    @Test
    void missingImagesFolderIsReportedAndTheSessionStays(FxRobot robot) throws Exception {
        awaitGallery();
        SessionSpec broken = new SessionSpec(many.captions(), dir.resolve("no-such-folder"), null, null, null);
        robot.interact(() -> vm.openSession(broken));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.notices().stream().anyMatch(n -> n.level() == Notice.Level.ERROR));
        assertThat(vm.notices().stream().filter(n -> n.level() == Notice.Level.ERROR).findFirst().orElseThrow().text())
                .contains("no-such-folder").contains("not a folder");
        assertThat(vm.gallery().items()).hasSize(IMAGES);
    }

    @Test
    void modelOfAnotherDatasetIsReportedAndBrowsingGoesOn(FxRobot robot) throws Exception {
        awaitGallery();
        Path foreign = AppFixtures.tinyModel(dir.resolve("foreign.zip"), List.of("giraffe zebra elephant", "herd zebra"));
        robot.interact(() -> vm.openModel(foreign));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.notices().stream().anyMatch(n -> n.level() == Notice.Level.ERROR));
        assertThat(vm.notices().stream().filter(n -> n.level() == Notice.Level.ERROR).findFirst().orElseThrow().text())
                .contains("does not match dataset captions_many");
        assertThat(vm.searcherProperty().get()).isNull();
        assertThat(vm.gallery().items()).hasSize(IMAGES);
    }
}
