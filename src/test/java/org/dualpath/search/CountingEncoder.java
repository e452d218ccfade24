package org.dualpath.search;

import java.awt.image.BufferedImage;
import java.util.List;

/** A model's query encoders that count the passes through each (tests: one pass per typed or dropped query). */
public final class CountingEncoder implements QueryEncoder {
    private final QueryEncoder inner;
    private int textPasses;
    private int imagePasses;

    public CountingEncoder(QueryEncoder inner) {
        this.inner = inner;
    }

    @Override
    public synchronized float[] text(String text) {
        textPasses++;
        return inner.text(text);
    }

    @Override
    public synchronized float[] image(BufferedImage image) {
        imagePasses++;
        return inner.image(image);
    }

    @Override
    public List<String> unknownWords(String text) {
        return inner.unknownWords(text);
    }

    @Override
    public int dimension() {
        return inner.dimension();
    }

    public synchronized int textPasses() {
        return textPasses;
    }

    public synchronized int imagePasses() {
        return imagePasses;
    }

    public synchronized void reset() {
        textPasses = 0;
        imagePasses = 0;
    }
}
