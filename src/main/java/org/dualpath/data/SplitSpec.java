package org.dualpath.data;

import org.dualpath.common.InputException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * How a dataset without a split file is split: how many images go to val and test (the rest is train) and
 * the seeded shuffle that picks them. {@link #DEFAULT} takes 20% of the images for val and 20% for test, each
 * capped at 1,000 images: small sets keep a usable test set, large ones get the 1,000-image test set of the
 * COCO 1K protocol.
 */
public final class SplitSpec {
    /** The seed used when none is given. */
    public static final long DEFAULT_SEED = 42;
    /** 20% val and 20% test, each at most 1,000 images. */
    public static final SplitSpec DEFAULT = new SplitSpec(true, 0.2, 0.2, 1000);

    private final boolean fractions;
    private final double val;
    private final double test;
    private final int cap;

    private SplitSpec(boolean fractions, double val, double test, int cap) {
        this.fractions = fractions;
        this.val = val;
        this.test = test;
        this.cap = cap;
    }

    /** Exactly {@code val} and {@code test} images. */
    public static SplitSpec counts(int val, int test) {
        if (val < 0 || test < 0) {
            throw new InputException("split sizes must not be negative (val " + val + ", test " + test + "); give counts >= 0");
        }
        return new SplitSpec(false, val, test, Integer.MAX_VALUE);
    }

    /** The fractions {@code val} and {@code test} of the images (rounded down). */
    public static SplitSpec fractions(double val, double test) {
        if (val < 0 || test < 0 || val + test >= 1) {
            throw new InputException("split fractions val " + val + " and test " + test
                    + " must be >= 0 and leave some training images; give fractions that sum to less than 1");
        }
        return new SplitSpec(true, val, test, Integer.MAX_VALUE);
    }

    /** The number of val images out of {@code n}. */
    public int valSize(int n) {
        return size(val, n);
    }

    /** The number of test images out of {@code n}. */
    public int testSize(int n) {
        return size(test, n);
    }

    /** E.g. "seeded shuffle: val 20% (at most 1000), test 20% (at most 1000)"; used as the split's source. */
    public String description() {
        return "seeded shuffle: val " + part(val) + ", test " + part(test);
    }

    /**
     * Assigns every id to a split: ids are sorted, shuffled with {@code new Random(seed)} (whose sequence Java
     * fixes, so the split is the same on every machine), then the first go to test, the next to val.
     */
    public SplitAssignment assign(Collection<Long> imageIds, long seed) {
        int n = imageIds.size();
        int testCount = testSize(n);
        int valCount = valSize(n);
        if (testCount + valCount > n) {
            throw new InputException("the split asks for " + valCount + " val and " + testCount
                    + " test images but the dataset has only " + n + "; ask for fewer");
        }
        List<Long> ids = new ArrayList<>(imageIds);
        Collections.sort(ids);
        Collections.shuffle(ids, new Random(seed));
        Map<Long, Split> splits = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            splits.put(ids.get(i), i < testCount ? Split.TEST : i < testCount + valCount ? Split.VAL : Split.TRAIN);
        }
        return SplitAssignment.of(description(), seed, splits);
    }

    private int size(double value, int n) {
        return fractions ? Math.min(cap, (int) Math.floor(value * n)) : (int) value;
    }

    private String part(double value) {
        if (!fractions) {
            return String.valueOf((int) value);
        }
        String pct = Math.round(value * 1000) / 10.0 + "%";
        return cap == Integer.MAX_VALUE ? pct : pct + " (at most " + cap + ")";
    }
}
