package org.dualpath.projection;

import org.dualpath.vector.Embeddings;
import smile.math.blas.UPLO;
import smile.math.matrix.Matrix;

import java.util.stream.IntStream;

/**
 * Principal component rotation of the input of {@link BarnesHutTsne}, kept to at most {@code dims} components
 * (openTSNE's and scikit-learn's advice: 50 dimensions keep the neighbourhoods and make every distance 5x cheaper
 * at 256-d); its first two components are the initial map. The principal axes are the eigenvectors of the
 * covariance matrix {@code X^T X} of at most {@link #FIT_ROWS} evenly spaced, centred rows (Smile's BLAS product
 * and LAPACK eigen-decomposition; Smile's PCA class takes an SVD of the whole sample instead, several times
 * slower), largest eigenvalue first, so that fitting costs
 * O(FIT_ROWS d^2) time and O(FIT_ROWS d) memory whatever n; every row is then centred and projected,
 * {@code z_i = W^T (x_i - mean)}, into a flat float array (n x dims x 4 bytes: 200 MB at a million points).
 * Vectors no wider than {@code dims} keep all their components, so only their axes turn and distances stay.
 */
final class PcaReduction {
    /** Rows used to fit the axes; 10,000 rows pin down a 256 x 256 covariance matrix well. */
    static final int FIT_ROWS = 10_000;

    /**
     * The projected vectors, whether they have fewer components than the input, and the share of the (sample's)
     * variance their axes keep.
     */
    record Reduced(Embeddings vectors, boolean reduced, double varianceKept) {
        /** The first two components of every row (the second 0 for one-dimensional input). */
        double[][] firstTwo() {
            double[][] out = new double[vectors.size()][];
            for (int i = 0; i < out.length; i++) {
                float[] row = vectors.row(i);
                out[i] = new double[]{row[0], row.length > 1 ? row[1] : 0};
            }
            return out;
        }
    }

    private PcaReduction() {
    }

    static Reduced reduce(Embeddings v, int dims) {
        int n = v.size();
        int d = v.dimension();
        int m = Math.min(n, FIT_ROWS);
        double[][] sample = new double[m][];
        for (int s = 0; s < m; s++) {
            sample[s] = toDoubles(v.row((int) ((long) s * n / m)));
        }
        Matrix centred = Matrix.of(sample);
        double[] mean = centred.colMeans();
        for (int s = 0; s < m; s++) {
            for (int j = 0; j < d; j++) {
                centred.sub(s, j, mean[j]);
            }
        }
        // covariance X^T X (BLAS), its eigenvectors by LAPACK, largest eigenvalue first
        Matrix.EVD evd = centred.ata().uplo(UPLO.LOWER).eigen(false, true, true).sort();
        int kept = Math.max(1, Math.min(Math.min(dims, d), m - 1));
        double total = 0;
        double top = 0;
        for (int c = 0; c < d; c++) {
            total += Math.max(0, evd.wr[c]);
            top += c < kept ? Math.max(0, evd.wr[c]) : 0;
        }
        double varianceKept = total > 0 ? top / total : 1;
        double[][] w = evd.Vr.submatrix(0, 0, d - 1, kept - 1).toArray();
        float[] out = new float[n * kept];
        IntStream.range(0, n).parallel().forEach(i -> {
            float[] row = v.row(i);
            double[] acc = new double[kept];
            for (int j = 0; j < d; j++) {
                double x = row[j] - mean[j];
                double[] wj = w[j];
                for (int c = 0; c < kept; c++) {
                    acc[c] += x * wj[c];
                }
            }
            for (int c = 0; c < kept; c++) {
                out[i * kept + c] = (float) acc[c];
            }
        });
        return new Reduced(Embeddings.of(v.ids(), out, kept), kept < d, varianceKept);
    }

    private static double[] toDoubles(float[] row) {
        double[] out = new double[row.length];
        for (int j = 0; j < row.length; j++) {
            out[j] = row[j];
        }
        return out;
    }
}
