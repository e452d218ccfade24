package org.dualpath.app.viewmodel;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.dualpath.common.Progress;
import org.dualpath.common.TransferMeter;
import org.dualpath.data.CocoDownloads;
import org.dualpath.data.CocoLayout;
import org.dualpath.data.CocoPart;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The Get COCO dialog: which parts of which year into which folder, then a state machine over one
 * {@link CocoDownloads} run: {@link State#SIZING} (sizes, folder and free space), {@link State#READY}, then per file
 * {@link State#DOWNLOADING}, {@link State#VERIFYING}, {@link State#UNPACKING}, and {@link State#DONE} (the dataset
 * is opened), {@link State#CANCELLED} (the download is kept for the next start) or {@link State#FAILED}. The run is a
 * job aside: a download of 19 GB must not hold up the explorer's other jobs.
 */
public final class GetCocoViewModel {
    /** Where the dialog is. */
    public enum State { CHOOSING, SIZING, READY, DOWNLOADING, VERIFYING, UNPACKING, DONE, CANCELLED, FAILED }

    /** The progress shown at most this often (nanoseconds): a 64 KiB buffer read is far more frequent. */
    private static final long SHOW_EVERY_NANOS = 100_000_000L;

    private final BackgroundJobs jobs;
    private final CocoDownloads downloads;
    private final Consumer<SessionSpec> open;
    private final LongSupplier clock;
    private final IntegerProperty year = new SimpleIntegerProperty(CocoDownloads.YEARS.get(0));
    private final Map<CocoPart, BooleanProperty> parts = new EnumMap<>(CocoPart.class);
    private final ObjectProperty<Path> folder = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.CHOOSING);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper reading = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper file = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private AtomicBoolean cancel = new AtomicBoolean();

    /**
     * @param open   opens the dataset once it is there
     * @param clock  nanoseconds, for the rate ({@link System#nanoTime} in the explorer)
     */
    public GetCocoViewModel(BackgroundJobs jobs, CocoDownloads downloads, Path defaultFolder,
                            Consumer<SessionSpec> open, LongSupplier clock) {
        this.jobs = jobs;
        this.downloads = downloads;
        this.open = open;
        this.clock = clock;
        for (CocoPart part : CocoPart.values()) {
            parts.put(part, new SimpleBooleanProperty(part != CocoPart.TRAIN_IMAGES));
        }
        folder.set(defaultFolder);
    }

    /** Asks for the sizes and checks the folder and its free space; {@link State#READY} with a summary, or failed. */
    public void size() {
        List<CocoDownloads.Item> items = chosen();
        Path out = folder.get();
        state.set(State.SIZING);
        error.set("");
        jobs.runAside("Sizing COCO", p -> downloads.plan(items, out), plan -> {
            summary.set(plan.summary());
            state.set(State.READY);
        }, this::ended);
    }

    /** Downloads, verifies and unpacks the chosen parts, then opens the dataset. */
    public void start() {
        List<CocoDownloads.Item> items = chosen();
        Path out = folder.get();
        int chosenYear = year.get();
        AtomicBoolean flag = new AtomicBoolean();
        cancel = flag;
        error.set("");
        progress.set(0);
        reading.set("");
        state.set(State.SIZING);
        jobs.runAside("Getting COCO", p -> {
            CocoDownloads.Plan plan = downloads.plan(items, out);
            jobs.deliver(() -> summary.set(plan.summary()));
            downloads.fetch(plan, Progress.cancellable(shown(), flag), (item, phase) -> jobs.deliver(() -> {
                file.set(item.zipName());
                state.set(State.valueOf(phase.name()));
            }));
            return CocoLayout.find(out, chosenYear);
        }, this::finished, this::ended);
    }

    /** Stops the run; what was downloaded is kept for the next {@link #start}. */
    public void cancel() {
        cancel.set(true);
    }

    private void finished(Optional<CocoLayout> layout) {
        state.set(State.DONE);
        progress.set(1);
        if (layout.isPresent()) {
            CocoLayout l = layout.get();
            reading.set("opening " + l.captions().getFileName() + " with " + l.images().getFileName());
            open.accept(new SessionSpec(l.captions(), l.images(), l.instances(), l.karpathySplit(), null));
        } else {
            reading.set("done; no images folder with its captions file yet: get the images and the annotations");
        }
    }

    private void ended(Throwable e) {
        if (e instanceof CancellationException) {
            state.set(State.CANCELLED);
            reading.set("cancelled; what was downloaded is kept, Download resumes it");
        } else {
            state.set(State.FAILED);
            error.set(BackgroundJobs.describe(e));
        }
    }

    /** Reports on the worker thread, shown on the view-models' thread at most every {@link #SHOW_EVERY_NANOS}. */
    private Progress shown() {
        TransferMeter meter = new TransferMeter();
        long[] last = {Long.MIN_VALUE};
        return new Progress() {
            @Override
            public void update(long done, long total, String message) {
                long now = clock.getAsLong();
                meter.update(done, now);
                if (total > 0 && done < total && last[0] != Long.MIN_VALUE && now - last[0] < SHOW_EVERY_NANOS) {
                    return;
                }
                last[0] = now;
                double fraction = BackgroundJobs.fraction(done, total);
                String text = total < 0 && done == 0 ? message : meter.describe(done, total);
                jobs.deliver(() -> {
                    progress.set(fraction);
                    reading.set(text);
                });
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
    }

    private List<CocoDownloads.Item> chosen() {
        List<CocoDownloads.Item> items = new ArrayList<>();
        for (CocoPart part : CocoPart.values()) {
            if (parts.get(part).get()) {
                items.add(downloads.item(year.get(), part));
            }
        }
        return items;
    }

    /** True while a run or a sizing is under way. */
    public boolean running() {
        State s = state.get();
        return s == State.SIZING || s == State.DOWNLOADING || s == State.VERIFYING || s == State.UNPACKING;
    }

    public IntegerProperty yearProperty() {
        return year;
    }

    /** Whether {@code part} is to be fetched. */
    public BooleanProperty partProperty(CocoPart part) {
        return parts.get(part);
    }

    public ObjectProperty<Path> folderProperty() {
        return folder;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** The sizes and free space, once sized. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Bytes, rate and time left of the file in hand, or what happens now. */
    public ReadOnlyStringProperty readingProperty() {
        return reading.getReadOnlyProperty();
    }

    /** The zip in hand. */
    public ReadOnlyStringProperty fileProperty() {
        return file.getReadOnlyProperty();
    }

    /** The fraction of the file in hand that is done; -1 when unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** Why the last run failed, in one line; empty otherwise. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
