package org.dualpath.eval;

/** Which image galleries a retrieval evaluation ranks against. */
public enum Protocol {
    /** All test images against all their (kept) captions. */
    ALL("all test images"),
    /** Five folds of 1,000 images in row order, each against its own captions; mean and std over folds. */
    COCO_1K("COCO 1K (5 folds of 1,000 images, mean \u00b1 std over folds)"),
    /** All 5,000 test images against all their captions. */
    COCO_5K("COCO 5K (5,000 images against all their captions)"),
    /** COCO 1K and COCO 5K when the test set has exactly 5,000 images, otherwise ALL. */
    AUTO("auto");

    private final String label;

    Protocol(String label) {
        this.label = label;
    }

    /** How tables name the protocol. */
    public String label() {
        return label;
    }
}
