package org.dualpath.projection;

import org.dualpath.vector.Embeddings;
import org.dualpath.vector.TopK;

/**
 * Places a new vector (a typed caption, a dropped image) into an existing map without recomputing it: the
 * cosine-weighted mean of the 2-D positions of its {@code k} nearest mapped points,
 * {@code pos(q) = sum_m w_m pos(n_m) / sum_m w_m} with {@code w_m = max(0, cos(q, n_m))} (equal weights when no
 * neighbour has a positive cosine). The result always lies in the convex hull of the neighbours' positions.
 */
public final class QueryPlacement {
    public static final int DEFAULT_K = 10;

    private QueryPlacement() {
    }

    /** Where the query lands, and the neighbours (points, best first) with their cosines that put it there. */
    public record Placement(double x, double y, int[] neighbours, float[] cosines) {
    }

    /** Places {@code query} (L2-normalised, same dimension) among {@code vectors} laid out as {@code layout}. */
    public static Placement place(float[] query, Embeddings vectors, MapLayout layout, int k) {
        float[] scores = TopK.scores(vectors, query);
        int[] best = Neighbours.topK(scores, Math.min(k, scores.length));
        float[] cos = new float[best.length];
        double sum = 0;
        for (int m = 0; m < best.length; m++) {
            cos[m] = scores[best[m]];
            sum += Math.max(0, cos[m]);
        }
        double x = 0;
        double y = 0;
        for (int m = 0; m < best.length; m++) {
            double w = sum > 0 ? Math.max(0, cos[m]) / sum : 1.0 / best.length;
            x += w * layout.x()[best[m]];
            y += w * layout.y()[best[m]];
        }
        return new Placement(x, y, best, cos);
    }
}
