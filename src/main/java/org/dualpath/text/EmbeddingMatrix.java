package org.dualpath.text;

import java.util.BitSet;
import java.util.Random;

/**
 * The initial word-embedding weights of the text path: one row per {@link Vocabulary} index, row 0 (padding)
 * all zeros, row i the vector of word i. Words without a vector get a seeded random Gaussian vector with the
 * same component spread as the real vectors, so that they neither dominate nor vanish. Immutable.
 */
public final class EmbeddingMatrix {
    private final float[][] rows;
    private final BitSet pretrained;

    private EmbeddingMatrix(float[][] rows, BitSet pretrained) {
        this.rows = rows;
        this.pretrained = pretrained;
    }

    /** Builds the matrix; the same vocabulary, vectors and seed give the same matrix. */
    public static EmbeddingMatrix build(Vocabulary vocabulary, WordVectors vectors, long seed) {
        int dim = vectors.dimension();
        float[][] rows = new float[vocabulary.size()][];
        rows[Vocabulary.PADDING] = new float[dim];
        BitSet pretrained = new BitSet(vocabulary.size());
        double std = vectors.componentStd();
        Random random = new Random(seed);
        for (int i = 1; i < rows.length; i++) {
            float[] v = vectors.vector(vocabulary.word(i));
            if (v != null) {
                pretrained.set(i);
            } else {
                v = new float[dim];
                for (int j = 0; j < dim; j++) {
                    v[j] = (float) (random.nextGaussian() * std);
                }
            }
            rows[i] = v;
        }
        return new EmbeddingMatrix(rows, pretrained);
    }

    /** Number of rows (vocabulary size, padding included). */
    public int rows() {
        return rows.length;
    }

    /** Number of columns (word-vector dimension). */
    public int dimension() {
        return rows[0].length;
    }

    /** A copy of row {@code index}. */
    public float[] row(int index) {
        return rows[index].clone();
    }

    /** A copy of the whole matrix, [rows][dimension]. */
    public float[][] toArray() {
        float[][] copy = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            copy[i] = rows[i].clone();
        }
        return copy;
    }

    /** True when row {@code index} is a real word vector rather than a made-up one (false for padding). */
    public boolean isPretrained(int index) {
        return pretrained.get(index);
    }

    /** Number of rows that are real word vectors. */
    public int pretrainedCount() {
        return pretrained.cardinality();
    }
}
