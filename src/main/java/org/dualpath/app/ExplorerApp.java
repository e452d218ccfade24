package org.dualpath.app;

import javafx.application.Application;
import javafx.stage.Stage;
import org.dualpath.app.view.ExplorerView;
import org.dualpath.app.view.ThumbnailLoader;
import org.dualpath.app.viewmodel.AppSettings;
import org.dualpath.app.viewmodel.ExplorerViewModel;
import org.dualpath.data.image.ThumbnailCache;

/**
 * The DualPath Explorer application. The window is shown first; the dataset, ND4J and the model load in the
 * background afterwards, with progress in the status bar.
 */
public final class ExplorerApp extends Application {
    private static final long THUMBNAIL_MEMORY = 128L << 20;

    private ExplorerViewModel vm;
    private ThumbnailLoader thumbnails;

    @Override
    public void start(Stage stage) {
        vm = new ExplorerViewModel(AppSettings.user(), ThumbnailCache.defaultDirectory().resolveSibling("embeddings"));
        thumbnails = new ThumbnailLoader(new ThumbnailCache(), ThumbnailLoader.DEFAULT_THREADS, THUMBNAIL_MEMORY);
        new ExplorerView(vm, thumbnails).show(stage);
        vm.start(getParameters().getRaw());
    }

    @Override
    public void stop() {
        vm.shutdown();
        thumbnails.shutdown();
    }
}
