package org.dualpath.report;

import org.dualpath.data.CocoCaption;
import org.dualpath.data.CocoImage;
import org.dualpath.data.Dataset;
import org.dualpath.data.ImageCategory;
import org.dualpath.eval.FailureCase;
import org.dualpath.vector.TopK;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

/**
 * A badly answered query in words, as the Evaluate tab and the report show it: the image (the query's, or the
 * ground truth of a caption query) and its file, the query's text or file name, the ground truth's rank and
 * cosine, what ranked above it, and the image's categories.
 */
public record DescribedFailure(FailureCase.Direction direction, int rank, CocoImage image, Path file, String query,
                               String truth, float truthScore, List<Above> above, Set<String> categories) {
    /** An item that ranked above the ground truth: its caption or file name and its cosine. */
    public record Above(String label, float score) {
    }

    public DescribedFailure {
        above = List.copyOf(above);
        categories = Set.copyOf(categories);
    }

    /** Names the ids of {@code c} with the dataset's files and {@code captions} (caption id to caption). */
    public static DescribedFailure of(Dataset d, LongFunction<CocoCaption> captions, FailureCase c) {
        boolean imageQuery = c.direction() == FailureCase.Direction.IMAGE_TO_TEXT;
        CocoImage image;
        String query;
        String truth;
        if (imageQuery) {
            image = d.image(c.queryId());
            query = image.fileName();
            truth = captions.apply(c.truthId()).caption();
        } else {
            CocoCaption caption = captions.apply(c.queryId());
            image = d.image(caption.imageId());
            query = caption.caption();
            truth = image.fileName();
        }
        List<Above> above = new ArrayList<>();
        for (TopK.Hit h : c.above()) {
            above.add(new Above(imageQuery ? captions.apply(h.id()).caption() : d.image(h.id()).fileName(), h.score()));
        }
        Set<String> categories = d.categories(image.id()).stream().map(ImageCategory::category).map(cat -> cat.name())
                .collect(Collectors.toSet());
        return new DescribedFailure(c.direction(), c.rank(), image, d.imagePath(image), query, truth, c.truthScore(),
                above, categories);
    }
}
