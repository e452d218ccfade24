package org.dualpath.data;

import java.util.Map;

/** The split of every image of a dataset (image id to split) and its {@link SplitRecord}. */
public record SplitAssignment(SplitRecord record, Map<Long, Split> splits) {
    public SplitAssignment {
        splits = Map.copyOf(splits);
    }

    /** An assignment whose record is computed from {@code splits}. */
    public static SplitAssignment of(String source, Long seed, Map<Long, Split> splits) {
        return new SplitAssignment(SplitRecord.of(source, seed, splits), splits);
    }
}
