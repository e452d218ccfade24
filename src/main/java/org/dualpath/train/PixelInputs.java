package org.dualpath.train;

import org.dualpath.common.Progress;
import org.dualpath.data.CocoImage;
import org.dualpath.data.Dataset;
import org.dualpath.data.UnreadableImage;
import org.dualpath.data.image.ImageDecodeException;
import org.dualpath.data.image.ImageDecoder;
import org.dualpath.data.image.ImagePreprocessor;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Pixel inputs for a network with the image CNN inside: every image is decoded once and kept in memory at the
 * preprocessing's short side, so each epoch only crops, flips and normalises. Images that cannot be decoded are
 * not among the rows; {@link #unreadable()} lists them, so that one bad file does not stop a run.
 */
public final class PixelInputs implements ImageInputs {
    private final BufferedImage[] images;
    private final List<UnreadableImage> unreadable;
    private final ImagePreprocessor preprocessor;

    private PixelInputs(BufferedImage[] images, List<UnreadableImage> unreadable, ImagePreprocessor preprocessor) {
        this.images = images;
        this.unreadable = unreadable;
        this.preprocessor = preprocessor;
    }

    /** Decodes {@code rows} of {@code dataset} on all cores; the rows that decode keep their order. */
    public static PixelInputs load(Dataset dataset, List<CocoImage> rows, ImagePreprocessor preprocessor,
                                   Progress progress) {
        BufferedImage[] images = new BufferedImage[rows.size()];
        String[] failures = new String[rows.size()];
        AtomicInteger done = new AtomicInteger();
        int shortSide = preprocessor.config().resizeShortSide();
        IntStream.range(0, rows.size()).parallel().forEach(i -> {
            progress.checkCancelled();
            try {
                BufferedImage decoded = ImageDecoder.decode(dataset.imagePath(rows.get(i)));
                images[i] = ImagePreprocessor.resizeShortSide(decoded, shortSide);
            } catch (ImageDecodeException e) {
                failures[i] = e.reason();
            }
            int n = done.incrementAndGet();
            if (n % 64 == 0 || n == rows.size()) {
                synchronized (progress) {
                    progress.update(n, rows.size(), "decoding images");
                }
            }
        });
        List<UnreadableImage> unreadable = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (failures[i] != null) {
                unreadable.add(new UnreadableImage(rows.get(i), failures[i]));
            }
        }
        BufferedImage[] readable = Arrays.stream(images).filter(Objects::nonNull).toArray(BufferedImage[]::new);
        return new PixelInputs(readable, List.copyOf(unreadable), preprocessor);
    }

    /** The rows that could not be decoded, in their order, with the reasons. */
    public List<UnreadableImage> unreadable() {
        return unreadable;
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
