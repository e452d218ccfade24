package org.dualpath.app;

import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.dualpath.app.view.ExplorerView;
import org.dualpath.app.viewmodel.ExplorerViewModel;
import org.dualpath.data.shapes.ShapesGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * The set-up of the headless explorer tests: a 40-image shapes dataset (10 test images), an untrained model, an
 * explorer window with its own preferences node, opened on both. (TestFX only runs a {@code @Start} method declared
 * by the test class itself.)
 */
@ExtendWith(ApplicationExtension.class)
abstract class ShapesExplorerTest {
    @TempDir
    static Path dir;
    static ShapesGenerator.Result shapes;
    static Path model;
    private static Preferences prefs;

    ExplorerViewModel vm;
    ExplorerView view;

    @BeforeAll
    static void data() {
        shapes = AppFixtures.shapes(dir.resolve("shapes"), 30, 10);
        model = AppFixtures.tinyModel(dir.resolve("tiny.zip"), AppFixtures.captions(shapes));
        prefs = Preferences.userRoot().node("dualpath-test/explorer-" + ProcessHandle.current().pid());
    }

    @AfterAll
    static void forget() throws BackingStoreException {
        prefs.removeNode();
    }

    /**
     * Closes the notices a test left open: TestFX reuses the stage, and ControlsFX shows each notice in a window
     * of its own that would cover part of the next test's explorer.
     */
    @AfterEach
    void dismissNotices() {
        Window explorer = view == null ? null : view.scene().getWindow();
        Platform.runLater(() -> List.copyOf(Window.getWindows()).stream().filter(w -> w != explorer).forEach(Window::hide));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * Waits up to {@code seconds} for {@code condition}, evaluated on the JavaFX thread so that it never reads a list
     * or a node while an answer or a layout pass changes it.
     */
    static void awaitOnFxThread(long seconds, Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
    }

    /** Opens the explorer on the dataset and model; each test class calls it from its own {@code @Start} method. */
    void open(Stage stage) throws BackingStoreException {
        AppFixtures.Explorer explorer = AppFixtures.explorer(stage, prefs, dir);
        vm = explorer.vm();
        view = explorer.view();
        vm.openSession(AppFixtures.session(shapes, model));
    }
}
