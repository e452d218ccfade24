package org.dualpath.projection;

import org.dualpath.common.InputException;

import java.util.Locale;

/** Which embeddings a map holds: the images, the captions, or both in one joint map. */
public enum Modality {
    IMAGES("images"), CAPTIONS("captions"), BOTH("images + captions");

    private final String label;

    Modality(String label) {
        this.label = label;
    }

    public boolean images() {
        return this != CAPTIONS;
    }

    public boolean captions() {
        return this != IMAGES;
    }

    @Override
    public String toString() {
        return label;
    }

    /** Parses images, captions or both (case-insensitive). */
    public static Modality parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InputException("unknown modality '" + text + "'; use images, captions or both");
        }
    }
}
