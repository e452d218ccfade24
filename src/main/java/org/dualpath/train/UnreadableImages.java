package org.dualpath.train;

import org.dualpath.data.Dataset;
import org.dualpath.data.UnreadableImage;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The training and validation images a run could not decode, and the one-line messages that name them: each
 * file by its name in the images folder, with the decoder's reason. The run's summary names the first few (the
 * model's provenance keeps them all); a refusal under {@code --strict} names every one.
 */
final class UnreadableImages {
    /** Files named in a summary line before it only counts the rest. */
    static final int NAMED = 5;

    private final List<UnreadableImage> images;
    private final int decoded;
    private final String folder;

    /** {@code images} of {@code dataset} failed out of {@code decoded} that the run tried. */
    UnreadableImages(Dataset dataset, List<UnreadableImage> images, int decoded) {
        this.images = List.copyOf(images);
        this.decoded = decoded;
        this.folder = dataset.imagesDir().toString();
    }

    boolean isEmpty() {
        return images.isEmpty();
    }

    List<UnreadableImage> images() {
        return images;
    }

    Set<Long> ids() {
        return images.stream().map(u -> u.image().id()).collect(Collectors.toSet());
    }

    /** What the run says before its first step when it goes on without them. */
    String leftOutMessage() {
        return heading() + " and are left out of training and validation: " + named(NAMED)
                + "; fix or replace them and train again to use them ('dualpath model info' lists them all),"
                + " or give --strict to stop instead";
    }

    /** Why a run with {@code --strict} does not start: every file with its reason. */
    String refusal() {
        return heading() + ": " + named(images.size()) + "; fix or replace them, or train without --strict to leave"
                + " them out";
    }

    /** What a refusal for too few training images adds when some were left out. */
    String tooFewNote() {
        return "; " + heading() + ": " + named(NAMED) + "; fix or replace them";
    }

    private String heading() {
        return images.size() + " of " + decoded + " images in " + folder + " could not be read";
    }

    private String named(int limit) {
        String list = images.stream().limit(limit).map(u -> u.image().fileName() + " (" + u.reason() + ")")
                .collect(Collectors.joining(", "));
        return images.size() > limit ? list + " (+" + (images.size() - limit) + " more)" : list;
    }
}
