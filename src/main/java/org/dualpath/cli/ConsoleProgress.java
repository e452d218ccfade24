package org.dualpath.cli;

import org.dualpath.common.Progress;

import java.io.PrintWriter;
import java.util.Locale;

/** A {@link Progress} for the console: one line per report, at most one every few seconds. Never cancelled. */
final class ConsoleProgress implements Progress {
    private static final long MIN_INTERVAL_NANOS = 2_000_000_000L;

    private final PrintWriter out;
    private long lastReport = Long.MIN_VALUE;

    ConsoleProgress(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void update(long done, long total, String message) {
        long now = System.nanoTime();
        boolean finished = total > 0 && done >= total;
        if (!finished && lastReport != Long.MIN_VALUE && now - lastReport < MIN_INTERVAL_NANOS) {
            return;
        }
        lastReport = now;
        if (total > 0) {
            out.printf(Locale.ROOT, "%s: %d/%d (%.0f%%)%n", message, done, total, 100.0 * done / total);
        } else {
            out.printf(Locale.ROOT, "%s: %d%n", message, done);
        }
        out.flush();
    }

    @Override
    public boolean isCancelled() {
        return false;
    }
}
