package org.dualpath.eval;

import java.util.Arrays;

/**
 * What a recall table hides, from one direction's ground-truth ranks: Recall@K for every K from 1 to
 * {@code maxK}, {@code R@K = 100 * |{q : rank_q <= K}| / |queries|} (the table's R@1, R@5 and R@10 are three
 * points of it), and how the ranks spread, counted in bins 1, 2-5, 6-10, 11-20, 21-50, 51-100 and beyond.
 */
public record RankCurves(double[] recallAtK, long[] histogram) {
    /** The histogram's bins: each holds the ranks up to its bound, after the previous bin's. */
    public static final int[] BIN_UPPER = {1, 5, 10, 20, 50, 100, Integer.MAX_VALUE};
    public static final String[] BIN_LABELS = {"1", "2-5", "6-10", "11-20", "21-50", "51-100", ">100"};

    public RankCurves {
        recallAtK = recallAtK.clone();
        histogram = histogram.clone();
    }

    /** Curves of the ranks that are queries ({@code rank > 0}; 0 marks a row that was no query). */
    public static RankCurves of(int[] ranks, int maxK) {
        int[] queries = Arrays.stream(ranks).filter(r -> r > 0).toArray();
        long[] atRank = new long[maxK + 1];
        long[] bins = new long[BIN_UPPER.length];
        for (int r : queries) {
            if (r <= maxK) {
                atRank[r]++;
            }
            int b = 0;
            while (r > BIN_UPPER[b]) {
                b++;
            }
            bins[b]++;
        }
        double[] recall = new double[maxK];
        long within = 0;
        for (int k = 1; k <= maxK; k++) {
            within += atRank[k];
            recall[k - 1] = queries.length == 0 ? 0 : 100.0 * within / queries.length;
        }
        return new RankCurves(recall, bins);
    }

    @Override
    public double[] recallAtK() {
        return recallAtK.clone();
    }

    @Override
    public long[] histogram() {
        return histogram.clone();
    }
}
