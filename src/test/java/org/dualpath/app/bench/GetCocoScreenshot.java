package org.dualpath.app.bench;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.dualpath.app.view.GetCocoDialog;
import org.dualpath.app.viewmodel.BackgroundJobs;
import org.dualpath.app.viewmodel.GetCocoViewModel;
import org.dualpath.common.Download;
import org.dualpath.common.LocalFileServer;
import org.dualpath.common.Unzip;
import org.dualpath.data.CocoDownloads;
import org.dualpath.data.CocoFixture;

import java.nio.file.Path;
import java.util.Map;

/**
 * Opens the Get COCO dialog on a local server that sends the test zips slowly (20 kB/s) and starts the download into
 * {@code target/screenshot-coco}, printing the dialog's state as it changes. For the README's screenshot of a
 * download in progress: {@code ../shared/tools/gui-screenshot.sh shot.png 8 -- java -cp ... org.dualpath.app.bench.GetCocoScreenshot}.
 */
public final class GetCocoScreenshot {
    private GetCocoScreenshot() {
    }

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    /** The screenshot's JavaFX application. */
    public static final class App extends Application {
        @Override
        public void start(Stage stage) throws Exception {
            Path out = Path.of("target", "screenshot-coco").toAbsolutePath();
            Unzip.deleteTree(out);
            LocalFileServer server = CocoFixture.serveAll(new LocalFileServer());
            server.throttle(20_000);
            CocoDownloads downloads = new CocoDownloads(server.base(), server.base().resolve("karpathy/caption_datasets.zip"),
                    Map.of(), new Download(), CocoDownloads::usableSpace);
            GetCocoViewModel vm = new GetCocoViewModel(new BackgroundJobs(n -> System.out.println(n)), downloads, out,
                    spec -> System.out.println("open " + spec), System::nanoTime);
            vm.stateProperty().addListener((o, was, now) -> System.out.println(now + " " + vm.fileProperty().get()));
            GetCocoDialog dialog = new GetCocoDialog(null, vm);
            dialog.setOnHidden(e -> {
                server.close();
                Platform.exit();
            });
            dialog.show();
            vm.start();
        }
    }
}
