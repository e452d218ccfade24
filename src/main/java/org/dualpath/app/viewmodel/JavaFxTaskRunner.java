package org.dualpath.app.viewmodel;

import javafx.application.Platform;
import javafx.concurrent.Task;
import org.dualpath.common.Progress;

import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * The explorer's runner. Long jobs run one after the other on a worker thread as JavaFX tasks, which pass their
 * progress to the JavaFX thread without flooding it and are interrupted when cancelled; jobs aside (training) each
 * on a thread of their own; queries on a thread of their own, so typing never waits for a long job; answers are
 * delivered on the JavaFX thread.
 */
final class JavaFxTaskRunner implements TaskRunner {
    private final ExecutorService jobs = Executors.newSingleThreadExecutor(daemon("dualpath-job"));
    private final ExecutorService queries = Executors.newSingleThreadExecutor(daemon("dualpath-query"));
    private final ExecutorService aside = Executors.newCachedThreadPool(daemon("dualpath-aside"));
    private final Executor uiThread;

    JavaFxTaskRunner() {
        this(Platform::runLater);
    }

    /**
     * A runner that delivers query answers through {@code uiThread}: tests stand in for the JavaFX thread with it to
     * check the query thread without the toolkit. Long jobs always report on the JavaFX thread (a task does).
     */
    JavaFxTaskRunner(Executor uiThread) {
        this.uiThread = uiThread;
    }

    @Override
    public <T> Task<T> runJob(String title, BackgroundJobs.Work<T> work, JobListener<T> listener) {
        return submit(jobs, title, work, listener);
    }

    @Override
    public <T> Task<T> runAside(String title, BackgroundJobs.Work<T> work, JobListener<T> listener) {
        return submit(aside, title, work, listener);
    }

    private static <T> Task<T> submit(ExecutorService executor, String title, BackgroundJobs.Work<T> work,
                                      JobListener<T> listener) {
        ProgressTask<T> task = new ProgressTask<>(title, work);
        task.setOnScheduled(e -> listener.started(task));
        task.progressProperty().addListener((obs, old, fraction) -> listener.progressed(fraction.doubleValue(), task.getMessage()));
        task.messageProperty().addListener((obs, old, message) -> listener.progressed(task.getProgress(), message));
        task.setOnSucceeded(e -> listener.succeeded(task.getValue()));
        task.setOnFailed(e -> listener.failed(task.getException()));
        task.setOnCancelled(e -> listener.failed(new CancellationException("cancelled")));
        executor.execute(task);
        return task;
    }

    @Override
    public void runQuery(Runnable query) {
        queries.execute(query);
    }

    @Override
    public void deliver(Runnable callback) {
        uiThread.execute(callback);
    }

    @Override
    public void shutdown() {
        jobs.shutdownNow();
        queries.shutdownNow();
        aside.shutdownNow();
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
        private final BackgroundJobs.Work<T> work;

        ProgressTask(String title, BackgroundJobs.Work<T> work) {
            this.work = work;
            updateTitle(title);
        }

        @Override
        protected T call() throws Exception {
            return work.run(this);
        }

        @Override
        public void update(long done, long total, String text) {
            updateProgress(BackgroundJobs.fraction(done, total), 1);
            updateMessage(BackgroundJobs.progressMessage(done, total, text));
        }
    }
}
