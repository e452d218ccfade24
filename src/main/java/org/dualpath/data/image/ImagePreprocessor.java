package org.dualpath.data.image;

import java.awt.image.BufferedImage;
import java.util.Random;

/**
 * Turns decoded RGB images into model input arrays. Evaluation: resize so the short side is
 * {@link Config#resizeShortSide()}, then crop the centre {@code size x size}. Training: a random resized crop
 * (area fraction 0.8-1, aspect ratio 3/4-4/3 drawn log-uniformly) scaled to {@code size x size}, mirrored
 * left-right with probability 1/2. Each channel value {@code v} in 0..255 becomes
 * {@code (v / 255 - mean[c]) / std[c]}, written in CHW or HWC order.
 */
public final class ImagePreprocessor {
    private static final double MIN_AREA = 0.8;
    private static final double MAX_AREA = 1.0;
    private static final double MIN_ASPECT = 3.0 / 4.0;
    private static final double MAX_ASPECT = 4.0 / 3.0;
    private static final int CROP_TRIES = 10;

    /** Per-channel normalisation; which backbone expects which. */
    public enum Normalization {
        /** ImageNet mean/std, as torchvision-style ResNet-50 weights expect. */
        IMAGENET(new float[]{0.485f, 0.456f, 0.406f}, new float[]{0.229f, 0.224f, 0.225f}),
        /** Values in [-1, 1], as Keras MobileNet expects. */
        MINUS_ONE_TO_ONE(new float[]{0.5f, 0.5f, 0.5f}, new float[]{0.5f, 0.5f, 0.5f}),
        /** Values in [-0.5, 0.5] ([0, 1] minus 0.5), for the small CNN trained from scratch. */
        CENTERED(new float[]{0.5f, 0.5f, 0.5f}, new float[]{1f, 1f, 1f});

        private final float[] mean;
        private final float[] std;

        Normalization(float[] mean, float[] std) {
            this.mean = mean;
            this.std = std;
        }

        /** The normalised value of 8-bit sample {@code value} in channel {@code channel} (0 = R, 1 = G, 2 = B). */
        public float apply(int channel, int value) {
            return (value / 255f - mean[channel]) / std[channel];
        }
    }

    /** Memory order of the output: CHW (NCHW, DL4J conv nets) or HWC (NHWC, Keras imports). */
    public enum Layout { CHW, HWC }

    /** Output size {@code size x size}, short side before the evaluation centre crop, normalisation, layout. */
    public record Config(int size, int resizeShortSide, Normalization normalization, Layout layout) {
        public Config {
            if (size <= 0 || resizeShortSide < size) {
                throw new IllegalArgumentException("need 0 < size <= resizeShortSide, got " + size + ", " + resizeShortSide);
            }
            if (normalization == null || layout == null) {
                throw new IllegalArgumentException("normalization and layout are required");
            }
        }

        /** The usual ratio: resize to {@code size * 256 / 224} before cropping {@code size}. */
        public static Config of(int size, Normalization normalization, Layout layout) {
            return new Config(size, (int) Math.round(size * 256.0 / 224.0), normalization, layout);
        }

        /** The shape of one output array without the batch axis: {3, size, size} or {size, size, 3}. */
        public long[] shape() {
            return layout == Layout.CHW ? new long[]{3, size, size} : new long[]{size, size, 3};
        }
    }

    private final Config config;

    public ImagePreprocessor(Config config) {
        this.config = config;
    }

    public Config config() {
        return config;
    }

    /** Deterministic input for evaluation and embedding: short-side resize, centre crop. */
    public float[] evaluate(BufferedImage image) {
        return evaluate(image, false);
    }

    /** {@link #evaluate(BufferedImage)}, optionally of the mirrored image (test-time flip averaging). */
    public float[] evaluate(BufferedImage image, boolean mirror) {
        BufferedImage resized = resizeShortSide(image, config.resizeShortSide());
        return toArray(centerCrop(resized, config.size(), config.size()), mirror);
    }

    /** Augmented input for training; the same {@code random} state gives the same output. */
    public float[] augment(BufferedImage image, Random random) {
        BufferedImage crop = randomResizedCrop(image, config.size(), random);
        return toArray(crop, random.nextBoolean());
    }

    /** {@code image} scaled so its shorter side is {@code shortSide}, keeping the aspect ratio. */
    public static BufferedImage resizeShortSide(BufferedImage image, int shortSide) {
        int w = image.getWidth();
        int h = image.getHeight();
        double scale = (double) shortSide / Math.min(w, h);
        int nw = Math.max(shortSide, (int) Math.round(w * scale));
        int nh = Math.max(shortSide, (int) Math.round(h * scale));
        if (nw == w && nh == h) {
            return image;
        }
        return Resampling.resize(image, nw, nh);
    }

    /** The centred {@code width x height} region of {@code image} (which must be at least that large). */
    public static BufferedImage centerCrop(BufferedImage image, int width, int height) {
        if (image.getWidth() < width || image.getHeight() < height) {
            throw new IllegalArgumentException("image " + image.getWidth() + "x" + image.getHeight()
                    + " is smaller than the crop " + width + "x" + height);
        }
        return image.getSubimage((image.getWidth() - width) / 2, (image.getHeight() - height) / 2, width, height);
    }

    /**
     * A random region covering 80-100% of the image area with aspect ratio 3/4-4/3, scaled to
     * {@code size x size}. Falls back to the largest centred square when no such region fits after a few
     * tries (very elongated images).
     */
    public static BufferedImage randomResizedCrop(BufferedImage image, int size, Random random) {
        int w = image.getWidth();
        int h = image.getHeight();
        double area = (double) w * h;
        for (int i = 0; i < CROP_TRIES; i++) {
            double target = area * (MIN_AREA + (MAX_AREA - MIN_AREA) * random.nextDouble());
            double aspect = Math.exp(Math.log(MIN_ASPECT) + (Math.log(MAX_ASPECT) - Math.log(MIN_ASPECT)) * random.nextDouble());
            int cw = (int) Math.round(Math.sqrt(target * aspect));
            int ch = (int) Math.round(Math.sqrt(target / aspect));
            if (cw >= 1 && ch >= 1 && cw <= w && ch <= h) {
                int x = random.nextInt(w - cw + 1);
                int y = random.nextInt(h - ch + 1);
                return Resampling.resize(image.getSubimage(x, y, cw, ch), size, size);
            }
        }
        int side = Math.min(w, h);
        return Resampling.resize(centerCrop(image, side, side), size, size);
    }

    /**
     * The normalised array of a {@code size x size} image in the configured layout; {@code mirror} reads
     * each row right to left (horizontal flip).
     */
    public float[] toArray(BufferedImage image, boolean mirror) {
        int size = config.size();
        if (image.getWidth() != size || image.getHeight() != size) {
            throw new IllegalArgumentException("expected " + size + "x" + size + ", got "
                    + image.getWidth() + "x" + image.getHeight());
        }
        int[] rgb = image.getRGB(0, 0, size, size, null, 0, size);
        Normalization norm = config.normalization();
        boolean chw = config.layout() == Layout.CHW;
        int plane = size * size;
        float[] out = new float[3 * plane];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int p = rgb[y * size + (mirror ? size - 1 - x : x)];
                int pixel = y * size + x;
                for (int c = 0; c < 3; c++) {
                    int value = (p >> (16 - 8 * c)) & 0xFF;
                    out[chw ? c * plane + pixel : pixel * 3 + c] = norm.apply(c, value);
                }
            }
        }
        return out;
    }
}
