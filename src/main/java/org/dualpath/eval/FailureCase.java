package org.dualpath.eval;

import org.dualpath.vector.Embeddings;
import org.dualpath.vector.TopK;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * One badly answered query of an evaluation: the query (an image id for image → text, a caption id for text →
 * image), the rank and cosine of its best ground-truth item, and the items that ranked above it with their
 * cosines (the first few).
 */
public record FailureCase(Direction direction, long queryId, int rank, long truthId, float truthScore,
                          List<TopK.Hit> above) {
    /** Which way the query went. */
    public enum Direction { IMAGE_TO_TEXT, TEXT_TO_IMAGE }

    public FailureCase {
        above = List.copyOf(above);
    }

    /**
     * The failure cases of the worst queries of {@code evaluation} (which must come from {@code gallery}): for
     * each, what outranked its ground truth, the first {@code shown} of them.
     */
    public static List<FailureCase> of(EvalGallery gallery, RecallReport.Evaluation evaluation, Direction direction,
                                       int shown) {
        boolean imageQueries = direction == Direction.IMAGE_TO_TEXT;
        Embeddings queries = imageQueries ? gallery.images() : gallery.captions();
        // the items the evaluation ranked (kept captions, the fold's images), in the caller's rows
        int[] candidates = imageQueries ? evaluation.captionRows() : evaluation.imageRows();
        Embeddings ranked = (imageQueries ? gallery.captions() : gallery.images()).rows(candidates);
        int[] owner = gallery.captionImage();
        List<FailureCase> cases = new ArrayList<>();
        for (RecallReport.RankedQuery q : imageQueries ? evaluation.worstImageToText() : evaluation.worstTextToImage()) {
            float[] scores = TopK.scores(ranked, queries.row(q.row()));
            BitSet truth = new BitSet(candidates.length);
            for (int c = 0; c < candidates.length; c++) {
                truth.set(c, imageQueries ? owner[candidates[c]] == q.row() : candidates[c] == owner[q.row()]);
            }
            int best = truth.stream().reduce((a, b) -> scores[a] >= scores[b] ? a : b).orElseThrow();
            List<TopK.Hit> above = TopK.topKOfScores(ranked, scores, shown, r -> !truth.get(r) && scores[r] >= scores[best]);
            cases.add(new FailureCase(direction, q.id(), q.rank(), ranked.id(best), scores[best], above));
        }
        return cases;
    }
}
