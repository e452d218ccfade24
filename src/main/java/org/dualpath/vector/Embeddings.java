package org.dualpath.vector;

import org.dualpath.common.InputException;

import java.util.HashMap;
import java.util.Map;

/**
 * n x d float32 embeddings in one contiguous row-major array (row i at {@code [i*d, (i+1)*d)}) with one id
 * per row. For L2-normalised rows, cosine similarity is the dot product {@code sum_k a_k b_k}. Every score
 * in this package is summed in k order starting from 0, so that all code paths give bit-identical scores
 * for the same pair: ties must be exact to be broken pessimistically. Immutable by convention: the arrays
 * handed to {@link #of(long[], float[], int)} belong to this object afterwards.
 */
public final class Embeddings {
    private final long[] ids;
    private final float[] data;
    private final int dimension;
    /** Built on the first {@link #rowOf} call; a race builds it twice, to the same content. */
    private volatile Map<Long, Integer> rowById;

    private Embeddings(long[] ids, float[] data, int dimension) {
        this.ids = ids;
        this.data = data;
        this.dimension = dimension;
    }

    /** Wraps {@code data} (row-major, {@code ids.length * dimension} floats) without copying. */
    public static Embeddings of(long[] ids, float[] data, int dimension) {
        if (dimension <= 0) {
            throw new InputException("embedding dimension must be positive, got " + dimension);
        }
        if ((long) ids.length * dimension != data.length) {
            throw new InputException("embeddings: " + ids.length + " ids x " + dimension + " dimensions need "
                    + (long) ids.length * dimension + " values, got " + data.length);
        }
        return new Embeddings(ids, data, dimension);
    }

    /** Copies {@code rows} (all of the same length) into one contiguous array. */
    public static Embeddings of(long[] ids, float[][] rows) {
        if (ids.length != rows.length || rows.length == 0) {
            throw new InputException("embeddings: need one non-empty row per id, got " + ids.length + " ids and "
                    + rows.length + " rows");
        }
        int d = rows[0].length;
        float[] data = new float[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != d) {
                throw new InputException("embeddings: row " + i + " has " + rows[i].length + " values, row 0 has " + d);
            }
            System.arraycopy(rows[i], 0, data, i * d, d);
        }
        return of(ids.clone(), data, d);
    }

    /** The row holding {@code id} (the first, if several do), or -1 when none does. */
    public int rowOf(long id) {
        Map<Long, Integer> rows = rowById;
        if (rows == null) {
            rows = new HashMap<>(ids.length * 2);
            for (int r = ids.length - 1; r >= 0; r--) {
                rows.put(ids[r], r);
            }
            rowById = rows;
        }
        Integer row = rows.get(id);
        return row == null ? -1 : row;
    }

    /** Number of rows. */
    public int size() {
        return ids.length;
    }

    /** Number of columns. */
    public int dimension() {
        return dimension;
    }

    /** The id of row {@code row}. */
    public long id(int row) {
        return ids[row];
    }

    /** A copy of the ids, in row order. */
    public long[] ids() {
        return ids.clone();
    }

    /** A copy of row {@code row}. */
    public float[] row(int row) {
        float[] copy = new float[dimension];
        System.arraycopy(data, row * dimension, copy, 0, dimension);
        return copy;
    }

    /** The dot product of {@code query} (length d) with row {@code row}. */
    public float dot(float[] query, int row) {
        checkQuery(query);
        return dot(query, 0, row);
    }

    /** A copy with every row scaled to unit L2 norm; all-zero rows stay zero. */
    public Embeddings normalized() {
        float[] out = data.clone();
        for (int r = 0; r < ids.length; r++) {
            normalizeInPlace(out, r * dimension, dimension);
        }
        return new Embeddings(ids, out, dimension);
    }

    /** A copy of {@code v} scaled to unit L2 norm; an all-zero vector stays zero. */
    public static float[] normalize(float[] v) {
        float[] out = v.clone();
        normalizeInPlace(out, 0, out.length);
        return out;
    }

    /** A copy holding only {@code rows}, in the given order; returns this when {@code rows} is 0..n-1. */
    public Embeddings rows(int[] rows) {
        if (isIdentity(rows)) {
            return this;
        }
        long[] subIds = new long[rows.length];
        float[] sub = new float[rows.length * dimension];
        for (int i = 0; i < rows.length; i++) {
            subIds[i] = ids[rows[i]];
            System.arraycopy(data, rows[i] * dimension, sub, i * dimension, dimension);
        }
        return new Embeddings(subIds, sub, dimension);
    }

    /** The largest distance of a row's L2 norm from 1 (0 for perfectly normalised rows). */
    public double maxNormError() {
        double worst = 0;
        for (int r = 0; r < ids.length; r++) {
            double sum = 0;
            for (int k = r * dimension, end = k + dimension; k < end; k++) {
                sum += (double) data[k] * data[k];
            }
            worst = Math.max(worst, Math.abs(Math.sqrt(sum) - 1));
        }
        return worst;
    }

    void checkQuery(float[] query) {
        if (query.length != dimension) {
            throw new InputException("query has " + query.length + " dimensions, the embeddings have " + dimension);
        }
    }

    /** Dot product of row {@code queryRow} of {@code queries} with row {@code row}, summed in k order. */
    public float dot(Embeddings queries, int queryRow, int row) {
        checkDimension(queries);
        return dot(queries.data, queryRow * dimension, row);
    }

    /** As {@link #scores(float[], int, int, int, float[], int)} for row {@code queryRow} of {@code queries}. */
    public void scores(Embeddings queries, int queryRow, int from, int to, float[] out, int outOff) {
        checkDimension(queries);
        scores(queries.data, queryRow * dimension, from, to, out, outOff);
    }

    private void checkDimension(Embeddings queries) {
        if (queries.dimension != dimension) {
            throw new InputException("queries have " + queries.dimension + " dimensions, the embeddings have " + dimension);
        }
    }

    /** Dot product of {@code q[qOff, qOff+d)} with row {@code row}, summed in k order. */
    private float dot(float[] q, int qOff, int row) {
        int base = row * dimension;
        float s = 0f;
        for (int k = 0; k < dimension; k++) {
            s += q[qOff + k] * data[base + k];
        }
        return s;
    }

    /**
     * Scores of {@code q[qOff, qOff+d)} against rows {@code [from, to)} into {@code out[outOff...]}. Eight rows
     * go at once with independent accumulators: each row's sum is a chain of dependent additions, so one row
     * at a time waits on the adder's latency; eight chains keep the multipliers and adders busy (four left
     * them half idle, more spill registers). Each row is still summed in k order, so results equal
     * {@link #dot(float[], int, int)} bit for bit.
     */
    void scores(float[] q, int qOff, int from, int to, float[] out, int outOff) {
        int d = dimension;
        float[] m = data;
        int r = from;
        for (; r + 8 <= to; r += 8) {
            int b0 = r * d;
            int b1 = b0 + d;
            int b2 = b1 + d;
            int b3 = b2 + d;
            int b4 = b3 + d;
            int b5 = b4 + d;
            int b6 = b5 + d;
            int b7 = b6 + d;
            float s0 = 0f;
            float s1 = 0f;
            float s2 = 0f;
            float s3 = 0f;
            float s4 = 0f;
            float s5 = 0f;
            float s6 = 0f;
            float s7 = 0f;
            for (int k = 0; k < d; k++) {
                float x = q[qOff + k];
                s0 += x * m[b0 + k];
                s1 += x * m[b1 + k];
                s2 += x * m[b2 + k];
                s3 += x * m[b3 + k];
                s4 += x * m[b4 + k];
                s5 += x * m[b5 + k];
                s6 += x * m[b6 + k];
                s7 += x * m[b7 + k];
            }
            int o = outOff + r - from;
            out[o] = s0;
            out[o + 1] = s1;
            out[o + 2] = s2;
            out[o + 3] = s3;
            out[o + 4] = s4;
            out[o + 5] = s5;
            out[o + 6] = s6;
            out[o + 7] = s7;
        }
        for (; r < to; r++) {
            out[outOff + r - from] = dot(q, qOff, r);
        }
    }

    private static void normalizeInPlace(float[] a, int off, int len) {
        double sum = 0;
        for (int k = off; k < off + len; k++) {
            sum += (double) a[k] * a[k];
        }
        if (sum > 0) {
            double inv = 1 / Math.sqrt(sum);
            for (int k = off; k < off + len; k++) {
                a[k] = (float) (a[k] * inv);
            }
        }
    }

    private boolean isIdentity(int[] rows) {
        if (rows.length != ids.length) {
            return false;
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] != i) {
                return false;
            }
        }
        return true;
    }
}
