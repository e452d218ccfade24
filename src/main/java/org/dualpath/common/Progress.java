package org.dualpath.common;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Progress reporting and cooperative cancellation for long jobs. Core services call {@link #update} as they
 * go and {@link #checkCancelled} between units of work; the CLI draws a console bar from it, the GUI binds
 * it to the status bar.
 */
public interface Progress {
    /** Reports that {@code done} of {@code total} units are finished ({@code total <= 0}: unknown). */
    void update(long done, long total, String message);

    /** True when the user asked the job to stop. */
    boolean isCancelled();

    /** Throws {@link CancellationException} when the user asked the job to stop. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new CancellationException("cancelled");
        }
    }

    /**
     * The same sink with {@code prefix} before every message, for one part of a job that does several alike (such
     * as embedding with model A, then model B); cancelled with this one.
     */
    default Progress prefixed(String prefix) {
        Progress whole = this;
        return new Progress() {
            @Override
            public void update(long done, long total, String message) {
                whole.update(done, total, prefix + message);
            }

            @Override
            public boolean isCancelled() {
                return whole.isCancelled();
            }
        };
    }

    /** A sink that ignores reports and is never cancelled. */
    Progress NONE = new Progress() {
        @Override
        public void update(long done, long total, String message) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    /**
     * Reports through {@code reports} and is cancelled through {@code flag} alone: a job that stops through a flag
     * of its own (a training run saves a checkpoint first), whatever else {@code reports} is.
     */
    static Progress cancellable(Progress reports, AtomicBoolean flag) {
        return new Progress() {
            @Override
            public void update(long done, long total, String message) {
                reports.update(done, total, message);
            }

            @Override
            public boolean isCancelled() {
                return flag.get();
            }
        };
    }

    /** A sink that ignores reports but can be cancelled through {@code flag}. */
    static Progress cancellable(AtomicBoolean flag) {
        return new Progress() {
            @Override
            public void update(long done, long total, String message) {
            }

            @Override
            public boolean isCancelled() {
                return flag.get();
            }
        };
    }
}
