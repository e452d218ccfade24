package org.dualpath.data;

import java.util.Locale;

/** The part of a dataset an image belongs to. Karpathy's "restval" counts as training data. */
public enum Split {
    TRAIN, VAL, TEST;

    /** Lower-case name as used in files and on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
