package org.dualpath.app.viewmodel;

import javafx.concurrent.Task;
import org.dualpath.common.Progress;

import java.util.concurrent.CancellationException;

/**
 * A runner for tests of view-models without the JavaFX toolkit: everything runs at once on the caller's thread, a
 * long job's work (aside or not) and then its callback, a query and then its answer. A job can only be cancelled from inside its
 * own work then; as in the explorer, it is reported cancelled at once and what its work still returns is dropped.
 */
final class SameThreadTaskRunner implements TaskRunner {
    @Override
    public <T> Task<T> runJob(String title, BackgroundJobs.Work<T> work, JobListener<T> listener) {
        InlineJob<T> job = new InlineJob<>(work, listener);
        job.runHere();
        return job;
    }

    @Override
    public <T> Task<T> runAside(String title, BackgroundJobs.Work<T> work, JobListener<T> listener) {
        return runJob(title, work, listener);
    }

    @Override
    public void runQuery(Runnable query) {
        query.run();
    }

    @Override
    public void deliver(Runnable callback) {
        callback.run();
    }

    @Override
    public void shutdown() {
    }

    /**
     * A long job run on the caller's thread. It is a JavaFX task only as the handle callers keep and never runs as
     * one (a task changes its state on the JavaFX thread), so it keeps finished and cancelled itself and has no title.
     */
    private static final class InlineJob<T> extends Task<T> implements Progress {
        private final BackgroundJobs.Work<T> work;
        private final JobListener<T> listener;
        private boolean finished;
        private boolean cancelled;

        InlineJob(BackgroundJobs.Work<T> work, JobListener<T> listener) {
            this.work = work;
            this.listener = listener;
        }

        void runHere() {
            listener.started(this);
            T value;
            try {
                value = call();
            } catch (Exception | Error e) {
                finished = true;
                if (!cancelled) {
                    listener.failed(e);
                }
                return;
            }
            finished = true;
            if (!cancelled) {
                listener.succeeded(value);
            }
        }

        @Override
        protected T call() throws Exception {
            return work.run(this);
        }

        @Override
        public void update(long done, long total, String text) {
            listener.progressed(BackgroundJobs.fraction(done, total), BackgroundJobs.progressMessage(done, total, text));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            if (finished || cancelled) {
                return false;
            }
            cancelled = true;
            listener.failed(new CancellationException("cancelled"));
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return finished || cancelled;
        }
    }
}
