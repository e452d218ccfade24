package org.dualpath.app.viewmodel;

import javafx.concurrent.Task;
import org.dualpath.common.InputException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** Background jobs without the JavaFX toolkit: the same-thread runner, and the explorer's query thread. */
class BackgroundJobsTest {
    private final List<Notice> notices = new ArrayList<>();
    private final List<Object> events = new ArrayList<>();

    @Nested
    class SameThread {
        private final BackgroundJobs jobs = BackgroundJobs.sameThread(notices::add);

        @Test
        void aJobRunsAtOnceShowingItsProgressAndCallsBackOnTheCallersThread() {
            Thread caller = Thread.currentThread();
            Task<String> task = jobs.run("Loading", p -> {
                events.add(jobs.messageProperty().get() + " " + jobs.busyProperty().get() + " " + jobs.progressProperty().get());
                p.update(1, 4, "reading");
                events.add(jobs.messageProperty().get() + " " + jobs.progressProperty().get());
                p.update(0, 0, "indexing");
                events.add(jobs.messageProperty().get() + " " + jobs.progressProperty().get());
                return "loaded";
            }, value -> events.add(value + (Thread.currentThread() == caller ? " on the caller's thread" : " elsewhere")));

            assertThat(events).containsExactly("Loading: starting true -1.0", "Loading: reading 1/4 0.25",
                    "Loading: indexing -1.0", "loaded on the caller's thread");
            assertThat(task.isDone()).isTrue();
            assertThat(jobs.busyProperty().get()).isFalse();
            assertThat(jobs.messageProperty().get()).isEqualTo("ready");
            assertThat(jobs.progressProperty().get()).isZero();
        }

        /** A job aside (training) shows its own progress: the status bar stays as it is and failures reach the caller only. */
        @Test
        void aJobAsideLeavesTheStatusBarAndTheCancelButtonAlone() {
            jobs.runAside("Training", p -> {
                events.add(jobs.busyProperty().get() + " " + jobs.messageProperty().get());
                jobs.cancel();
                events.add("cancelled by the status bar: " + p.isCancelled());
                return "trained";
            }, events::add, events::add);
            jobs.runAside("Training", p -> {
                throw new InputException("model.zip: a model file is already there");
            }, events::add, error -> events.add(error.getMessage()));

            assertThat(events).containsExactly("false ready", "cancelled by the status bar: false", "trained",
                    "model.zip: a model file is already there");
            assertThat(notices).isEmpty();
        }

        @Test
        void aFailureBecomesANoticeAndReachesOnFailure() {
            jobs.run("Loading dataset c.json", p -> {
                throw new InputException("c.json: not a captions file");
            }, value -> events.add("success"), events::add);

            assertThat(notices).containsExactly(new Notice(Notice.Level.ERROR, "Loading dataset c.json", "c.json: not a captions file"));
            assertThat(events).singleElement().isInstanceOf(InputException.class);
            assertThat(jobs.busyProperty().get()).isFalse();
        }

        @Test
        void cancellingFromInsideTheWorkReportsItCancelledAtOnceAndDropsWhatTheWorkReturns() {
            Task<String> task = jobs.run("Embedding", p -> {
                jobs.cancel();
                events.add("cancelled seen by the work: " + p.isCancelled());
                return "embedded";
            }, events::add, error -> events.add(error.getClass().getSimpleName()));

            assertThat(events).containsExactly("CancellationException", "cancelled seen by the work: true");
            assertThat(notices).isEmpty();
            assertThat(jobs.messageProperty().get()).isEqualTo("Embedding: cancelled");
            assertThat(task.isCancelled()).isTrue();
            assertThat(task.isDone()).isTrue();
            assertThat(task.cancel()).isFalse();
        }

        @Test
        void workThatStopsWhenCancelledIsReportedOnce() {
            jobs.run("Generating", p -> {
                jobs.cancel();
                p.checkCancelled();
                return "never";
            }, events::add, events::add);

            assertThat(events).singleElement().isInstanceOf(CancellationException.class);
            assertThat(notices).isEmpty();
        }

        @Test
        void cancelWithNoJobRunningAndCancellingAFinishedJobDoNothing() {
            jobs.cancel();
            Task<String> task = jobs.run("Loading", p -> "loaded", events::add, events::add);
            assertThat(task.cancel()).isFalse();
            jobs.cancel();
            assertThat(events).containsExactly("loaded");
            assertThat(jobs.messageProperty().get()).isEqualTo("ready");
        }

        @Test
        void theIdleMessageWaitsForTheRunningJob() {
            jobs.run("Loading", p -> {
                jobs.setIdleMessage("no model");
                events.add(jobs.messageProperty().get());
                return "loaded";
            }, value -> events.add(jobs.messageProperty().get()));
            assertThat(events).containsExactly("Loading: starting", "no model");
        }

        @Test
        void aQueryIsAnsweredAtOnceAndAFailureBecomesItsMessage() {
            BackgroundJobs.Lane lane = jobs.lane();
            lane.submit(p -> "answer", events::add, events::add);
            lane.submit(p -> {
                throw new InputException("nothing to search");
            }, events::add, events::add);
            lane.submit(p -> {
                throw new IllegalStateException("broken");
            }, events::add, events::add);
            assertThat(events).containsExactly("answer", "nothing to search", "IllegalStateException: broken");
        }

        @Test
        void aQueryOvertakenWhileItRunsDeliversNothingAndTheNewestOneIsAnswered() {
            BackgroundJobs.Lane lane = jobs.lane();
            BackgroundJobs.Lane other = jobs.lane();
            lane.submit(p -> {
                lane.submit(q -> "newer", events::add, events::add);
                other.submit(q -> "other lane", events::add, events::add);
                return "older";
            }, events::add, events::add);
            lane.submit(p -> {
                lane.discard();
                return "discarded";
            }, events::add, events::add);
            assertThat(events).containsExactly("newer", "other lane");
        }
    }

    /**
     * The explorer's runner with a queue standing in for the JavaFX thread: answers arrive there in the order the
     * query thread made them, and the test runs them as the JavaFX thread would.
     */
    @Nested
    class QueryThread {
        private final BlockingQueue<Runnable> fxThread = new LinkedBlockingQueue<>();
        private final BackgroundJobs jobs = new BackgroundJobs(notices::add, new JavaFxTaskRunner(fxThread::add));

        @AfterEach
        void stop() {
            jobs.shutdown();
        }

        @Test
        void onlyTheNewestQueryOfALaneIsAnsweredAndQueriesOvertakenBeforeTheyStartNeverRun() throws Exception {
            BackgroundJobs.Lane lane = jobs.lane();
            CountDownLatch running = new CountDownLatch(1);
            CountDownLatch typing = new CountDownLatch(1);
            AtomicBoolean secondRan = new AtomicBoolean();
            lane.submit(p -> {
                running.countDown();
                typing.await();
                return "a";
            }, events::add, events::add);
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            lane.submit(p -> {
                secondRan.set(true);
                return "a r";
            }, events::add, events::add);
            lane.submit(p -> "a red", events::add, events::add);
            typing.countDown();

            answer();
            answer();
            assertThat(events).containsExactly("a red");
            assertThat(secondRan).isFalse();
            assertThat(fxThread).isEmpty();
        }

        @Test
        void anAnswerOvertakenOnItsWayToTheJavaFxThreadIsDropped() throws Exception {
            BackgroundJobs.Lane lane = jobs.lane();
            BackgroundJobs.Lane other = jobs.lane();
            lane.submit(p -> "old", events::add, events::add);
            other.submit(p -> "other lane", events::add, events::add);
            Runnable old = next();
            Runnable otherLane = next();
            lane.discard();
            old.run();
            otherLane.run();
            lane.submit(p -> {
                throw new InputException("bad query");
            }, events::add, events::add);
            answer();
            assertThat(events).containsExactly("other lane", "bad query");
        }

        private void answer() throws InterruptedException {
            next().run();
        }

        private Runnable next() throws InterruptedException {
            Runnable callback = fxThread.poll(10, TimeUnit.SECONDS);
            assertThat(callback).as("an answer handed to the JavaFX thread").isNotNull();
            return callback;
        }
    }
}
