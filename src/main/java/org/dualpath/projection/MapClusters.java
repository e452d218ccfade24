package org.dualpath.projection;

import smile.clustering.DBSCAN;
import smile.clustering.PartitionClustering;
import smile.neighbor.KDTree;
import smile.neighbor.Neighbor;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Density-based clusters of a 2-D map layout: DBSCAN (Ester et al. 1996; Smile's, over a k-d tree). With a radius
 * ε and a count m, a point with at least m other points within ε of it is a core point; a cluster is a maximal set
 * of core points joined by chains of ε-neighbours, together with the border points within ε of one of them; every
 * other point is noise. The radius comes from the layout's own scale, ε = f · median over the points of the
 * distance to the m-th nearest neighbour ({@link #scale}), so the same map drawn in other units gives the same
 * clusters and a larger factor f gives fewer, larger ones. Clusters smaller than a minimum size count as noise;
 * the rest are numbered largest first (ties by their first point). Deterministic: no randomness, the point order
 * fixed.
 */
public final class MapClusters {
    /** The cluster of a noise point. */
    public static final int NOISE = -1;

    private final int[] clusterOf;
    private final int[][] members;
    private final double radius;

    private MapClusters(int[] clusterOf, int[][] members, double radius) {
        this.clusterOf = clusterOf;
        this.members = members;
        this.radius = radius;
    }

    /** The most points {@link #scale} measures (at an even stride through the layout). */
    static final int SCALE_SAMPLE = 5000;

    /**
     * The median over the points of {@code layout} of the distance to the {@code k}-th nearest other point (0 for
     * a layout of fewer than two points); above {@link #SCALE_SAMPLE} points, the median over that many taken at an
     * even stride, which estimates it as well at a fraction of the time.
     */
    public static double scale(MapLayout layout, int k) {
        int n = layout.size();
        if (n < 2) {
            return 0;
        }
        double[][] xy = coordinates(layout);
        KDTree<double[]> tree = KDTree.of(xy);
        int kk = Math.min(k, n - 1);
        int stride = (n + SCALE_SAMPLE - 1) / SCALE_SAMPLE;
        double[] d = new double[(n + stride - 1) / stride];
        for (int s = 0; s < d.length; s++) {
            int i = s * stride;
            // the tree leaves out the query's own row (same array), so these are the kk nearest others
            Neighbor<double[], double[]>[] nearest = tree.search(xy[i], kk);
            double far = 0;
            for (Neighbor<double[], double[]> nb : nearest) {
                far = Math.max(far, nb.distance);
            }
            d[s] = far;
        }
        Arrays.sort(d);
        return d[d.length / 2];
    }

    /**
     * DBSCAN of {@code layout} with radius {@code radius} and core count {@code minPoints}; clusters of fewer than
     * {@code minSize} points become noise.
     */
    public static MapClusters fit(MapLayout layout, double radius, int minPoints, int minSize) {
        if (!(radius > 0) || minPoints < 1) {
            throw new IllegalArgumentException("radius must be > 0 and minPoints >= 1, not " + radius + ", " + minPoints);
        }
        int n = layout.size();
        int[] raw = new int[n];
        Arrays.fill(raw, PartitionClustering.OUTLIER);
        if (n > minPoints) {
            raw = DBSCAN.fit(coordinates(layout), minPoints, radius).y;
        }
        int found = Arrays.stream(raw).filter(c -> c != PartitionClustering.OUTLIER).max().orElse(-1) + 1;
        int[] size = new int[found];
        int[] first = new int[found];
        Arrays.fill(first, Integer.MAX_VALUE);
        for (int i = 0; i < n; i++) {
            if (raw[i] != PartitionClustering.OUTLIER) {
                size[raw[i]]++;
                first[raw[i]] = Math.min(first[raw[i]], i);
            }
        }
        Integer[] kept = IntStream.range(0, found).filter(c -> size[c] >= Math.max(1, minSize)).boxed()
                .sorted(Comparator.<Integer>comparingInt(c -> -size[c]).thenComparingInt(c -> first[c]))
                .toArray(Integer[]::new);
        int[] renumber = new int[found];
        Arrays.fill(renumber, NOISE);
        for (int c = 0; c < kept.length; c++) {
            renumber[kept[c]] = c;
        }
        int[] clusterOf = new int[n];
        int[][] members = new int[kept.length][];
        int[] filled = new int[kept.length];
        for (int c = 0; c < kept.length; c++) {
            members[c] = new int[size[kept[c]]];
        }
        for (int i = 0; i < n; i++) {
            int c = raw[i] == PartitionClustering.OUTLIER ? NOISE : renumber[raw[i]];
            clusterOf[i] = c;
            if (c != NOISE) {
                members[c][filled[c]++] = i;
            }
        }
        return new MapClusters(clusterOf, members, radius);
    }

    private static double[][] coordinates(MapLayout layout) {
        double[][] xy = new double[layout.size()][];
        for (int i = 0; i < xy.length; i++) {
            xy[i] = new double[]{layout.x()[i], layout.y()[i]};
        }
        return xy;
    }

    /** The cluster of a point: 0 for the largest, ..., {@link #NOISE} for noise. */
    public int cluster(int point) {
        return clusterOf[point];
    }

    /** The number of clusters. */
    public int count() {
        return members.length;
    }

    /** The points of a cluster, in point order. */
    public int[] members(int cluster) {
        return members[cluster].clone();
    }

    /** The number of points mapped (clustered or noise). */
    public int points() {
        return clusterOf.length;
    }

    /** The DBSCAN radius used, in layout units. */
    public double radius() {
        return radius;
    }
}
