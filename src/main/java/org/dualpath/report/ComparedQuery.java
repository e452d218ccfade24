package org.dualpath.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.dualpath.data.CocoCaption;
import org.dualpath.data.CocoImage;
import org.dualpath.data.Dataset;
import org.dualpath.eval.FailureCase;
import org.dualpath.eval.ModelComparison;

import java.nio.file.Path;
import java.util.List;
import java.util.function.LongFunction;

/**
 * A query of a model comparison in words, as {@code dualpath compare} and the Compare tab list it: the image (the
 * query's, or the ground truth of a caption query) and its file, the query's caption or file name, and the rank of
 * its ground truth under model A and under model B.
 */
public record ComparedQuery(@JsonIgnore FailureCase.Direction direction, long queryId, @JsonIgnore CocoImage image,
                            @JsonIgnore Path file, String query, int rankA, int rankB) {
    /** How many places B moved the ground truth up (negative: down). */
    public int change() {
        return rankA - rankB;
    }

    /** Names the query of {@code q} with the dataset's files and {@code captions} (caption id to caption). */
    public static ComparedQuery of(Dataset d, LongFunction<CocoCaption> captions, FailureCase.Direction direction,
                                   ModelComparison.QueryRanks q) {
        boolean imageQuery = direction == FailureCase.Direction.IMAGE_TO_TEXT;
        CocoCaption caption = imageQuery ? null : captions.apply(q.queryId());
        CocoImage image = d.image(imageQuery ? q.queryId() : caption.imageId());
        return new ComparedQuery(direction, q.queryId(), image, d.imagePath(image),
                imageQuery ? image.fileName() : caption.caption(), q.rankA(), q.rankB());
    }

    /** The first {@code n} of {@code ranks} in words. */
    public static List<ComparedQuery> first(Dataset d, LongFunction<CocoCaption> captions, FailureCase.Direction direction,
                                            List<ModelComparison.QueryRanks> ranks, int n) {
        return ranks.stream().limit(n).map(q -> of(d, captions, direction, q)).toList();
    }
}
