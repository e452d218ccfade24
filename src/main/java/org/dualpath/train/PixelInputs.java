package org.dualpath.train;

import org.dualpath.common.Progress;
import org.dualpath.data.CocoImage;
import org.dualpath.data.Dataset;
import org.dualpath.data.image.ImageDecoder;
import org.dualpath.data.image.ImagePreprocessor;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Pixel inputs for a network with the image CNN inside: every image is decoded once and kept in memory at the
 * preprocessing's short side, so each epoch only crops, flips and normalises.
 */
public final class PixelInputs implements ImageInputs {
    private final BufferedImage[] images;
    private final ImagePreprocessor preprocessor;

    private PixelInputs(BufferedImage[] images, ImagePreprocessor preprocessor) {
        this.images = images;
        this.preprocessor = preprocessor;
    }

    /** Decodes {@code rows} of {@code dataset} on all cores. */
    public static PixelInputs load(Dataset dataset, List<CocoImage> rows, ImagePreprocessor preprocessor,
                                   Progress progress) {
        BufferedImage[] images = new BufferedImage[rows.size()];
        AtomicInteger done = new AtomicInteger();
        int shortSide = preprocessor.config().resizeShortSide();
        IntStream.range(0, rows.size()).parallel().forEach(i -> {
            progress.checkCancelled();
            BufferedImage decoded = ImageDecoder.decode(dataset.imagePath(rows.get(i)));
            images[i] = ImagePreprocessor.resizeShortSide(decoded, shortSide);
            int n = done.incrementAndGet();
            if (n % 64 == 0 || n == rows.size()) {
                synchronized (progress) {
                    progress.update(n, rows.size(), "decoding images");
                }
            }
        });
        return new PixelInputs(images, preprocessor);
    }

    @Override
    public int size() {
        return images.length;
    }

    @Override
    public long[] shape() {
        return preprocessor.config().shape();
    }

    @Override
    public float[] training(int i, Random random) {
        return preprocessor.augment(images[i], random);
    }

    @Override
    public float[] evaluation(int i) {
        return preprocessor.evaluate(images[i]);
    }
}
