package org.dualpath.app.search;

import java.util.List;

/**
 * A ranked answer to one query: the top hits with their cosine scores, and where the ground truth ranks in the
 * whole gallery (0 when the query has no known ground truth).
 */
public record Ranking(List<Hit> hits, int truthRank, int gallerySize) {
    /** One ranked item: an image id or a caption id, its 1-based rank and cosine score, and whether it is ground truth. */
    public record Hit(int rank, long id, float score, boolean truth) {
    }

    public Ranking {
        hits = List.copyOf(hits);
    }
}
