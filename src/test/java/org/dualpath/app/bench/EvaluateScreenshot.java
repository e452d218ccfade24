package org.dualpath.app.bench;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.dualpath.app.view.ExplorerView;
import org.dualpath.app.view.ThumbnailLoader;
import org.dualpath.app.viewmodel.AppSettings;
import org.dualpath.app.viewmodel.DemoAssets;
import org.dualpath.app.viewmodel.EvaluateViewModel;
import org.dualpath.app.viewmodel.ExplorerViewModel;
import org.dualpath.data.image.ThumbnailCache;
import org.dualpath.eval.RecallReport;

import java.nio.file.Path;
import java.util.Locale;
import java.util.prefs.Preferences;

/**
 * Opens the explorer on the demo with its model, evaluates the test split in the Evaluate tab and shows the
 * per-category recall with the weakest category's worst queries listed, printing the figures. For the README's
 * screenshot: {@code ../shared/tools/gui-screenshot.sh shot.png 150 -- java -cp ...
 * org.dualpath.app.bench.EvaluateScreenshot [K]} (K = 1, 5 or 10, default 1). Caches go to
 * {@code target/screenshot-cache}; settings live in a preferences node of its own, removed when the window closes.
 */
public final class EvaluateScreenshot {
    private EvaluateScreenshot() {
    }

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    /** The screenshot's JavaFX application. */
    public static final class App extends Application {
        @Override
        public void start(Stage stage) throws Exception {
            Path dir = DemoAssets.datasetDir();
            if (!DemoAssets.generated(dir)) {
                throw new IllegalStateException("generate the demo first: open the explorer once (mvn javafx:run)");
            }
            int k = getParameters().getRaw().isEmpty() ? 1 : Integer.parseInt(getParameters().getRaw().get(0));
            Path cache = Path.of("target/screenshot-cache");
            Preferences prefs = Preferences.userRoot().node("dualpath-screenshot-" + ProcessHandle.current().pid());
            ExplorerViewModel vm = new ExplorerViewModel(new AppSettings(prefs), cache.resolve("embeddings"));
            ExplorerView view = new ExplorerView(vm, new ThumbnailLoader(new ThumbnailCache(cache.resolve("thumbnails")), 2,
                    64L << 20));
            view.show(stage);
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(1600);
            stage.setHeight(1000);
            EvaluateViewModel evaluate = vm.evaluation();
            evaluate.categoryKProperty().set(k);
            long[] started = {0};
            evaluate.resultProperty().addListener((obs, old, r) -> {
                if (r == null) {
                    return;
                }
                System.out.printf(Locale.ROOT, "evaluated in %.1f s: %s%n", (System.nanoTime() - started[0]) / 1e9,
                        evaluate.noteProperty().get());
                for (RecallReport.CategoryRecall c : evaluate.categories()) {
                    System.out.printf(Locale.ROOT, "%-10s %4d images i->t R@%d %.1f  %5d captions t->i R@%d %.1f%n",
                            c.category(), c.imageQueries(), k, c.imageToText(k), c.captionQueries(), k, c.textToImage(k));
                }
                Platform.runLater(() -> {
                    stage.getScene().getRoot().lookupAll(".tab-pane").forEach(node -> ((TabPane) node).getTabs().stream()
                            .filter(t -> "evaluate-categories-tab".equals(t.getId()))
                            .forEach(t -> ((TabPane) node).getSelectionModel().select(t)));
                    if (!evaluate.categories().isEmpty()) {
                        evaluate.failureCategoryProperty().set(evaluate.categories().get(0).category());
                    }
                });
            });
            vm.searcherProperty().addListener((obs, old, s) -> {
                if (s != null) {
                    started[0] = System.nanoTime();
                    view.showEvaluate();
                    evaluate.evaluate();
                }
            });
            stage.setOnHidden(e -> {
                try {
                    prefs.removeNode();
                } catch (Exception ignored) {
                    // a leftover test node only costs a few bytes
                }
            });
            vm.openSession(DemoAssets.session(dir, Path.of(DemoAssets.MODEL)));
        }
    }
}
