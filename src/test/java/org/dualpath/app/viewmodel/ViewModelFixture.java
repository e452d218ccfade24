package org.dualpath.app.viewmodel;

import javafx.beans.property.ReadOnlyObjectWrapper;
import org.dualpath.common.Progress;
import org.dualpath.data.Dataset;
import org.dualpath.data.DatasetLoader;
import org.dualpath.model.DualPathModel;
import org.dualpath.model.TinyModels;
import org.dualpath.search.CountingEncoder;
import org.dualpath.search.QueryEncoder;
import org.dualpath.search.QueryService;
import org.dualpath.store.EmbeddingStore;
import org.dualpath.store.TinyDataset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * What the explorer's view-models are built on, without the JavaFX toolkit: a tiny dataset and model, a query
 * service over them whose encoder counts its passes, same-thread background jobs, a manual clock and the
 * properties ExplorerViewModel would own.
 */
final class ViewModelFixture {
    final TinyDataset files;
    final Dataset dataset;
    final CountingEncoder encoder;
    final QueryService service;
    final BackgroundJobs jobs;
    final ManualScheduler clock = new ManualScheduler();
    final List<Notice> notices = new ArrayList<>();
    final Selection selection = new Selection();
    final ReadOnlyObjectWrapper<OpenDataset> open = new ReadOnlyObjectWrapper<>();
    final ReadOnlyObjectWrapper<QueryService> searcher = new ReadOnlyObjectWrapper<>();
    final ReadOnlyObjectWrapper<LongPredicate> filter = new ReadOnlyObjectWrapper<>();
    final Preferences prefs;
    final AppSettings settings;

    ViewModelFixture(Path dir) {
        Path modelFile = dir.resolve("model.zip");
        TinyModels.bundle(3).write(modelFile);
        DualPathModel model = DualPathModel.load(modelFile);
        files = TinyDataset.write(dir.resolve("tiny"), 10);
        dataset = DatasetLoader.of(files.captions(), files.images()).instances(files.instances()).load(Progress.NONE);
        EmbeddingStore store = EmbeddingStore.openOrBuild(model, modelFile, dataset, dir.resolve("index"),
                DualPathModel.Options.PLAIN, Progress.NONE);
        encoder = new CountingEncoder(QueryEncoder.of(model, DualPathModel.Options.PLAIN));
        service = new QueryService(encoder, dataset, store);
        jobs = BackgroundJobs.sameThread(notices::add);
        prefs = Preferences.userRoot().node("dualpath-test/viewmodel-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        settings = new AppSettings(prefs);
        open.set(OpenDataset.of(dataset));
    }

    QueryViewModel query() {
        return new QueryViewModel(settings, jobs, open.getReadOnlyProperty(), searcher.getReadOnlyProperty(),
                filter.getReadOnlyProperty(), clock, notices::add);
    }

    /** The gallery of the open dataset, its filter the one searches use (as the explorer wires them). */
    GalleryViewModel gallery() {
        GalleryViewModel gallery = new GalleryViewModel(open.getReadOnlyProperty(), selection);
        filter.bind(gallery.filterProperty());
        return gallery;
    }

    void close() throws BackingStoreException {
        prefs.removeNode();
    }
}
