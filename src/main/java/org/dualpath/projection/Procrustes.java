package org.dualpath.projection;

import smile.math.matrix.Matrix;

/**
 * The similarity transform (rotation or reflection, uniform scale, translation) that best lays one map of the same
 * points onto another in the least-squares sense: the orthogonal Procrustes solution. With both maps centred (X
 * the moving one, Y the target, rows = points), the SVD {@code X^T Y = U S V^T} (Smile) gives the orthogonal
 * {@code R = U V^T}, the scale {@code s = trace(S) / |X|^2} and then the translation. A reflection is allowed: a
 * mirrored t-SNE map is as good as the original.
 */
public record Procrustes(double r00, double r01, double r10, double r11, double scale, double tx, double ty) {
    /** The transform taking {@code moving} onto {@code target} (the same points in the same order). */
    public static Procrustes fit(MapLayout moving, MapLayout target) {
        int n = moving.size();
        if (n != target.size()) {
            throw new IllegalArgumentException("the maps hold " + n + " and " + target.size() + " points");
        }
        double mx = mean(moving.x());
        double my = mean(moving.y());
        double tx = mean(target.x());
        double ty = mean(target.y());
        double[][] cross = new double[2][2];
        double norm = 0;
        for (int i = 0; i < n; i++) {
            double ax = moving.x()[i] - mx;
            double ay = moving.y()[i] - my;
            double bx = target.x()[i] - tx;
            double by = target.y()[i] - ty;
            cross[0][0] += ax * bx;
            cross[0][1] += ax * by;
            cross[1][0] += ay * bx;
            cross[1][1] += ay * by;
            norm += ax * ax + ay * ay;
        }
        if (norm == 0) {
            return new Procrustes(1, 0, 0, 1, 1, tx - mx, ty - my);
        }
        Matrix.SVD svd = Matrix.of(cross).svd(true, true);
        Matrix r = svd.U.mm(svd.V.transpose());
        double s = (svd.s[0] + svd.s[1]) / norm;
        double r00 = r.get(0, 0);
        double r01 = r.get(0, 1);
        double r10 = r.get(1, 0);
        double r11 = r.get(1, 1);
        // a point p maps to s * p R + t (p a row vector), so the mean of X goes onto the mean of Y
        return new Procrustes(r00, r01, r10, r11, s, tx - s * (mx * r00 + my * r10), ty - s * (mx * r01 + my * r11));
    }

    /** {@code layout} moved by this transform, with {@code note}. */
    public MapLayout apply(MapLayout layout, String note) {
        int n = layout.size();
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double px = layout.x()[i];
            double py = layout.y()[i];
            x[i] = scale * (px * r00 + py * r10) + tx;
            y[i] = scale * (px * r01 + py * r11) + ty;
        }
        return new MapLayout(x, y, note);
    }

    /** True when the orthogonal part mirrors the map (determinant -1). */
    public boolean reflects() {
        return r00 * r11 - r01 * r10 < 0;
    }

    /** The rotation angle of the orthogonal part, in degrees (of the mirrored map when it {@link #reflects()}). */
    public double degrees() {
        return Math.toDegrees(Math.atan2(r01, r00));
    }

    private static double mean(double[] v) {
        double sum = 0;
        for (double d : v) {
            sum += d;
        }
        return v.length == 0 ? 0 : sum / v.length;
    }
}
