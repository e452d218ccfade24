package org.dualpath.app.bench;

import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.stage.Stage;
import org.dualpath.app.view.ExplorerView;
import org.dualpath.app.view.ThumbnailLoader;
import org.dualpath.app.viewmodel.AppSettings;
import org.dualpath.app.viewmodel.CompareViewModel;
import org.dualpath.app.viewmodel.DemoAssets;
import org.dualpath.app.viewmodel.ExplorerViewModel;
import org.dualpath.data.image.ThumbnailCache;

import java.nio.file.Path;
import java.util.Locale;
import java.util.prefs.Preferences;

/**
 * Opens the explorer on the demo dataset with model A, shows the Compare tab and compares with model B on the test
 * split, printing how long model B's embedding and the comparison took and the frame time while the window is
 * resized, with the scatter empty and then full (the demo's 5,000 test captions), then lays out both maps. Its settings live in a preferences node of its
 * own, so the user's last session is untouched. For screenshots: {@code ../shared/tools/gui-screenshot.sh shot.png
 * 90 -- java -cp ... org.dualpath.app.bench.CompareScreenshot MODEL_A.zip MODEL_B.zip}. Caches go to
 * {@code target/screenshot-cache}.
 */
public final class CompareScreenshot {
    private static final int RESIZE_FRAMES = 60;

    private CompareScreenshot() {
    }

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    /** The screenshot's JavaFX application. */
    public static final class App extends Application {
        @Override
        public void start(Stage stage) {
            Path dir = DemoAssets.datasetDir();
            if (!DemoAssets.generated(dir)) {
                throw new IllegalStateException("generate the demo first: open the explorer once (mvn javafx:run)");
            }
            Path modelA = Path.of(getParameters().getRaw().get(0));
            Path modelB = Path.of(getParameters().getRaw().get(1));
            Path cache = Path.of("target/screenshot-cache");
            Preferences prefs = Preferences.userRoot().node("dualpath-screenshot-" + ProcessHandle.current().pid());
            ExplorerViewModel vm = new ExplorerViewModel(new AppSettings(prefs), cache.resolve("embeddings"));
            ExplorerView view = new ExplorerView(vm, new ThumbnailLoader(new ThumbnailCache(cache.resolve("thumbnails")),
                    2, 64L << 20));
            view.show(stage);
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(1600);
            stage.setHeight(1000);
            CompareViewModel compare = vm.comparison();
            long[] started = {0};
            vm.searcherProperty().addListener((obs, old, s) -> {
                if (s != null && started[0] == 0) {
                    view.showCompare();
                    measureResizing(stage, 0, () -> {
                        started[0] = System.nanoTime();
                        compare.openModelB(modelB);
                    });
                }
            });
            compare.resultProperty().addListener((obs, old, r) -> {
                if (r != null) {
                    System.out.printf(Locale.ROOT, "model B embedded and compared after %.1f s: %s%n",
                            (System.nanoTime() - started[0]) / 1e9, compare.noteProperty().get());
                    measureResizing(stage, compare.shownProperty().get().queries().size(), () -> compare.maps().compute());
                }
            });
            stage.setOnHidden(e -> {
                try {
                    prefs.removeNode();
                } catch (Exception ignored) {
                    // a leftover screenshot node only costs a few bytes
                }
            });
            vm.openSession(DemoAssets.session(dir, modelA));
        }

        /**
         * Resizes the window by a few pixels each frame and prints the mean frame time, then restores its width and
         * runs {@code then}.
         */
        private static void measureResizing(Stage stage, int points, Runnable then) {
            double width = stage.getWidth();
            new AnimationTimer() {
                private long first;
                private int frames;

                @Override
                public void handle(long now) {
                    if (frames == 0) {
                        first = now;
                    }
                    frames++;
                    stage.setWidth(frames % 2 == 0 ? width : width - 40);
                    if (frames == RESIZE_FRAMES + 1) {
                        stop();
                        stage.setWidth(width);
                        System.out.printf(Locale.ROOT, "Compare tab with %,d points: %.1f ms per frame while resizing%n",
                                points, (now - first) / 1e6 / RESIZE_FRAMES);
                        then.run();
                    }
                }
            }.start();
        }
    }
}
