package org.dualpath.data.shapes;

import java.awt.Shape;
import java.awt.geom.PathIterator;
import java.awt.geom.Rectangle2D;

/**
 * One object of a scene: kind, colour, size class and its outline in canvas pixels, with the tight bounding
 * box and the enclosed area, both measured on the outline flattened to line segments (shoelace formula).
 */
public record SceneObject(ShapeKind kind, ShapeColor color, ObjectSize size, Shape outline, Rectangle2D bounds, double area) {
    private static final double FLATNESS = 0.05;

    /** The object of {@code kind} centred on {@code (cx, cy)} with radius {@code r}. */
    public static SceneObject of(ShapeKind kind, ShapeColor color, ObjectSize size, double cx, double cy, double r) {
        Shape outline = kind.outline(cx, cy, r);
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        double twiceArea = 0;
        double[] c = new double[6];
        double startX = 0;
        double startY = 0;
        double lastX = 0;
        double lastY = 0;
        for (PathIterator it = outline.getPathIterator(null, FLATNESS); !it.isDone(); it.next()) {
            int type = it.currentSegment(c);
            if (type == PathIterator.SEG_CLOSE) {
                twiceArea += lastX * startY - startX * lastY;
                lastX = startX;
                lastY = startY;
                continue;
            }
            if (type == PathIterator.SEG_MOVETO) {
                startX = c[0];
                startY = c[1];
            } else {
                twiceArea += lastX * c[1] - c[0] * lastY;
            }
            lastX = c[0];
            lastY = c[1];
            minX = Math.min(minX, c[0]);
            minY = Math.min(minY, c[1]);
            maxX = Math.max(maxX, c[0]);
            maxY = Math.max(maxY, c[1]);
        }
        Rectangle2D bounds = new Rectangle2D.Double(minX, minY, maxX - minX, maxY - minY);
        return new SceneObject(kind, color, size, outline, bounds, Math.abs(twiceArea) / 2);
    }
}
