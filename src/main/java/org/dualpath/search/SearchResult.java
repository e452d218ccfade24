package org.dualpath.search;

import org.dualpath.store.EmbeddingStore;
import org.dualpath.vector.TopK;
import java.util.List;
import java.util.OptionalInt;

/**
 * The answer to one query: the best {@code hits} of {@code gallery} (cosine scores, best first) and, when the
 * query is a dataset item or caption, the gallery rows that are its correct answers with the pessimistic
 * 1-based rank of the best of them (1 + the other counted rows scoring {@code >=} it), also when it falls
 * outside the hits.
 */
public record SearchResult(Gallery gallery, List<TopK.Hit> hits, int[] groundTruthRows,
                           OptionalInt groundTruthRank) {
    /** What the hit rows index: {@link EmbeddingStore#images()} or {@link EmbeddingStore#captions()}. */
    public enum Gallery { IMAGES, CAPTIONS }

    public SearchResult {
        hits = List.copyOf(hits);
        groundTruthRows = groundTruthRows.clone();
    }

    /** A result without ground truth. */
    static SearchResult of(Gallery gallery, List<TopK.Hit> hits) {
        return new SearchResult(gallery, hits, new int[0], OptionalInt.empty());
    }

    @Override
    public int[] groundTruthRows() {
        return groundTruthRows.clone();
    }
}
