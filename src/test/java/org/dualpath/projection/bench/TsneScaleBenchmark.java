package org.dualpath.projection.bench;

import org.dualpath.common.Npy;
import org.dualpath.common.Progress;
import org.dualpath.projection.Clusters;
import org.dualpath.projection.KnnPreservation;
import org.dualpath.projection.MapLayout;
import org.dualpath.projection.MapMethod;
import org.dualpath.projection.MapParams;
import org.dualpath.projection.MapPoints;
import org.dualpath.projection.Modality;
import org.dualpath.projection.Projector;
import org.dualpath.vector.Embeddings;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Barnes-Hut t-SNE at collection scale: for each size, synthetic clustered points (256-d, 40 Gaussian clusters,
 * L2-normalised, as {@link MapBenchmark}) mapped with the defaults (perplexity 30, 1,000 iterations, seed 42,
 * theta 0.5); prints the time of each phase (PCA, neighbours, input similarities, iterations), the total, the
 * peak heap, the kNN preservation (10 neighbours, 1,000 sampled points) and, up to {@code --recall-max} points
 * (default 10,000), the recall of the approximate input neighbours against exact ones. Writes
 * {@code OUT/points-N.npy} and {@code OUT/layout-bh-tsne-N.csv} for {@code bench/map_anchors.sh}. Run:
 * {@code java -Xmx6g -cp CLASSES:$(cat target/cp.txt) org.dualpath.projection.bench.TsneScaleBenchmark OUT 10000 100000}.
 */
public final class TsneScaleBenchmark {
    private TsneScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        int recallMax = 10_000;
        for (int a = 1; a < args.length; a++) {
            if (args[a].startsWith("--recall-max=")) {
                recallMax = Integer.parseInt(args[a].substring("--recall-max=".length()));
            }
        }
        for (String arg : Arrays.copyOfRange(args, 1, args.length)) {
            if (!arg.matches("\\d+")) {
                continue;
            }
            int n = Integer.parseInt(arg);
            Embeddings v = Clusters.vectors(n, 256, 40, 0.8, n);
            MapPoints.Kind[] kinds = new MapPoints.Kind[n];
            Arrays.fill(kinds, MapPoints.Kind.IMAGE);
            MapPoints points = MapPoints.of("synthetic", Modality.IMAGES, kinds, v.ids(), v.ids(), v);
            Npy.write(out.resolve("points-" + n + ".npy"), MapBenchmark.rows(v), v.dimension());
            System.gc();
            MapBenchmark.resetPeaks();
            Map<String, Long> phases = new LinkedHashMap<>();
            long t0 = System.nanoTime();
            Progress timed = new Progress() {
                @Override
                public void update(long done, long total, String message) {
                    String phase = message.replaceFirst("^Barnes-Hut t-SNE:? ", "").replaceFirst(":.*", "");
                    phases.putIfAbsent(phase, System.nanoTime());
                }

                @Override
                public boolean isCancelled() {
                    return false;
                }
            };
            MapLayout layout = Projector.run(points, MapParams.defaults(MapMethod.BH_TSNE), timed, Projector.Frames.NONE);
            long end = System.nanoTime();
            double peak = MapBenchmark.peakHeap() / 1e6;
            StringBuilder sb = new StringBuilder();
            long prev = t0;
            String prevName = "PCA start";
            for (Map.Entry<String, Long> e : phases.entrySet()) {
                sb.append(String.format(Locale.ROOT, "%s %.1f s · ", prevName, (e.getValue() - prev) / 1e9));
                prev = e.getValue();
                prevName = e.getKey();
            }
            sb.append(String.format(Locale.ROOT, "%s %.1f s", prevName, (end - prev) / 1e9));
            double preservation = KnnPreservation.of(v, layout, 10, 1_000);
            String recall = n <= recallMax
                    ? String.format(Locale.ROOT, "%.4f", KnnPreservation.neighbourRecall(v, 90)) : "-";
            System.out.printf(Locale.ROOT, "%,9d points  total %7.1f s  peak heap %6.0f MB  kNN preservation %.3f  "
                            + "neighbour recall %s  load %s%n    %s%n    %s%n", n, (end - t0) / 1e9, peak,
                    preservation, recall, load(), sb, layout.note());
            MapBenchmark.writeLayout(out.resolve("layout-bh-tsne-" + n + ".csv"), layout);
        }
    }

    private static String load() {
        return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
