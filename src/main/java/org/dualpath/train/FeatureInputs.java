package org.dualpath.train;

import java.util.Random;

/**
 * Image inputs of a frozen pretrained backbone: its pooled features, computed once (see {@link FeatureCache}).
 * Training picks the features of the image or of its mirror image at random, the feature-space counterpart of
 * the horizontal-flip augmentation.
 */
public final class FeatureInputs implements ImageInputs {
    private final float[][] features;
    private final float[][] mirrored;

    /** {@code mirrored} may be null, then training always uses {@code features}. */
    public FeatureInputs(float[][] features, float[][] mirrored) {
        this.features = features;
        this.mirrored = mirrored;
    }

    @Override
    public int size() {
        return features.length;
    }

    @Override
    public long[] shape() {
        return new long[]{features.length == 0 ? 0 : features[0].length};
    }

    @Override
    public float[] training(int i, Random random) {
        return mirrored != null && random.nextBoolean() ? mirrored[i] : features[i];
    }

    @Override
    public float[] evaluation(int i) {
        return features[i];
    }
}
