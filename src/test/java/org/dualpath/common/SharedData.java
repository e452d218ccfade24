package org.dualpath.common;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The read-only test data folder (real photos, COCO captions, word vectors, a small Keras model), found
 * through the environment variable {@code DUALPATH_SHARED} that .ci/run sets. Tests that need it are skipped
 * when it is not set, so the plain test command passes without it.
 */
public final class SharedData {
    private SharedData() {
    }

    /** The path {@code relative} inside the shared folder; skips the calling test when it is not there. */
    public static Path require(String relative) {
        String root = System.getenv("DUALPATH_SHARED");
        Assumptions.assumeTrue(root != null && !root.isBlank(), "DUALPATH_SHARED not set");
        Path p = Path.of(root).resolve(relative);
        Assumptions.assumeTrue(Files.exists(p), p + " not present");
        return p;
    }
}
