package org.dualpath.model;

import org.dualpath.data.image.ImagePreprocessor;

/**
 * Something that turns preprocessed image arrays into fixed-length feature vectors: a
 * {@link PretrainedBackbone}, or a stand-in in tests. The feature cache depends only on this.
 */
public interface FeatureExtractor {
    /** Which backbone this is. */
    Backbone kind();

    /** Length of one feature vector. */
    int featureDim();

    /** How images must be prepared for {@link #features}. */
    ImagePreprocessor.Config preprocessing();

    /**
     * A stable text that changes whenever the features could change (architecture or weights); cached features
     * are keyed by it.
     */
    String fingerprint();

    /**
     * The features of a batch: row {@code i} of the result belongs to {@code preprocessedBatch[i]}, an array
     * laid out as {@link #preprocessing()} says.
     */
    float[][] features(float[][] preprocessedBatch);
}
