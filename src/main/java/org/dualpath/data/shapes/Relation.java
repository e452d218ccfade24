package org.dualpath.data.shapes;

import java.awt.geom.Rectangle2D;
import java.util.List;

/**
 * Spatial relations between two objects, decided on their bounding boxes so captions are true: "a left of b"
 * means a's box ends left of where b's box starts, "a above b" means a's box ends above b's (y grows
 * downwards), and "a next to b" means they are side by side: a small horizontal gap and rows that overlap by
 * at least half the smaller box height.
 */
public enum Relation {
    LEFT_OF(List.of("to the left of", "left of", "on the left of")),
    RIGHT_OF(List.of("to the right of", "right of", "on the right of")),
    ABOVE(List.of("above", "over", "higher up than")),
    BELOW(List.of("below", "under", "beneath", "underneath")),
    NEXT_TO(List.of("next to", "beside", "alongside"));

    /** The smallest gap between two boxes, in pixels, for a relation to count as clear. */
    public static final double MIN_GAP = 4;
    /** The largest horizontal gap, in pixels, for two objects to be "next to" each other. */
    public static final double NEXT_TO_MAX_GAP = 16;

    private final List<String> phrases;

    Relation(List<String> phrases) {
        this.phrases = phrases;
    }

    /** The wordings captions may use, e.g. "to the left of". */
    public List<String> phrases() {
        return phrases;
    }

    /** The relation of b to a when this is the relation of a to b. */
    public Relation inverse() {
        return switch (this) {
            case LEFT_OF -> RIGHT_OF;
            case RIGHT_OF -> LEFT_OF;
            case ABOVE -> BELOW;
            case BELOW -> ABOVE;
            case NEXT_TO -> NEXT_TO;
        };
    }

    /** True when this relation holds for box {@code a} relative to box {@code b}. */
    public boolean holds(Rectangle2D a, Rectangle2D b) {
        return switch (this) {
            case LEFT_OF -> a.getMaxX() <= b.getMinX();
            case RIGHT_OF -> a.getMinX() >= b.getMaxX();
            case ABOVE -> a.getMaxY() <= b.getMinY();
            case BELOW -> a.getMinY() >= b.getMaxY();
            case NEXT_TO -> {
                double gap = Math.max(b.getMinX() - a.getMaxX(), a.getMinX() - b.getMaxX());
                double overlap = Math.min(a.getMaxY(), b.getMaxY()) - Math.max(a.getMinY(), b.getMinY());
                yield gap >= 0 && gap <= NEXT_TO_MAX_GAP && overlap >= 0.5 * Math.min(a.getHeight(), b.getHeight());
            }
        };
    }

    /**
     * The main directional relation of {@code a} to {@code b}: along the axis where the boxes are separated
     * by the larger gap; null when neither gap reaches {@link #MIN_GAP} (the boxes overlap or touch).
     */
    public static Relation between(Rectangle2D a, Rectangle2D b) {
        double gapX = Math.max(b.getMinX() - a.getMaxX(), a.getMinX() - b.getMaxX());
        double gapY = Math.max(b.getMinY() - a.getMaxY(), a.getMinY() - b.getMaxY());
        if (Math.max(gapX, gapY) < MIN_GAP) {
            return null;
        }
        if (gapX >= gapY) {
            return a.getCenterX() < b.getCenterX() ? LEFT_OF : RIGHT_OF;
        }
        return a.getCenterY() < b.getCenterY() ? ABOVE : BELOW;
    }
}
