package org.dualpath.app.viewmodel;

import javafx.concurrent.Task;

/**
 * Where {@link BackgroundJobs} runs its work and delivers the answers: the seam that lets view-models be tested
 * without the JavaFX toolkit. {@link #javaFx()} is the explorer's (worker threads, answers on the JavaFX thread);
 * {@link #sameThread()} runs everything at once on the caller's thread, for tests.
 */
public interface TaskRunner {
    /**
     * What a runner tells {@link BackgroundJobs} about one long job, on the thread answers are delivered on: {@link
     * #started} first, then any number of {@link #progressed}, then {@link #succeeded} or {@link #failed}, once.
     */
    interface JobListener<T> {
        /** The job started; cancelling {@code job} cancels it. */
        void started(Task<T> job);

        /** {@code fraction} of the job is done (-1: unknown); {@code message} says what it is doing. */
        void progressed(double fraction, String message);

        void succeeded(T value);

        /** The job threw {@code error}, or was cancelled ({@link java.util.concurrent.CancellationException}). */
        void failed(Throwable error);
    }

    /** The explorer's runner: long jobs one after the other on a worker thread, queries on another. */
    static TaskRunner javaFx() {
        return new JavaFxTaskRunner();
    }

    /** A runner for tests: work runs at once on the caller's thread and so do the callbacks. */
    static TaskRunner sameThread() {
        return new SameThreadTaskRunner();
    }

    /**
     * Runs a long job after the long jobs handed over before it. The returned task is what callers cancel; it is a
     * JavaFX task because {@code MapViewModel} keeps its running map as one.
     */
    <T> Task<T> runJob(String title, BackgroundJobs.Work<T> work, JobListener<T> listener);

    /**
     * Runs a long job at once on a thread of its own, beside the long jobs run one after the other: a training run
     * takes hours and must not hold up opening, embedding or evaluating. Its listener is told as a long job's is.
     */
    <T> Task<T> runAside(String title, BackgroundJobs.Work<T> work, JobListener<T> listener);

    /** Runs a query after the queries handed over before it, on no thread that long jobs hold up. */
    void runQuery(Runnable query);

    /** Runs {@code callback} on the thread the view-models live on. */
    void deliver(Runnable callback);

    /** Stops the worker threads (running work is interrupted). */
    void shutdown();
}
