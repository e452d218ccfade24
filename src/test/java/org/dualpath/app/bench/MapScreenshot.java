package org.dualpath.app.bench;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.dualpath.app.AppFixtures;
import org.dualpath.app.view.ExplorerView;
import org.dualpath.app.view.ThumbnailLoader;
import org.dualpath.app.viewmodel.AppSettings;
import org.dualpath.app.viewmodel.DemoAssets;
import org.dualpath.app.viewmodel.ExplorerViewModel;
import org.dualpath.app.viewmodel.MapViewModel;
import org.dualpath.common.Progress;
import org.dualpath.data.CocoCaption;
import org.dualpath.data.DatasetLoader;
import org.dualpath.data.image.ThumbnailCache;
import org.dualpath.data.shapes.ShapesGenerator;
import org.dualpath.projection.ColourBy;
import org.dualpath.projection.Modality;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.prefs.Preferences;

/**
 * Opens the explorer on the demo dataset (generated first if needed) with a model, shows the Map tab coloured by
 * category and places a text query, printing when the first frame and the final layout arrive. For screenshots:
 * {@code ../shared/tools/gui-screenshot.sh shot.png 120 -- java -cp ... org.dualpath.app.bench.MapScreenshot
 * [MODEL.zip] [images|captions|both] [QUERY]}. Without a model file an untrained 16-d model with the demo
 * captions' vocabulary is written to {@code target/untrained-demo.zip} and used (its map shows what random
 * networks separate, not what training learns). Caches go to {@code target/screenshot-cache}.
 */
public final class MapScreenshot {
    private MapScreenshot() {
    }

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    /** The screenshot's JavaFX application. */
    public static final class App extends Application {
        @Override
        public void start(Stage stage) throws Exception {
            List<String> args = getParameters().getRaw();
            Path dir = DemoAssets.datasetDir();
            if (!DemoAssets.generated(dir)) {
                throw new IllegalStateException("generate the demo first: open the explorer once (mvn javafx:run)");
            }
            Path model = args.isEmpty() || args.get(0).isBlank() ? untrained(dir) : Path.of(args.get(0));
            Modality modality = args.size() > 1 ? Modality.parse(args.get(1)) : Modality.BOTH;
            String query = args.size() > 2 ? args.get(2) : "a red circle left of a blue square";
            Path cache = Path.of("target/screenshot-cache");
            Preferences prefs = Preferences.userRoot().node("dualpath-screenshot-" + ProcessHandle.current().pid());
            ExplorerViewModel vm = new ExplorerViewModel(new AppSettings(prefs), cache.resolve("embeddings"));
            ThumbnailLoader thumbnails = new ThumbnailLoader(new ThumbnailCache(cache.resolve("thumbnails")), 2, 64L << 20);
            ExplorerView view = new ExplorerView(vm, thumbnails);
            view.show(stage);
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(1600);
            stage.setHeight(1000);
            MapViewModel map = vm.map();
            map.settings().modalityProperty().set(modality);
            map.settings().colourByProperty().set(ColourBy.CATEGORY);
            long[] started = {0, 0};
            map.layoutProperty().addListener((obs, old, l) -> {
                if (l != null && started[1] == 0 && started[0] > 0) {
                    started[1] = System.nanoTime();
                    System.out.printf(Locale.ROOT, "first frame after %.2f s%n", (started[1] - started[0]) / 1e9);
                }
            });
            map.finishedProperty().addListener((obs, old, done) -> {
                if (done) {
                    System.out.printf(Locale.ROOT, "final layout after %.2f s: %s%n", (System.nanoTime() - started[0]) / 1e9,
                            map.noteProperty().get());
                    System.out.println(map.gapProperty().get());
                    Platform.runLater(() -> vm.query().textProperty().set(query));
                }
            });
            vm.searcherProperty().addListener((obs, old, s) -> {
                if (s != null) {
                    started[0] = System.nanoTime();
                    view.showMap();
                }
            });
            stage.setOnHidden(e -> {
                try {
                    prefs.removeNode();
                } catch (Exception ignored) {
                    // a leftover test node only costs a few bytes
                }
            });
            vm.openSession(DemoAssets.session(dir, model));
        }
    }

    private static Path untrained(Path dir) throws Exception {
        Path file = Path.of("target/untrained-demo.zip").toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            var d = DatasetLoader.of(dir.resolve(ShapesGenerator.CAPTIONS_FILE), dir.resolve(ShapesGenerator.IMAGES_DIR))
                    .load(Progress.NONE);
            List<String> captions = d.images().stream().flatMap(i -> d.captions(i.id()).stream())
                    .map(CocoCaption::caption).toList();
            AppFixtures.tinyModel(file, captions);
        }
        return file;
    }
}
