package org.dualpath.data;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Where a dataset's train/val/test split came from, recorded with every result: the source (a split file's
 * "source", "karpathy:..." or the seeded rule), the seed (null when the split was not drawn at random) and
 * the number of images per split.
 */
public record SplitRecord(String source, Long seed, Map<Split, Integer> counts) {
    public SplitRecord {
        counts = Collections.unmodifiableMap(new EnumMap<>(counts));
    }

    /** The record for {@code assignment} (image id to split). */
    public static SplitRecord of(String source, Long seed, Map<Long, Split> assignment) {
        Map<Split, Integer> counts = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            counts.put(s, 0);
        }
        assignment.values().forEach(s -> counts.merge(s, 1, Integer::sum));
        return new SplitRecord(source, seed, counts);
    }

    /** The number of images in {@code split}. */
    public int count(Split split) {
        return counts.getOrDefault(split, 0);
    }

    /** E.g. "train 600, val 200, test 200 (source seeded ..., seed 42)". */
    @Override
    public String toString() {
        return "train " + count(Split.TRAIN) + ", val " + count(Split.VAL) + ", test " + count(Split.TEST)
                + " (source " + source + (seed == null ? "" : ", seed " + seed) + ")";
    }
}
