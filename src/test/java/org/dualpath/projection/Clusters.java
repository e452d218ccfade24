package org.dualpath.projection;

import org.dualpath.vector.Embeddings;

import java.util.Random;

/** Synthetic maps: {@code clusters} tight groups of L2-normalised vectors, point i in cluster {@code i % clusters}. */
public final class Clusters {
    private Clusters() {
    }

    public static Embeddings vectors(int n, int d, int clusters, double spread, long seed) {
        Random r = new Random(seed);
        float[][] centres = new float[clusters][d];
        for (float[] c : centres) {
            for (int k = 0; k < d; k++) {
                c[k] = (float) r.nextGaussian();
            }
        }
        float[][] rows = new float[n][d];
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i + 1;
            for (int k = 0; k < d; k++) {
                rows[i][k] = centres[i % clusters][k] + (float) (spread * r.nextGaussian());
            }
            rows[i] = Embeddings.normalize(rows[i]);
        }
        return Embeddings.of(ids, rows);
    }

    /** All points as images with ids 1..n. */
    static MapPoints points(Embeddings v) {
        int n = v.size();
        MapPoints.Kind[] kinds = new MapPoints.Kind[n];
        java.util.Arrays.fill(kinds, MapPoints.Kind.IMAGE);
        return MapPoints.of("test set", Modality.IMAGES, kinds, v.ids(), v.ids(), v);
    }

    /** Share of points whose nearest other point on the map is in their own cluster. */
    static double neighbourAgreement(MapLayout layout, int clusters) {
        int n = layout.size();
        int same = 0;
        for (int i = 0; i < n; i++) {
            int best = -1;
            double bestD = Double.POSITIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                double dx = layout.x()[i] - layout.x()[j];
                double dy = layout.y()[i] - layout.y()[j];
                double dd = dx * dx + dy * dy;
                if (j != i && dd < bestD) {
                    bestD = dd;
                    best = j;
                }
            }
            same += best % clusters == i % clusters ? 1 : 0;
        }
        return (double) same / n;
    }
}
