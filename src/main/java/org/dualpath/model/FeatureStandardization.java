package org.dualpath.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.dualpath.common.InputException;

/**
 * Per-dimension standardisation of frozen backbone features, {@code (x - mean) / std}, with the statistics of
 * the training images. Training and inference apply the same statistics (the model file stores them), so an
 * image embeds the same way in both.
 */
public record FeatureStandardization(float[] mean, float[] std) {
    /** Added to every standard deviation, so a constant feature stays finite. */
    static final double EPSILON = 1e-6;

    @JsonCreator
    public FeatureStandardization(@JsonProperty("mean") float[] mean, @JsonProperty("std") float[] std) {
        if (mean == null || std == null || mean.length != std.length || mean.length == 0) {
            throw new InputException("feature standardisation needs as many means as standard deviations, got "
                    + (mean == null ? 0 : mean.length) + " and " + (std == null ? 0 : std.length));
        }
        this.mean = mean.clone();
        this.std = std.clone();
    }

    /** The statistics of {@code rows} (one feature vector each, at least one row). */
    public static FeatureStandardization of(float[][] rows) {
        if (rows.length == 0) {
            throw new InputException("feature standardisation needs at least one training image");
        }
        int d = rows[0].length;
        double[] sum = new double[d];
        double[] sq = new double[d];
        for (float[] r : rows) {
            for (int j = 0; j < d; j++) {
                sum[j] += r[j];
                sq[j] += (double) r[j] * r[j];
            }
        }
        float[] mean = new float[d];
        float[] std = new float[d];
        for (int j = 0; j < d; j++) {
            double m = sum[j] / rows.length;
            mean[j] = (float) m;
            std[j] = (float) (Math.sqrt(Math.max(0, sq[j] / rows.length - m * m)) + EPSILON);
        }
        return new FeatureStandardization(mean, std);
    }

    /** Standardised copies of {@code rows}; null stays null. */
    public float[][] apply(float[][] rows) {
        if (rows == null) {
            return null;
        }
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != mean.length) {
                throw new InputException("feature vector of length " + rows[i].length + ", the model standardises "
                        + mean.length + "-d backbone features");
            }
            out[i] = new float[mean.length];
            for (int j = 0; j < mean.length; j++) {
                out[i][j] = (rows[i][j] - mean[j]) / std[j];
            }
        }
        return out;
    }
}
