package org.dualpath.train;

import java.util.Random;

/**
 * The image input of each row of a set of images, as the network's image input expects it: pixels (augmented
 * for training) or features of a frozen backbone.
 */
public interface ImageInputs {
    /** Number of rows. */
    int size();

    /** Shape of one row's input without the batch axis. */
    long[] shape();

    /** The training input of row {@code i}, augmented with {@code random} where the input allows it. */
    float[] training(int i, Random random);

    /** The deterministic input of row {@code i}, for validation and embedding. */
    float[] evaluation(int i);
}
