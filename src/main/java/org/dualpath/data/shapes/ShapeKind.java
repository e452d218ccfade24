package org.dualpath.data.shapes;

import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Locale;

/**
 * The object types of the shapes dataset (the COCO categories), each with its supercategory, the nouns
 * captions may use for it and its outline centred on {@code (cx, cy)} inside a circle of radius {@code r}.
 */
public enum ShapeKind {
    CIRCLE("round", List.of("circle", "disc")),
    SQUARE("polygon", List.of("square", "box", "block")),
    TRIANGLE("polygon", List.of("triangle")),
    HEXAGON("polygon", List.of("hexagon")),
    DIAMOND("polygon", List.of("diamond", "rhombus", "lozenge")),
    STAR("symbol", List.of("star", "five-pointed star")),
    CROSS("symbol", List.of("cross", "plus sign")),
    HEART("symbol", List.of("heart"));

    private final String supercategory;
    private final List<String> nouns;

    ShapeKind(String supercategory, List<String> nouns) {
        this.supercategory = supercategory;
        this.nouns = nouns;
    }

    /** COCO category id: 1 for the first kind, in declaration order. */
    public int categoryId() {
        return ordinal() + 1;
    }

    /** COCO category name, e.g. "circle". */
    public String categoryName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** "round", "polygon" or "symbol". */
    public String supercategory() {
        return supercategory;
    }

    /** Nouns for captions; the first is the category name. */
    public List<String> nouns() {
        return nouns;
    }

    /** The outline, filling most of the circle of radius {@code r} around {@code (cx, cy)}. */
    public Shape outline(double cx, double cy, double r) {
        return switch (this) {
            case CIRCLE -> new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r);
            case SQUARE -> new Rectangle2D.Double(cx - 0.85 * r, cy - 0.85 * r, 1.7 * r, 1.7 * r);
            case TRIANGLE -> polygon(cx, cy, r, 3, -Math.PI / 2, 1);
            case HEXAGON -> polygon(cx, cy, r, 6, 0, 1);
            case DIAMOND -> diamond(cx, cy, r);
            case STAR -> polygon(cx, cy, r, 10, -Math.PI / 2, 0.45);
            case CROSS -> cross(cx, cy, r);
            case HEART -> heart(cx, cy, r);
        };
    }

    /**
     * A regular polygon with {@code corners} vertices starting at angle {@code start}; with
     * {@code innerRatio < 1} every second vertex sits at {@code innerRatio * r} (a star).
     */
    private static Shape polygon(double cx, double cy, double r, int corners, double start, double innerRatio) {
        Path2D.Double p = new Path2D.Double();
        for (int i = 0; i < corners; i++) {
            double radius = i % 2 == 1 ? r * innerRatio : r;
            double a = start + 2 * Math.PI * i / corners;
            double x = cx + radius * Math.cos(a);
            double y = cy + radius * Math.sin(a);
            if (i == 0) {
                p.moveTo(x, y);
            } else {
                p.lineTo(x, y);
            }
        }
        p.closePath();
        return p;
    }

    private static Shape diamond(double cx, double cy, double r) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(cx, cy - r);
        p.lineTo(cx + 0.7 * r, cy);
        p.lineTo(cx, cy + r);
        p.lineTo(cx - 0.7 * r, cy);
        p.closePath();
        return p;
    }

    private static Shape cross(double cx, double cy, double r) {
        double a = 0.32 * r;
        double e = 0.9 * r;
        Path2D.Double p = new Path2D.Double();
        p.moveTo(cx - a, cy - e);
        p.lineTo(cx + a, cy - e);
        p.lineTo(cx + a, cy - a);
        p.lineTo(cx + e, cy - a);
        p.lineTo(cx + e, cy + a);
        p.lineTo(cx + a, cy + a);
        p.lineTo(cx + a, cy + e);
        p.lineTo(cx - a, cy + e);
        p.lineTo(cx - a, cy + a);
        p.lineTo(cx - e, cy + a);
        p.lineTo(cx - e, cy - a);
        p.lineTo(cx - a, cy - a);
        p.closePath();
        return p;
    }

    /** Two lobes (cubic curves) meeting in a point at the bottom. */
    private static Shape heart(double cx, double cy, double r) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(cx, cy + 0.9 * r);
        p.curveTo(cx - 1.3 * r, cy + 0.05 * r, cx - 0.95 * r, cy - 1.15 * r, cx, cy - 0.45 * r);
        p.curveTo(cx + 0.95 * r, cy - 1.15 * r, cx + 1.3 * r, cy + 0.05 * r, cx, cy + 0.9 * r);
        p.closePath();
        return p;
    }
}
