package org.dualpath.eval;

import org.dualpath.vector.Embeddings;
import java.util.Locale;

/**
 * Mean cosines that show whether a joint space has collapsed: of true image-caption pairs, of mismatched
 * image-caption pairs (caption of another image) and of caption-caption pairs of different images. A healthy
 * space has true pairs well above both mismatched means; caption-caption cosines near 1 mean the text
 * embeddings collapsed onto one direction. Exact means over all pairs, computed from per-image sums.
 */
public record CosineDiagnostic(double truePairs, double mismatchedPairs, double captionPairs) {

    /** The means for L2-normalised {@code images} and {@code captions}; caption {@code j} belongs to image row {@code owner[j]}. */
    public static CosineDiagnostic of(Embeddings images, Embeddings captions, int[] owner) {
        int d = images.dimension();
        double[][] perImage = new double[images.size()][d];
        int[] count = new int[images.size()];
        double[] all = new double[d];
        double trueSum = 0;
        for (int j = 0; j < captions.size(); j++) {
            float[] c = captions.row(j);
            trueSum += images.dot(c, owner[j]);
            count[owner[j]]++;
            for (int k = 0; k < d; k++) {
                perImage[owner[j]][k] += c[k];
                all[k] += c[k];
            }
        }
        double[] imageSum = new double[d];
        double crossSame = 0;
        double sameSquares = 0;
        long sameCaptionPairs = 0;
        for (int i = 0; i < images.size(); i++) {
            float[] v = images.row(i);
            for (int k = 0; k < d; k++) {
                imageSum[k] += v[k];
                crossSame += v[k] * perImage[i][k];
                sameSquares += perImage[i][k] * perImage[i][k];
            }
            sameCaptionPairs += (long) count[i] * count[i];
        }
        double cross = dot(imageSum, all);
        double allSquares = dot(all, all);
        long m = captions.size();
        long mismatched = (long) images.size() * m - m;
        long otherCaptionPairs = m * m - sameCaptionPairs;
        return new CosineDiagnostic(m == 0 ? Double.NaN : trueSum / m,
                mismatched == 0 ? Double.NaN : (cross - crossSame) / mismatched,
                otherCaptionPairs == 0 ? Double.NaN : (allSquares - sameSquares) / otherCaptionPairs);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    /** One line for the console. */
    public String toLine() {
        return String.format(Locale.ROOT, "mean cosine: true pairs %.3f, mismatched image-caption %.3f, "
                + "caption-caption (different images) %.3f", truePairs, mismatchedPairs, captionPairs);
    }
}
