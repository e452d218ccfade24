package org.dualpath.data;

import org.dualpath.common.InputException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A part of COCO that {@link CocoDownloads} fetches, named as on the command line ({@code val-images}...). */
public enum CocoPart {
    VAL_IMAGES("val-images", "validation images"),
    TRAIN_IMAGES("train-images", "training images"),
    ANNOTATIONS("annotations", "captions and instances (train + val)"),
    KARPATHY_SPLIT("karpathy-split", "Karpathy split (dataset_coco.json)");

    private final String id;
    private final String description;

    CocoPart(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** The command line's name: {@code val-images}, {@code train-images}, {@code annotations}, {@code karpathy-split}. */
    public String id() {
        return id;
    }

    /** What the part holds, for people. */
    public String description() {
        return description;
    }

    /** The part named {@code id}; a one-line error lists the names otherwise. */
    public static CocoPart parse(String id) {
        String wanted = id.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.id.equals(wanted)).findFirst()
                .orElseThrow(() -> new InputException("unknown COCO part \"" + id + "\"; use one of "
                        + Arrays.stream(values()).map(CocoPart::id).collect(Collectors.joining(", "))));
    }
}
