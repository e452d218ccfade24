package org.dualpath.projection;

import java.util.stream.IntStream;

/**
 * A closed polygon drawn around points of a map. A point is inside when a ray from it crosses the polygon's
 * edges an odd number of times (even-odd rule, so a self-crossing lasso selects what it encloses an odd number
 * of times); points exactly on an edge may fall either way.
 */
public final class Lasso {
    private final double[] xs;
    private final double[] ys;

    /** The polygon through ({@code xs[i]}, {@code ys[i]}), closed from the last vertex back to the first. */
    public Lasso(double[] xs, double[] ys) {
        if (xs.length != ys.length) {
            throw new IllegalArgumentException("xs and ys differ in length");
        }
        this.xs = xs.clone();
        this.ys = ys.clone();
    }

    public boolean contains(double x, double y) {
        boolean inside = false;
        int n = xs.length;
        for (int i = 0, j = n - 1; i < n; j = i++) {
            if ((ys[i] > y) != (ys[j] > y)
                    && x < (xs[j] - xs[i]) * (y - ys[i]) / (ys[j] - ys[i]) + xs[i]) {
                inside = !inside;
            }
        }
        return inside;
    }

    /** The points of {@code layout} inside the polygon, in point order (none when it has under 3 vertices). */
    public int[] select(MapLayout layout) {
        if (xs.length < 3) {
            return new int[0];
        }
        return IntStream.range(0, layout.size()).filter(i -> contains(layout.x()[i], layout.y()[i])).toArray();
    }
}
