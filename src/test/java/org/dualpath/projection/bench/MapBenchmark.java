package org.dualpath.projection.bench;

import org.dualpath.app.viewmodel.DemoAssets;
import org.dualpath.common.Npy;
import org.dualpath.data.DatasetLoader;
import org.dualpath.common.Progress;
import org.dualpath.store.EmbeddingStore;
import org.dualpath.vector.Embeddings;
import org.dualpath.projection.Clusters;
import org.dualpath.projection.MapLayout;
import org.dualpath.projection.MapMethod;
import org.dualpath.projection.MapParams;
import org.dualpath.projection.MapPoints;
import org.dualpath.projection.Modality;
import org.dualpath.projection.Projector;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Map time and peak heap per method and size:
 * <ul>
 * <li>the demo test set when an index folder is given (its test-split images + captions, as the explorer maps
 * it), else a synthetic set of the same size (1,000 images + 5,000 captions = 6,000 points, 256-d);</li>
 * <li>2,000 / 5,000 / 10,000 synthetic points (256-d, 40 Gaussian clusters, L2-normalised).</li>
 * </ul>
 * Every method runs with the map defaults (perplexity 30, 1,000 iterations, learning rate 200, seed 42,
 * theta 0.5, 15 UMAP neighbours); exact t-SNE only up to its limit. Peak heap: the sum of the heap pools' peak
 * usage, reset before each run (a JVM-wide figure, so the runs go one at a time). Each point set is also written
 * as {@code OUT/points-N.npy} for {@code bench/sklearn_tsne.py} (scikit-learn's Barnes-Hut t-SNE on the same
 * points). Run:
 * {@code mvn -q -o test-compile && java -Xmx8g -cp target/classes:target/test-classes:$(cat target/cp.txt)
 * org.dualpath.projection.bench.MapBenchmark OUT [INDEX_DIR] [SIZES...]} with target/cp.txt from
 * {@code mvn -q -o dependency:build-classpath -Dmdep.outputFile=target/cp.txt}.
 */
public final class MapBenchmark {
    private MapBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/map-bench");
        Files.createDirectories(out);
        List<MapPoints> sets = new ArrayList<>();
        String index = args.length > 1 && !args[1].matches("\\d+") ? args[1] : null;
        if (index != null) {
            sets.add(demoTestSet(Path.of(index)));
        } else {
            sets.add(named(Clusters.vectors(6_000, 256, 40, 0.8, 1), "synthetic demo-sized set (6,000 points)"));
        }
        int[] sizes = Arrays.stream(args).skip(index != null ? 2 : 1).filter(a -> a.matches("\\d+"))
                .mapToInt(Integer::parseInt).toArray();
        for (int n : sizes.length > 0 ? sizes : new int[]{2_000, 5_000, 10_000}) {
            sets.add(named(Clusters.vectors(n, 256, 40, 0.8, n), String.format(Locale.ROOT, "synthetic %,d points", n)));
        }
        System.out.printf(Locale.ROOT, "%-44s %-18s %10s %14s%n", "set", "method", "seconds", "peak heap MB");
        for (MapPoints points : sets) {
            Npy.write(out.resolve("points-" + points.size() + ".npy"), rows(points.vectors()), points.vectors().dimension());
            for (MapMethod m : MapMethod.values()) {
                if (Projector.refusal(m, points.size()) != null) {
                    System.out.printf(Locale.ROOT, "%-44s %-18s %10s %14s%n", points.description(), m.label(),
                            "refused", "-");
                    continue;
                }
                System.gc();
                resetPeaks();
                long t0 = System.nanoTime();
                long[] firstFrame = {0};
                MapLayout layout = Projector.run(points, MapParams.defaults(m), Progress.NONE, (xy, it, total) -> {
                    if (firstFrame[0] == 0) {
                        firstFrame[0] = System.nanoTime();
                    }
                });
                double seconds = (System.nanoTime() - t0) / 1e9;
                System.out.printf(Locale.ROOT, "%-44s %-18s %10.2f %14.0f%s%n", points.description(), m.label(), seconds,
                        peakHeap() / 1e6, firstFrame[0] > 0
                                ? String.format(Locale.ROOT, "   first frame %.2f s", (firstFrame[0] - t0) / 1e9) : "");
                writeLayout(out.resolve("layout-" + m.id() + "-" + points.size() + ".csv"), layout);
            }
        }
    }

    private static MapPoints demoTestSet(Path index) {
        EmbeddingStore store = EmbeddingStore.open(index);
        // the explorer's cached stores do not record their dataset: then it is the demo's
        var demo = DemoAssets.session(DemoAssets.datasetDir(), null);
        var dataset = store.source() != null ? store.source().load(Progress.NONE)
                : DatasetLoader.of(demo.captions(), demo.images()).instances(demo.instances()).splitFile(demo.split())
                .load(Progress.NONE);
        int[] rows = java.util.stream.IntStream.range(0, store.images().size())
                .filter(r -> dataset.split(store.images().id(r)) == org.dualpath.data.Split.TEST).toArray();
        return MapPoints.of(store, rows, Modality.BOTH, "demo test split");
    }

    private static MapPoints named(Embeddings v, String description) {
        MapPoints.Kind[] kinds = new MapPoints.Kind[v.size()];
        Arrays.fill(kinds, MapPoints.Kind.IMAGE);
        return MapPoints.of(description, Modality.IMAGES, kinds, v.ids(), v.ids(), v);
    }

    static float[][] rows(Embeddings v) {
        float[][] out = new float[v.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.row(i);
        }
        return out;
    }

    static void writeLayout(Path file, MapLayout layout) throws Exception {
        StringBuilder sb = new StringBuilder("x,y\n");
        for (int i = 0; i < layout.size(); i++) {
            sb.append(layout.x()[i]).append(',').append(layout.y()[i]).append('\n');
        }
        Files.writeString(file, sb);
    }

    static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
