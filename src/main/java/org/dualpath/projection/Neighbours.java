package org.dualpath.projection;

import org.dualpath.common.Progress;
import org.dualpath.vector.Embeddings;
import org.dualpath.vector.TopK;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Exact k nearest neighbours of every point among the points, by squared Euclidean distance
 * {@code |x_i - x_j|^2 = |x_i|^2 + |x_j|^2 - 2 x_i . x_j} (for L2-normalised vectors {@code 2 - 2 cos}). Brute
 * force, n x n dot products, rows in parallel; each row's result does not depend on the thread, so the neighbours
 * are deterministic. {@link HnswNeighbours} gives the same lists approximately for larger n.
 */
final class Neighbours {
    /** neighbour[i][m]: the m-th nearest other point of i; distance2[i][m]: its squared distance. */
    final int[][] neighbour;
    final double[][] distance2;

    Neighbours(int[][] neighbour, double[][] distance2) {
        this.neighbour = neighbour;
        this.distance2 = distance2;
    }

    static Neighbours of(Embeddings vectors, int k, Progress progress) {
        int n = vectors.size();
        int kk = Math.min(k, n - 1);
        int[][] nb = new int[n][];
        double[][] d2 = new double[n][];
        float[] norm2 = new float[n];
        for (int i = 0; i < n; i++) {
            norm2[i] = vectors.dot(vectors.row(i), i);
        }
        AtomicInteger done = new AtomicInteger();
        IntStream.range(0, n).parallel().forEach(i -> {
            progress.checkCancelled();
            // nearest first = highest 2 x_i . x_j - |x_j|^2 (|x_i|^2 is the same for every j)
            float[] scores = TopK.scores(vectors, vectors.row(i));
            for (int j = 0; j < n; j++) {
                scores[j] = 2 * scores[j] - norm2[j];
            }
            scores[i] = Float.NEGATIVE_INFINITY;
            int[] best = topK(scores, kk);
            double[] dist = new double[kk];
            for (int m = 0; m < kk; m++) {
                dist[m] = Math.max(0, norm2[i] - (double) scores[best[m]]);
            }
            nb[i] = best;
            d2[i] = dist;
            int finished = done.incrementAndGet();
            if (finished % 256 == 0) {
                progress.update(finished, n, "nearest neighbours");
            }
        });
        return new Neighbours(nb, d2);
    }

    /** The rows of the {@code k} highest scores, highest first (ties: lower row first). */
    static int[] topK(float[] scores, int k) {
        int[] heap = new int[k];
        int size = 0;
        for (int r = 0; r < scores.length; r++) {
            if (size < k) {
                heap[size] = r;
                siftUp(heap, scores, size++);
            } else if (scores[r] > scores[heap[0]]) {
                heap[0] = r;
                siftDown(heap, scores, size);
            }
        }
        Integer[] sorted = new Integer[size];
        for (int i = 0; i < size; i++) {
            sorted[i] = heap[i];
        }
        java.util.Arrays.sort(sorted, (a, b) -> scores[a] != scores[b] ? Float.compare(scores[b], scores[a]) : Integer.compare(a, b));
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            out[i] = sorted[i];
        }
        return out;
    }

    /** Min-heap on score; among equal scores the higher row is "smaller", so it is replaced first. */
    private static boolean less(float[] s, int a, int b) {
        return s[a] != s[b] ? s[a] < s[b] : a > b;
    }

    private static void siftUp(int[] h, float[] s, int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (!less(s, h[i], h[parent])) {
                return;
            }
            int t = h[i];
            h[i] = h[parent];
            h[parent] = t;
            i = parent;
        }
    }

    private static void siftDown(int[] h, float[] s, int size) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            int smallest = i;
            if (l < size && less(s, h[l], h[smallest])) {
                smallest = l;
            }
            if (l + 1 < size && less(s, h[l + 1], h[smallest])) {
                smallest = l + 1;
            }
            if (smallest == i) {
                return;
            }
            int t = h[i];
            h[i] = h[smallest];
            h[smallest] = t;
            i = smallest;
        }
    }
}
