package org.dualpath.store;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An image of the dataset that could not be read when the store was built (missing, empty, truncated, not an
 * image, over the decoder's pixel budget): its id, file name, the stamp its file had then and the decoder's reason.
 * One bad file should not stop a whole job, so the store leaves such an image out of its image rows and keeps
 * its captions; the manifest records it, so that reopening says the same and a changed file is tried again.
 */
public record SkippedImage(long id, String file, long stamp, String reason) {
    /** How many skipped images a summary names before it only counts the rest. */
    static final int NAMED_IN_SUMMARY = 5;

    /** {@code "a.jpg (reason), b.png (reason)"}: the first {@code most} images, then {@code "(+k more)"}. */
    public static String list(List<SkippedImage> images, int most) {
        String named = images.stream().limit(most).map(s -> s.file() + " (" + s.reason() + ")")
                .collect(Collectors.joining(", "));
        return images.size() > most ? named + " (+" + (images.size() - most) + " more)" : named;
    }

    /** {@code "3 images could not be read"}, in the singular for one. */
    public static String count(List<SkippedImage> images) {
        return images.size() == 1 ? "1 image could not be read" : images.size() + " images could not be read";
    }

    /** The entry the image would have had among the image rows, to tell a changed file from an unchanged one. */
    StoreManifest.ImageEntry entry() {
        return new StoreManifest.ImageEntry(id, file, stamp);
    }
}
