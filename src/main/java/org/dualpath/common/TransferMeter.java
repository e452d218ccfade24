package org.dualpath.common;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * The rate and time left of a transfer, from the bytes reported over the last few seconds (a resumed download's
 * first report counts as its start, not as bytes fetched at once), and the one-line reading the console and the
 * explorer both show: "312.4 of 815.6 MB, 4.1 MB/s, 2 min 3 s left".
 */
public final class TransferMeter {
    private static final long WINDOW_NANOS = 5_000_000_000L;

    private record Sample(long nanos, long bytes) {
    }

    private final Deque<Sample> samples = new ArrayDeque<>();

    /** Records that {@code bytes} were done at {@code nanos} ({@link System#nanoTime} or a test's clock). */
    public void update(long bytes, long nanos) {
        if (!samples.isEmpty() && bytes < samples.peekLast().bytes()) {
            samples.clear(); // a restart from the beginning
        }
        samples.addLast(new Sample(nanos, bytes));
        while (samples.size() > 2 && nanos - samples.peekFirst().nanos() > WINDOW_NANOS) {
            samples.removeFirst();
        }
    }

    /** Bytes per second over the window; 0 before two reports. */
    public double bytesPerSecond() {
        if (samples.size() < 2) {
            return 0;
        }
        long nanos = samples.peekLast().nanos() - samples.peekFirst().nanos();
        return nanos <= 0 ? 0 : (samples.peekLast().bytes() - samples.peekFirst().bytes()) * 1e9 / nanos;
    }

    /** Seconds until {@code total} bytes at the current rate, or -1 when the rate or the total is unknown. */
    public long secondsLeft(long total) {
        double rate = bytesPerSecond();
        if (rate <= 0 || total <= 0 || samples.isEmpty()) {
            return -1;
        }
        return (long) Math.ceil(Math.max(0, total - samples.peekLast().bytes()) / rate);
    }

    /** "312.4 of 815.6 MB, 4.1 MB/s, 2 min 3 s left" (parts that are not known yet are left out). */
    public String describe(long done, long total) {
        StringBuilder s = new StringBuilder(total > 0 ? bytes(done) + " of " + bytes(total) : bytes(done));
        double rate = bytesPerSecond();
        if (rate > 0) {
            s.append(", ").append(bytes((long) rate)).append("/s");
        }
        long left = secondsLeft(total);
        if (left >= 0) {
            s.append(", ").append(duration(left)).append(" left");
        }
        return s.toString();
    }

    /** A byte count for people, in decimal units: "815.6 MB", "19.3 GB", "512 bytes". */
    public static String bytes(long n) {
        if (n < 1000) {
            return n + " bytes";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double v = n;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** "45 s", "2 min 3 s", "1 h 20 min". */
    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }
}
