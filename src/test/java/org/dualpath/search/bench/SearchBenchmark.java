package org.dualpath.search.bench;

import org.dualpath.vector.Embeddings;
import org.dualpath.vector.TopK;
import org.dualpath.model.DualPathModel;
import org.dualpath.model.TinyModels;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.LongSupplier;
import java.util.stream.IntStream;

/**
 * Query latency and embedding throughput, single query at a time:
 * <ol>
 * <li>{@link TopK#topK} alone (all scores plus top-10) on random normalised galleries of 5K and 120K
 * rows at d = 2048 and 256, with the effective bandwidth n * d * 4 bytes / latency;</li>
 * <li>a typed query end to end: encode the text with a model, then search and top-10, on the same galleries;</li>
 * <li>image and caption embedding throughput (decoded 256 x 256 images; preprocessing included, decoding not),
 * plain and with the paper's test-time averaging.</li>
 * </ol>
 * First it prints the machine's read bandwidth on 1 and 2 threads (and all cores, when there are more), the
 * ceiling for part 1. Without arguments the model is a small random-weight one ({@link TinyModels}) of the
 * gallery's dimension; with a model file, that model (and its own dimension) is used for parts 2 and 3;
 * {@code --search-only} stops after part 1 (parts 2 and 3 take minutes). Run:
 * {@code mvn -q -o test-compile && java -Xmx4g -cp target/classes:target/test-classes:$(cat cp.txt)
 * org.dualpath.search.bench.SearchBenchmark [--search-only] [MODEL.zip]} with cp.txt from
 * {@code mvn -q -o dependency:build-classpath -Dmdep.outputFile=cp.txt}.
 */
public final class SearchBenchmark {
    private static final int[] ROWS = {5_000, 120_000};
    private static final int[] DIMS = {2048, 256};
    private static final int REPS = 21;
    private static final int BANDWIDTH_FLOATS = 120_000 * 2048;
    private static final int WARMUP = 10;
    private static final String QUERY = "a red circle left of a blue square";

    private SearchBenchmark() {
    }

    public static void main(String[] args) {
        boolean searchOnly = args.length > 0 && args[0].equals("--search-only");
        DualPathModel given = args.length > (searchOnly ? 1 : 0) ? DualPathModel.load(Path.of(args[args.length - 1])) : null;
        int cores = Runtime.getRuntime().availableProcessors();
        // other processes on the cores distort both the bandwidth and the scan, so every figure carries the load
        printLoad();
        System.out.printf(Locale.ROOT, "machine read bandwidth (summing %d MB of floats):", BANDWIDTH_FLOATS * Float.BYTES >> 20);
        // the last figure, 2 threads or all cores, is the ceiling of the search (it uses all cores)
        double ceiling = 0;
        for (int threads : IntStream.of(1, 2, cores).distinct().toArray()) {
            ceiling = readBandwidth(threads);
            System.out.printf(Locale.ROOT, " %d thread%s %.2f GB/s", threads, threads == 1 ? "" : "s", ceiling);
        }
        System.out.println();

        System.out.println();
        System.out.printf(Locale.ROOT, "search only (scores + top-10), GB/s as a fraction of the %d-thread read bandwidth%n",
                Math.max(2, cores));
        System.out.printf(Locale.ROOT, "%8s %6s %12s %12s %10s %10s%n", "rows", "dim", "median ms", "best ms", "GB/s", "fraction");
        for (int n : ROWS) {
            for (int d : DIMS) {
                Embeddings gallery = gallery(n, d);
                float[] query = gallery.row(0);
                double[] t = time(() -> TopK.topK(gallery, query, 10).size());
                double gbs = (double) n * d * Float.BYTES / (t[0] / 1e3) / 1e9;
                System.out.printf(Locale.ROOT, "%8d %6d %12.2f %12.2f %10.2f %10.2f%n", n, d, t[0], t[1], gbs, gbs / ceiling);
            }
        }
        printLoad();
        if (searchOnly) {
            return;
        }

        System.out.println();
        System.out.println("typed query: encode text + search + top-10 (" + (given != null ? args[args.length - 1] : "random tiny model") + ")");
        System.out.printf(Locale.ROOT, "%8s %6s %12s %12s %12s%n", "rows", "dim", "encode ms", "search ms", "total ms");
        int[] dims = given != null ? new int[]{given.dimension()} : DIMS;
        for (int d : dims) {
            DualPathModel model = given != null ? given : new DualPathModel(TinyModels.bundle(d, 1));
            for (int n : ROWS) {
                Embeddings gallery = gallery(n, d);
                long[][] times = new long[3][REPS];
                for (int r = -WARMUP; r < REPS; r++) {
                    long t0 = System.nanoTime();
                    float[] q = model.embedQuery(QUERY, DualPathModel.Options.PLAIN);
                    long t1 = System.nanoTime();
                    TopK.topK(gallery, q, 10);
                    long t2 = System.nanoTime();
                    if (r >= 0) {
                        times[0][r] = t1 - t0;
                        times[1][r] = t2 - t1;
                        times[2][r] = t2 - t0;
                    }
                }
                System.out.printf(Locale.ROOT, "%8d %6d %12.2f %12.2f %12.2f%n", n, d, median(times[0]),
                        median(times[1]), median(times[2]));
            }
        }

        System.out.println();
        DualPathModel model = given != null ? given : new DualPathModel(TinyModels.bundle(256, 1));
        System.out.println("embedding throughput, " + model);
        System.out.printf(Locale.ROOT, "%-22s %12s %12s%n", "options", "images/s", "captions/s");
        List<BufferedImage> images = images(128);
        List<String> captions = new ArrayList<>();
        for (int i = 0; i < 1024; i++) {
            captions.add(i % 2 == 0 ? QUERY : "a blue square");
        }
        for (DualPathModel.Options o : List.of(DualPathModel.Options.PLAIN, DualPathModel.Options.PAPER)) {
            double imageMs = time(() -> model.embedImages(images, o).length)[0];
            double captionMs = time(() -> model.embedCaptions(captions, o).length)[0];
            System.out.printf(Locale.ROOT, "%-22s %12.0f %12.0f%n", o.flipImages() ? "flip + shift (paper)" : "plain",
                    images.size() / (imageMs / 1e3), captions.size() / (captionMs / 1e3));
        }
    }

    /**
     * The rate at which {@code threads} threads stream a float array bigger than any cache, summing it with
     * independent accumulators (so the adds do not wait on each other): the ceiling for a search that reads
     * every gallery row once.
     */
    private static double readBandwidth(int threads) {
        float[] data = new float[BANDWIDTH_FLOATS];
        Arrays.fill(data, 1f);
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(threads);
        int per = data.length / threads;
        double ms = time(() -> pool.submit(() -> IntStream.range(0, threads).parallel().mapToDouble(t -> {
            float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
            for (int i = t * per, end = i + per; i < end; i += 8) {
                s0 += data[i];
                s1 += data[i + 1];
                s2 += data[i + 2];
                s3 += data[i + 3];
                s4 += data[i + 4];
                s5 += data[i + 5];
                s6 += data[i + 6];
                s7 += data[i + 7];
            }
            return s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7;
        }).sum()).join().longValue())[0];
        pool.shutdown();
        return (double) per * threads * Float.BYTES / (ms / 1e3) / 1e9;
    }

    private static void printLoad() {
        System.out.printf(Locale.ROOT, "load average (1 min) %.2f on %d cores%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
    }

    private static Embeddings gallery(int n, int d) {
        Random random = new Random(n + d);
        float[] data = new float[n * d];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
        }
        return Embeddings.of(new long[n], data, d).normalized();
    }

    private static List<BufferedImage> images(int count) {
        List<BufferedImage> out = new ArrayList<>();
        Random random = new Random(1);
        for (int i = 0; i < count; i++) {
            BufferedImage img = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setColor(new Color(random.nextInt(0xffffff)));
            g.fillRect(0, 0, 256, 256);
            g.setColor(new Color(random.nextInt(0xffffff)));
            g.fillOval(random.nextInt(128), random.nextInt(128), 100, 100);
            g.dispose();
            out.add(img);
        }
        return out;
    }

    /** Median and best milliseconds of {@code task} over repetitions after warm-up; the result is kept alive. */
    private static double[] time(LongSupplier task) {
        long sink = 0;
        for (int warm = 0; warm < WARMUP; warm++) {
            sink += task.getAsLong();
        }
        long[] times = new long[REPS];
        for (int r = 0; r < REPS; r++) {
            long t0 = System.nanoTime();
            sink += task.getAsLong();
            times[r] = System.nanoTime() - t0;
        }
        if (sink == Long.MIN_VALUE) {
            System.out.println();
        }
        return new double[]{median(times), Arrays.stream(times).min().orElseThrow() / 1e6};
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }
}
