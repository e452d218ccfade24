package org.dualpath.app.viewmodel;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.concurrent.Task;
import org.dualpath.common.InputException;
import org.dualpath.common.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Runs the explorer's work off the JavaFX thread. Long jobs (loading, generating, embedding) run one after the
 * other and the one running is shown in the status bar with its progress and can be cancelled; queries run on
 * their own thread and only the newest query's answer is delivered, so typing never waits for old queries.
 * Callbacks run on the JavaFX thread. Where the work runs is the {@link TaskRunner}'s: tests of view-models run it
 * at once on their own thread ({@link #sameThread}).
 */
public final class BackgroundJobs {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundJobs.class);

    /** Work that reports progress and checks for cancellation through {@link Progress}. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Progress progress) throws Exception;
    }

    private final TaskRunner runner;
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("ready");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final Consumer<Notice> notices;
    private Task<?> current;
    private String idleMessage = "ready";

    /** The explorer's jobs: on worker threads, with callbacks on the JavaFX thread. */
    public BackgroundJobs(Consumer<Notice> notices) {
        this(notices, TaskRunner.javaFx());
    }

    /** Jobs run by {@code runner}; failures become {@code notices}. */
    public BackgroundJobs(Consumer<Notice> notices, TaskRunner runner) {
        this.notices = notices;
        this.runner = runner;
    }

    /** Jobs whose work and callbacks run at once on the caller's thread: for tests without the JavaFX toolkit. */
    public static BackgroundJobs sameThread(Consumer<Notice> notices) {
        return new BackgroundJobs(notices, TaskRunner.sameThread());
    }

    /** Queues a long job; {@code onSuccess} gets its result, failures become notifications. */
    public <T> Task<T> run(String title, Work<T> work, Consumer<T> onSuccess) {
        return run(title, work, onSuccess, e -> { });
    }

    /** As {@link #run(String, Work, Consumer)}, with {@code onFailure} called after the notification. */
    public <T> Task<T> run(String title, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        return runner.runJob(title, work, new TaskRunner.JobListener<>() {
            private Task<T> job;

            @Override
            public void started(Task<T> started) {
                job = started;
                current = started;
                busy.set(true);
                show(title, -1, "starting");
            }

            @Override
            public void progressed(double fraction, String text) {
                if (current == job) {
                    show(title, fraction, text);
                }
            }

            @Override
            public void succeeded(T value) {
                finish(job);
                onSuccess.accept(value);
            }

            @Override
            public void failed(Throwable error) {
                finish(job);
                if (error instanceof CancellationException) {
                    setIdleMessage(title + ": cancelled");
                } else {
                    notices.accept(new Notice(Notice.Level.ERROR, title, describe(error)));
                }
                onFailure.accept(error);
            }
        });
    }

    /**
     * Starts a long job at once on a thread of its own ({@link TaskRunner#runAside}), not shown in the status bar and
     * not cancelled by its button: a training run that shows its own progress and stops through its own flag, so
     * that it saves a checkpoint first. {@code onSuccess} gets its result and {@code onFailure} its error, on the
     * thread the view-models live on; the caller words the failure ({@link #describe}).
     */
    public <T> Task<T> runAside(String title, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        return runner.runAside(title, work, new TaskRunner.JobListener<>() {
            @Override
            public void started(Task<T> job) {
            }

            @Override
            public void progressed(double fraction, String text) {
            }

            @Override
            public void succeeded(T value) {
                onSuccess.accept(value);
            }

            @Override
            public void failed(Throwable error) {
                onFailure.accept(error);
            }
        });
    }

    private void show(String title, double fraction, String text) {
        message.set(title + ": " + text);
        progress.set(fraction);
    }

    private void finish(Task<?> job) {
        if (current == job) {
            current = null;
            busy.set(false);
            message.set(idleMessage);
            progress.set(0);
        }
    }

    /** Runs {@code update} on the thread the view-models live on (a job's intermediate results, such as map frames). */
    public void deliver(Runnable update) {
        runner.deliver(update);
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
            runner.runQuery(() -> {
                if (mine != generation.get()) {
                    return;
                }
                T result;
                try {
                    result = work.run(Progress.NONE);
                } catch (Exception | Error e) {
                    String text = describe(e);
                    runner.deliver(() -> {
                        if (mine == generation.get()) {
                            onError.accept(text);
                        }
                    });
                    return;
                }
                runner.deliver(() -> {
                    if (mine == generation.get()) {
                        onResult.accept(result);
                    }
                });
            });
        }

        /** Drops the answers of the queries started so far. */
        public void discard() {
            generation.incrementAndGet();
        }
    }

    /** Cancels the long job now running. */
    public void cancel() {
        if (current != null) {
            current.cancel();
        }
    }

    /** What the status bar says when no job runs. */
    public void setIdleMessage(String text) {
        idleMessage = text;
        if (current == null) {
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
        runner.shutdown();
    }

    /** One line for the user: input problems as they are, anything else with its type, since it is a bug. */
    static String describe(Throwable e) {
        if (e instanceof InputException) {
            return e.getMessage();
        }
        LOG.error("background job failed", e);
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** Why a job did not finish, for a note: "cancelled", or its failure in one line. */
    static String whyNotFinished(Throwable e) {
        return e instanceof CancellationException ? "cancelled" : describe(e);
    }

    /** The done part of a job as the status bar's progress: -1 (unknown) when {@code total} is not positive. */
    static double fraction(long done, long total) {
        return total > 0 ? (double) Math.min(done, total) / total : -1;
    }

    /** The status bar's text for a job at {@code done} of {@code total} (not shown when unknown). */
    static String progressMessage(long done, long total, String text) {
        return total > 0 ? text + " " + done + "/" + total : text;
    }
}
