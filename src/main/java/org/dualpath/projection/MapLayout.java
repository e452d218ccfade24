package org.dualpath.projection;

/**
 * 2-D positions of a map's points (x of point i at {@code x[i]}) and one line saying what was done to get
 * them (method, parameters, what happened to every point).
 */
public record MapLayout(double[] x, double[] y, String note) {
    public MapLayout {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length");
        }
    }

    /** From rows of two coordinates. */
    public static MapLayout of(double[][] xy, String note) {
        double[] x = new double[xy.length];
        double[] y = new double[xy.length];
        for (int i = 0; i < xy.length; i++) {
            x[i] = xy[i][0];
            y[i] = xy[i][1];
        }
        return new MapLayout(x, y, note);
    }

    public int size() {
        return x.length;
    }
}
