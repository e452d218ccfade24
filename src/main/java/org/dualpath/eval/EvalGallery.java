package org.dualpath.eval;

import org.dualpath.common.InputException;
import org.dualpath.vector.Embeddings;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The vectors one evaluation ranks: images, captions, and for each caption row the row of its image. Cut from
 * stored vectors (the explorer's whole collection) to a subset of images and their captions, so the explorer
 * evaluates a split without embedding anything again.
 */
public record EvalGallery(Embeddings images, Embeddings captions, int[] captionImage) {
    public EvalGallery {
        captionImage = captionImage.clone();
    }

    @Override
    public int[] captionImage() {
        return captionImage.clone();
    }

    /**
     * The image rows {@code keep} accepts, with their captions, in row order; captions whose image row is negative
     * (an image that could not be read) have no ground truth and are left out.
     */
    public static EvalGallery of(Embeddings images, Embeddings captions, int[] captionImage, IntPredicate keep) {
        int[] newRow = new int[images.size()];
        List<Integer> imageRows = new ArrayList<>();
        for (int r = 0; r < images.size(); r++) {
            newRow[r] = keep.test(r) ? imageRows.size() : -1;
            if (newRow[r] >= 0) {
                imageRows.add(r);
            }
        }
        if (imageRows.isEmpty()) {
            throw new InputException("no image to evaluate: the chosen images are empty; choose another split or clear the filters");
        }
        List<Integer> captionRows = new ArrayList<>();
        for (int j = 0; j < captionImage.length; j++) {
            if (captionImage[j] >= 0 && newRow[captionImage[j]] >= 0) {
                captionRows.add(j);
            }
        }
        int[] owner = captionRows.stream().mapToInt(j -> newRow[captionImage[j]]).toArray();
        return new EvalGallery(images.rows(imageRows.stream().mapToInt(Integer::intValue).toArray()),
                captions.rows(captionRows.stream().mapToInt(Integer::intValue).toArray()), owner);
    }
}
