package org.dualpath.app.bench;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.control.MenuBar;
import javafx.stage.Stage;
import org.dualpath.app.view.ExplorerView;
import org.dualpath.app.view.ThumbnailLoader;
import org.dualpath.app.viewmodel.AppSettings;
import org.dualpath.app.viewmodel.ExplorerViewModel;
import org.dualpath.app.viewmodel.Notice;
import org.dualpath.app.viewmodel.SessionSpec;
import org.dualpath.common.Progress;
import org.dualpath.common.Unzip;
import org.dualpath.data.image.ThumbnailCache;
import org.dualpath.data.shapes.ShapesConfig;
import org.dualpath.data.shapes.ShapesGenerator;
import org.dualpath.projection.Modality;

import java.nio.file.Path;
import java.util.prefs.Preferences;

/**
 * Opens the explorer on a small shapes dataset with the shipped demo model, lays out a map of the captions (its tab
 * not shown: the map's thumbnail redraws kept the JavaFX thread of a loaded 2-core machine busy for minutes), exports the index
 * as Parquet to {@code target/screenshot-parquet/shapes.parquet} as File > Export as Parquet… does, and once the
 * notice is up opens the File menu. For the screenshot of the menu item and the notice:
 * {@code ../shared/tools/gui-screenshot.sh shot.png 60 -- java -cp ... org.dualpath.app.bench.ParquetExportScreenshot}.
 */
public final class ParquetExportScreenshot {
    private ParquetExportScreenshot() {
    }

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    /** The screenshot's JavaFX application. */
    public static final class App extends Application {
        @Override
        public void start(Stage stage) throws Exception {
            Path dir = Path.of("target", "screenshot-parquet").toAbsolutePath();
            Unzip.deleteTree(dir);
            Path data = dir.resolve("shapes");
            ShapesGenerator.generate(data, new ShapesConfig(40, 20, 42, ShapesConfig.Format.PNG, 1), Progress.NONE);
            Preferences prefs = Preferences.userRoot().node("dualpath-screenshot-" + ProcessHandle.current().pid());
            ExplorerViewModel vm = new ExplorerViewModel(new AppSettings(prefs), dir.resolve("cache/embeddings"));
            ThumbnailLoader thumbnails = new ThumbnailLoader(new ThumbnailCache(dir.resolve("cache/thumbnails")), 2, 64L << 20);
            ExplorerView view = new ExplorerView(vm, thumbnails);
            view.show(stage);
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(1400);
            stage.setHeight(900);
            vm.map().settings().modalityProperty().set(Modality.CAPTIONS);
            vm.searcherProperty().addListener((obs, old, s) -> {
                if (s != null) {
                    vm.map().open();
                }
            });
            vm.map().finishedProperty().addListener((obs, old, done) -> {
                if (done) {
                    System.err.println("map finished");
                    Platform.runLater(() -> vm.exportParquet(dir.resolve("shapes.parquet")));
                }
            });
            vm.notices().addListener((ListChangeListener<Notice>) c -> {
                while (c.next()) {
                    c.getAddedSubList().forEach(n -> {
                        System.err.println("notice " + n);
                        if (n.title().equals("Exported")) {
                            Platform.runLater(() -> ((MenuBar) stage.getScene().lookup(".menu-bar")).getMenus().get(0).show());
                        }
                    });
                }
            });
            stage.setOnHidden(e -> {
                try {
                    prefs.removeNode();
                } catch (Exception ignored) {
                    // a leftover test node only costs a few bytes
                }
            });
            vm.openSession(new SessionSpec(data.resolve(ShapesGenerator.CAPTIONS_FILE), data.resolve("images"),
                    data.resolve(ShapesGenerator.INSTANCES_FILE), data.resolve(ShapesGenerator.SPLIT_FILE),
                    Path.of("assets/models/shapes-demo.zip").toAbsolutePath()));
        }
    }
}
