package org.dualpath.vector;

import org.dualpath.common.InputException;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * Exact cosine search: the score of row r is {@code query . row_r} (both assumed L2-normalised), computed
 * for every row in one pass. Top-K keeps a bounded min-heap of the K best (score descending, then lower row
 * first, so equal scores come out in a deterministic order). Ranks are pessimistic: every other row with a
 * score {@code >=} the target's ranks ahead of it, so ties never make a hit.
 */
public final class TopK {
    /**
     * Galleries of fewer values (rows x dimension) are scored on the calling thread: below about a millisecond
     * of scanning, handing chunks to the pool costs more than the second core saves.
     */
    static final long PARALLEL_MIN_VALUES = 1L << 21;
    /** Shared by all searches, one thread per core; chunks are a few per thread so a busy core's share moves. */
    private static final ForkJoinPool POOL = new ForkJoinPool(Runtime.getRuntime().availableProcessors());

    private TopK() {
    }

    /** One search result: the gallery row, its id and its cosine score. */
    public record Hit(int row, long id, float score) {
    }

    /** The {@code k} rows most similar to {@code query}, best first. */
    public static List<Hit> topK(Embeddings gallery, float[] query, int k) {
        return topK(gallery, query, k, null);
    }

    /** The {@code k} rows accepted by {@code filter} (null: all) most similar to {@code query}, best first. */
    public static List<Hit> topK(Embeddings gallery, float[] query, int k, IntPredicate filter) {
        return topKOfScores(gallery, scores(gallery, query), k, filter);
    }

    /** As {@link #topK(Embeddings, float[], int, IntPredicate)} from scores already computed for every row. */
    public static List<Hit> topKOfScores(Embeddings gallery, float[] scores, int k, IntPredicate filter) {
        if (k <= 0) {
            throw new InputException("top-K needs K >= 1, got " + k);
        }
        int capacity = Math.min(k, scores.length);
        int[] rows = new int[capacity];
        float[] best = new float[capacity];
        int size = 0;
        for (int r = 0; r < scores.length; r++) {
            if (filter != null && !filter.test(r)) {
                continue;
            }
            float s = scores[r];
            if (size < capacity) {
                rows[size] = r;
                best[size] = s;
                siftUp(rows, best, size++);
            } else if (s > best[0]) {
                // rows arrive in increasing order, so an equal score loses to the row already kept
                rows[0] = r;
                best[0] = s;
                siftDown(rows, best, size);
            }
        }
        List<Hit> hits = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            hits.add(new Hit(rows[i], gallery.id(rows[i]), best[i]));
        }
        hits.sort((a, b) -> a.score() != b.score() ? Float.compare(b.score(), a.score()) : Integer.compare(a.row(), b.row()));
        return hits;
    }

    /**
     * The 1-based rank of the best of {@code targetRows} for {@code query}: 1 + the number of non-target
     * rows whose score is {@code >=} the best target score (pessimistic ties).
     */
    public static int rankOf(Embeddings gallery, float[] query, int... targetRows) {
        if (targetRows.length == 0) {
            throw new InputException("rankOf needs at least one target row");
        }
        BitSet targets = new BitSet(gallery.size());
        for (int t : targetRows) {
            if (t < 0 || t >= gallery.size()) {
                throw new InputException("target row " + t + " is outside the gallery of " + gallery.size() + " rows");
            }
            targets.set(t);
        }
        float[] scores = scores(gallery, query);
        return pessimisticRank(scores, scores.length, targets::get);
    }

    /**
     * The scores of {@code query} against every row of {@code gallery}. A large gallery is split into
     * contiguous row chunks scored on all cores; each row is still summed alone in k order, so the scores do
     * not depend on the split.
     */
    public static float[] scores(Embeddings gallery, float[] query) {
        gallery.checkQuery(query);
        // a caller already running as a fork/join task (Neighbours: one query per task) keeps the cores busy itself
        boolean parallel = (long) gallery.size() * gallery.dimension() >= PARALLEL_MIN_VALUES
                && !ForkJoinTask.inForkJoinPool();
        return scores(gallery, query, parallel ? 4 * POOL.getParallelism() : 1);
    }

    /** The scores of {@code query} against every row, in {@code chunks} contiguous chunks on the pool. */
    static float[] scores(Embeddings gallery, float[] query, int chunks) {
        int n = gallery.size();
        float[] scores = new float[n];
        if (chunks <= 1) {
            gallery.scores(query, 0, 0, n, scores, 0);
            return scores;
        }
        POOL.submit(() -> IntStream.range(0, chunks).parallel().forEach(c -> {
            int from = (int) ((long) n * c / chunks);
            gallery.scores(query, 0, from, (int) ((long) n * (c + 1) / chunks), scores, from);
        })).join();
        return scores;
    }

    /** 1 + the number of non-targets among {@code scores[0, n)} scoring {@code >=} the best target. */
    public static int pessimisticRank(float[] scores, int n, IntPredicate isTarget) {
        return pessimisticRank(scores, n, isTarget, r -> true);
    }

    /** As {@link #pessimisticRank(float[], int, IntPredicate)}, counting only rows accepted by {@code counted}. */
    public static int pessimisticRank(float[] scores, int n, IntPredicate isTarget, IntPredicate counted) {
        float best = Float.NEGATIVE_INFINITY;
        for (int r = 0; r < n; r++) {
            if (isTarget.test(r) && scores[r] > best) {
                best = scores[r];
            }
        }
        int ahead = 0;
        for (int r = 0; r < n; r++) {
            if (scores[r] >= best && !isTarget.test(r) && counted.test(r)) {
                ahead++;
            }
        }
        return ahead + 1;
    }

    /** True when (sa, ra) ranks below (sb, rb): lower score, or equal score and higher row. */
    private static boolean worse(float sa, int ra, float sb, int rb) {
        return sa < sb || (sa == sb && ra > rb);
    }

    private static void siftUp(int[] rows, float[] s, int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!worse(s[i], rows[i], s[parent], rows[parent])) {
                return;
            }
            swap(rows, s, i, parent);
            i = parent;
        }
    }

    private static void siftDown(int[] rows, float[] s, int size) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) {
                return;
            }
            int c = l + 1 < size && worse(s[l + 1], rows[l + 1], s[l], rows[l]) ? l + 1 : l;
            if (!worse(s[c], rows[c], s[i], rows[i])) {
                return;
            }
            swap(rows, s, i, c);
            i = c;
        }
    }

    private static void swap(int[] rows, float[] s, int a, int b) {
        int r = rows[a];
        rows[a] = rows[b];
        rows[b] = r;
        float t = s[a];
        s[a] = s[b];
        s[b] = t;
    }
}
