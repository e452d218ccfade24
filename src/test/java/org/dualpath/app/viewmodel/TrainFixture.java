package org.dualpath.app.viewmodel;

import javafx.beans.property.ReadOnlyObjectWrapper;
import org.dualpath.app.AppFixtures;
import org.dualpath.common.Progress;
import org.dualpath.data.DatasetLoader;
import org.dualpath.store.TinyDataset;
import org.dualpath.train.Preset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * What the Train tab's view-model is tested on without the JavaFX toolkit: a tiny dataset open as in the explorer
 * (10 images, 6 of them for training), same-thread jobs, the models the explorer was asked to open, and a preset
 * that trains in a second.
 */
final class TrainFixture {
    final TinyDataset files;
    final SessionSpec session;
    final ReadOnlyObjectWrapper<OpenDataset> open = new ReadOnlyObjectWrapper<>();
    final List<Notice> notices = new ArrayList<>();
    final List<Path> opened = new ArrayList<>();

    TrainFixture(Path dir) {
        files = TinyDataset.write(dir.resolve("tiny"), 10);
        session = new SessionSpec(files.captions(), files.images(), files.instances(), null, null);
        open.set(OpenDataset.of(DatasetLoader.of(files.captions(), files.images()).instances(files.instances())
                .load(Progress.NONE)));
    }

    /** The demo preset shrunk to train in a second: 2 epochs (one per stage) of 3 batches of 2 images, 16-d. */
    static Preset tiny() {
        return AppFixtures.tinyPreset(1, 1, 2);
    }

    /** A Train tab over the open dataset with the tiny preset, its speed timed by {@code clock}. */
    TrainViewModel viewModel(LongSupplier clock) {
        TrainViewModel vm = new TrainViewModel(BackgroundJobs.sameThread(notices::add), open.getReadOnlyProperty(),
                () -> session, opened::add, clock);
        vm.presetProperty().set(tiny());
        return vm;
    }
}
