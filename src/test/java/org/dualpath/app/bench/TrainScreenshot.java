package org.dualpath.app.bench;

import javafx.application.Application;
import javafx.collections.ListChangeListener;
import javafx.stage.Stage;
import org.dualpath.app.view.ExplorerView;
import org.dualpath.app.view.ThumbnailLoader;
import org.dualpath.app.viewmodel.AppSettings;
import org.dualpath.app.viewmodel.DemoAssets;
import org.dualpath.app.viewmodel.ExplorerViewModel;
import org.dualpath.app.viewmodel.TrainViewModel;
import org.dualpath.data.image.ThumbnailCache;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.prefs.Preferences;

/**
 * Opens the explorer on the demo dataset without a model, shows the Train tab and starts a short run of the demo
 * preset (3 + 3 epochs, every epoch kept) into {@code target/screenshot-train}, printing the tab's state and
 * progress as they change. For the README's screenshot of a run:
 * {@code ../shared/tools/gui-screenshot.sh shot.png 90 -- java -cp ... org.dualpath.app.bench.TrainScreenshot}.
 * Settings live in a preferences node of its own, removed when the window closes.
 */
public final class TrainScreenshot {
    private TrainScreenshot() {
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
            Path work = Files.createDirectories(Path.of("target/screenshot-train").toAbsolutePath());
            Preferences prefs = Preferences.userRoot().node("dualpath-screenshot-" + ProcessHandle.current().pid());
            ExplorerViewModel vm = new ExplorerViewModel(new AppSettings(prefs), work.resolve("embeddings"));
            ExplorerView view = new ExplorerView(vm, new ThumbnailLoader(new ThumbnailCache(work.resolve("thumbnails")), 2,
                    64L << 20));
            view.show(stage);
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(1600);
            stage.setHeight(1000);
            TrainViewModel train = vm.training();
            train.stateProperty().addListener((obs, old, s) -> System.out.println("state " + s + ": "
                    + train.messageProperty().get()));
            train.epochs().addListener((ListChangeListener<Object>) c ->
                    System.out.println(train.progressTextProperty().get()));
            vm.datasetProperty().addListener((obs, old, open) -> {
                if (open != null && old == null) {
                    view.showTrain();
                    train.outputProperty().set(work.resolve("demo-trained.zip"));
                    train.stage1EpochsProperty().set("3");
                    train.stage2EpochsProperty().set("3");
                    train.replaceProperty().set(true);
                    train.keepCheckpointsProperty().set(true);
                    train.start();
                }
            });
            stage.setOnHidden(e -> {
                try {
                    prefs.removeNode();
                } catch (Exception ignored) {
                    // a leftover test node only costs a few bytes
                }
            });
            vm.openSession(DemoAssets.session(dir, null));
        }
    }
}
