package org.dualpath.model;

import org.deeplearning4j.config.DL4JSystemProperties;

/**
 * Turns on DL4J's oneDNN layer helpers (convolution, batch normalisation, pooling), which DL4J 1.0.0-M2.1 leaves
 * off by default ({@code org.eclipse.deeplearning4j.helpers.disable} defaults to true). With the oneDNN build of
 * ND4J they make the shapes-demo training step several times faster (bench/ENGINE.md). Must run before the first
 * layer is created, because each layer decides on its helper when it is constructed; every class here that
 * builds or restores layers calls {@link #enable()} from its static initialiser. A user who sets the property
 * explicitly keeps their choice.
 */
public final class OneDnnHelpers {
    private OneDnnHelpers() {
    }

    /** Enables the helpers unless the property was set by the user; idempotent. */
    public static void enable() {
        if (System.getProperty(DL4JSystemProperties.DISABLE_HELPER_PROPERTY) == null) {
            System.setProperty(DL4JSystemProperties.DISABLE_HELPER_PROPERTY, "false");
        }
    }
}
