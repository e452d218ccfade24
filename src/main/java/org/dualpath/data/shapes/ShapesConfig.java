package org.dualpath.data.shapes;

import java.util.Locale;

/** What the shapes generator makes: image counts per split, the seed, the image file format and threads. */
public record ShapesConfig(int train, int test, long seed, Format format, int threads) {
    public static final int DEFAULT_TRAIN = 4000;
    public static final int DEFAULT_TEST = 1000;
    public static final long DEFAULT_SEED = 42;

    /** Image file format: lossless PNG or JPEG at quality 92 (about a third of the size). */
    public enum Format {
        PNG, JPEG;

        public String extension() {
            return this == PNG ? "png" : "jpg";
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ShapesConfig {
        if (train < 0 || test < 0 || train + test == 0) {
            throw new IllegalArgumentException("need at least one image and no negative counts, got train="
                    + train + ", test=" + test);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (format == null) {
            throw new IllegalArgumentException("format is required");
        }
    }

    /** 4,000 training and 1,000 test PNG images from seed 42 on all cores. */
    public static ShapesConfig defaults() {
        return new ShapesConfig(DEFAULT_TRAIN, DEFAULT_TEST, DEFAULT_SEED, Format.PNG,
                Runtime.getRuntime().availableProcessors());
    }

    public ShapesConfig withCounts(int train, int test) {
        return new ShapesConfig(train, test, seed, format, threads);
    }

    public ShapesConfig withSeed(long seed) {
        return new ShapesConfig(train, test, seed, format, threads);
    }

    public ShapesConfig withFormat(Format format) {
        return new ShapesConfig(train, test, seed, format, threads);
    }

    public ShapesConfig withThreads(int threads) {
        return new ShapesConfig(train, test, seed, format, threads);
    }

    public int total() {
        return train + test;
    }
}
