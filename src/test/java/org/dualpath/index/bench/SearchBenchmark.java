package org.dualpath.index.bench;

import org.dualpath.index.Embeddings;
import org.dualpath.index.ExactSearch;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Query latency of {@link ExactSearch#topK} (all scores plus top-10) on random normalised galleries of 5K and
 * 120K rows at d = 2048 and 256, single-threaded, with the effective bandwidth n * d * 4 bytes / latency.
 * Run: {@code mvn -q -o test-compile && java -cp target/classes:target/test-classes
 * org.dualpath.index.bench.SearchBenchmark}.
 */
public final class SearchBenchmark {
    private SearchBenchmark() {
    }

    public static void main(String[] args) {
        System.out.printf(Locale.ROOT, "%8s %6s %12s %12s %10s%n", "rows", "dim", "median ms", "best ms", "GB/s");
        for (int n : new int[]{5_000, 120_000}) {
            for (int d : new int[]{2048, 256}) {
                run(n, d);
            }
        }
    }

    private static void run(int n, int d) {
        Random random = new Random(n + d);
        float[] data = new float[n * d];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
        }
        Embeddings gallery = Embeddings.of(new long[n], data, d).normalized();
        float[] query = gallery.row(0);
        int reps = 30;
        long[] times = new long[reps];
        for (int warm = 0; warm < 10; warm++) {
            ExactSearch.topK(gallery, query, 10);
        }
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            ExactSearch.topK(gallery, query, 10);
            times[r] = System.nanoTime() - t0;
        }
        Arrays.sort(times);
        double median = times[reps / 2] / 1e6;
        double bytes = (double) n * d * Float.BYTES;
        System.out.printf(Locale.ROOT, "%8d %6d %12.2f %12.2f %10.2f%n", n, d, median, times[0] / 1e6,
                bytes / (median / 1e3) / 1e9);
    }
}
