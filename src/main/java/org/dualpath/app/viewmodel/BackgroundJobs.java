package org.dualpath.app.viewmodel;

import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.concurrent.Task;
import org.dualpath.common.InputException;
import org.dualpath.common.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Runs the explorer's work off the JavaFX thread. Long jobs (loading, generating, embedding) run one after the
 * other and the one running is shown in the status bar with its progress and can be cancelled; queries run on
 * their own thread and only the newest query's answer is delivered, so typing never waits for old queries.
 * Callbacks run on the JavaFX thread.
 */
public final class BackgroundJobs {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundJobs.class);

    /** Work that reports progress and checks for cancellation through {@link Progress}. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Progress progress) throws Exception;
    }

    private final ExecutorService jobs = Executors.newSingleThreadExecutor(daemon("dualpath-job"));
    private final ExecutorService queries = Executors.newSingleThreadExecutor(daemon("dualpath-query"));
    private final ObjectProperty<Task<?>> current = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("ready");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final Consumer<Notice> notices;
    private String idleMessage = "ready";

    public BackgroundJobs(Consumer<Notice> notices) {
        this.notices = notices;
        current.addListener((obs, old, task) -> {
            message.unbind();
            progress.unbind();
            busy.set(task != null);
            if (task != null) {
                message.bind(Bindings.concat(task.getTitle(), ": ", task.messageProperty()));
                progress.bind(task.progressProperty());
            } else {
                message.set(idleMessage);
                progress.set(0);
            }
        });
    }

    /** Queues a long job; {@code onSuccess} gets its result, failures become notifications. */
    public <T> Task<T> run(String title, Work<T> work, Consumer<T> onSuccess) {
        return run(title, work, onSuccess, e -> { });
    }

    /** As {@link #run(String, Work, Consumer)}, with {@code onFailure} called after the notification. */
    public <T> Task<T> run(String title, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        ProgressTask<T> task = new ProgressTask<>(title, work);
        task.setOnScheduled(e -> current.set(task));
        task.setOnSucceeded(e -> {
            finish(task);
            onSuccess.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            finish(task);
            Throwable error = task.getException();
            if (error instanceof CancellationException) {
                setIdleMessage(title + ": cancelled");
            } else {
                notices.accept(new Notice(Notice.Level.ERROR, title, describe(error)));
            }
            onFailure.accept(error);
        });
        task.setOnCancelled(e -> {
            finish(task);
            setIdleMessage(title + ": cancelled");
            onFailure.accept(new CancellationException("cancelled"));
        });
        jobs.execute(task);
        return task;
    }

    /** A new lane of queries: each lane delivers only the answer of its newest query. */
    public Lane lane() {
        return new Lane();
    }

    /** Queries whose older answers are dropped once a newer one is asked, so typing never waits for stale work. */
    public final class Lane {
        private final AtomicLong generation = new AtomicLong();

        private Lane() {
        }

        /**
         * Runs a query; {@code onResult} gets its answer, {@code onError} the message of a failure, but only
         * while no newer query has been started in this lane.
         */
        public <T> void submit(Work<T> work, Consumer<T> onResult, Consumer<String> onError) {
            long mine = generation.incrementAndGet();
            queries.execute(() -> {
                if (mine != generation.get()) {
                    return;
                }
                try {
                    T result = work.run(Progress.NONE);
                    Platform.runLater(() -> {
                        if (mine == generation.get()) {
                            onResult.accept(result);
                        }
                    });
                } catch (Exception | Error e) {
                    String text = describe(e);
                    Platform.runLater(() -> {
                        if (mine == generation.get()) {
                            onError.accept(text);
                        }
                    });
                }
            });
        }

        /** Drops the answers of the queries started so far. */
        public void discard() {
            generation.incrementAndGet();
        }
    }

    /** Cancels the long job now running. */
    public void cancel() {
        Task<?> task = current.get();
        if (task != null) {
            task.cancel();
        }
    }

    /** What the status bar says when no job runs. */
    public void setIdleMessage(String text) {
        idleMessage = text;
        if (current.get() == null) {
            message.set(text);
        }
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Stops the worker threads (running work is interrupted). */
    public void shutdown() {
        jobs.shutdownNow();
        queries.shutdownNow();
    }

    private void finish(Task<?> task) {
        if (current.get() == task) {
            current.set(null);
        }
    }

    /** One line for the user: input problems as they are, anything else with its type, since it is a bug. */
    static String describe(Throwable e) {
        if (e instanceof InputException) {
            return e.getMessage();
        }
        LOG.error("background job failed", e);
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** A JavaFX task that is also the {@link Progress} of the work it runs. */
    private static final class ProgressTask<T> extends Task<T> implements Progress {
        private final Work<T> work;

        ProgressTask(String title, Work<T> work) {
            this.work = work;
            updateTitle(title);
            updateMessage("starting");
            updateProgress(-1, 1);
        }

        @Override
        protected T call() throws Exception {
            return work.run(this);
        }

        @Override
        public void update(long done, long total, String text) {
            if (total > 0) {
                updateProgress(done, total);
            } else {
                updateProgress(-1, 1);
            }
            updateMessage(total > 0 ? text + " " + done + "/" + total : text);
        }
    }
}
