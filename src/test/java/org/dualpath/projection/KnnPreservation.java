package org.dualpath.projection;

import org.dualpath.common.Progress;
import org.dualpath.vector.Embeddings;
import org.dualpath.vector.TopK;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Layout quality: over {@code samples} evenly spaced points i, the fraction of i's {@code k} nearest neighbours in
 * the input (cosine) that are among its {@code k} nearest on the map (Euclidean), averaged. Exact searches from the
 * sampled points against all points, so it costs O(samples n d).
 */
public final class KnnPreservation {
    private KnnPreservation() {
    }

    public static double of(Embeddings input, MapLayout map, int k, int samples) {
        int n = input.size();
        int m = Math.min(samples, n);
        double[] kept = new double[m];
        IntStream.range(0, m).parallel().forEach(s -> {
            int i = (int) ((long) s * n / m);
            float[] in = TopK.scores(input, input.row(i));
            in[i] = Float.NEGATIVE_INFINITY;
            float[] out = new float[n];
            for (int j = 0; j < n; j++) {
                double dx = map.x()[i] - map.x()[j];
                double dy = map.y()[i] - map.y()[j];
                out[j] = (float) -(dx * dx + dy * dy);
            }
            out[i] = Float.NEGATIVE_INFINITY;
            Set<Integer> mapped = new HashSet<>();
            for (int j : Neighbours.topK(out, k)) {
                mapped.add(j);
            }
            int hit = 0;
            for (int j : Neighbours.topK(in, k)) {
                hit += mapped.contains(j) ? 1 : 0;
            }
            kept[s] = (double) hit / k;
        });
        return Arrays.stream(kept).average().orElse(0);
    }

    /**
     * Recall of the approximate input neighbours ({@link HnswNeighbours}, seed 42) against the exact ones
     * ({@link Neighbours}) in the space both search (the PCA-reduced vectors), over all points.
     */
    public static double neighbourRecall(Embeddings vectors, int k) {
        Embeddings reduced = PcaReduction.reduce(vectors, BarnesHutTsne.PCA_DIMENSIONS).vectors();
        Neighbours exact = Neighbours.of(reduced, k, Progress.NONE);
        Neighbours approx = HnswNeighbours.of(reduced, k, 42, Progress.NONE);
        long hit = 0;
        long all = 0;
        for (int i = 0; i < reduced.size(); i++) {
            Set<Integer> truth = new HashSet<>();
            for (int j : exact.neighbour[i]) {
                truth.add(j);
            }
            for (int j : approx.neighbour[i]) {
                hit += truth.contains(j) ? 1 : 0;
            }
            all += exact.neighbour[i].length;
        }
        return (double) hit / all;
    }
}
