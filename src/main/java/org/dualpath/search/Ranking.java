package org.dualpath.search;

import java.util.List;

/**
 * One ranked gallery of an answer: the top entries with their cosine scores, the ids of the query's correct
 * answers when it has any, the pessimistic rank of the best of them over the whole (filtered) gallery (0 when
 * the query has no ground truth, or the filter hides all of it), and how many items were ranked.
 */
public record Ranking(List<Entry> entries, long[] truthIds, int truthRank, int gallerySize) {
    /** One ranked item: an image id or a caption id, its 1-based rank and cosine score, and whether it is ground truth. */
    public record Entry(int rank, long id, float score, boolean truth) {
    }

    public Ranking {
        entries = List.copyOf(entries);
        truthIds = truthIds.clone();
    }

    @Override
    public long[] truthIds() {
        return truthIds.clone();
    }
}
