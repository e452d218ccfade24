package org.dualpath.projection;

import org.dualpath.data.Dataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;

/**
 * A map's regions labelled by their captions, at two density levels: {@link MapClusters} of the layout with a
 * coarse radius (level 0: few large regions, for the whole map) and half of it (level 1: more, smaller ones, for
 * a map zoomed in), each cluster labelled by {@link ClusterLabels}. A region's label sits on its member nearest
 * the members' mean, so it lies on the region even when the region is bent.
 */
public final class MapRegions {
    /** Core count of the clustering (and the neighbour rank of the layout's scale). */
    static final int MIN_POINTS = 10;
    /** Radius factors f of the levels, coarse to fine (radius = f · scale). */
    static final double[] FACTORS = {2.0, 1.0};
    /** Least size of a region at each level, as a share of the points. */
    static final double[] MIN_SHARE = {0.01, 0.004};
    /** Label words per region. */
    static final int WORDS = 3;

    /** A labelled cluster: its level, cluster number, label words, where its label goes and its points. */
    public record Region(int level, int cluster, List<String> words, double x, double y, int[] members) {
        /** The label: its words, space-separated. */
        public String label() {
            return String.join(" ", words);
        }
    }

    /** The clusters of one level and their labelled regions (largest first; clusters without words have none). */
    public record Level(MapClusters clusters, List<Region> regions) {
        /** The label of a cluster; "" for noise or a cluster without words. */
        public String label(int cluster) {
            return regions.stream().filter(r -> r.cluster() == cluster).map(Region::label).findFirst().orElse("");
        }
    }

    private final List<Level> levels;

    private MapRegions(List<Level> levels) {
        this.levels = List.copyOf(levels);
    }

    /** The regions of {@code layout} of {@code points}, labelled from the captions in {@code dataset}. */
    public static MapRegions of(MapPoints points, MapLayout layout, Dataset dataset) {
        return of(layout, ClusterLabels.words(points, dataset));
    }

    /** The regions of {@code layout} labelled from the content words of each point. */
    public static MapRegions of(MapLayout layout, ClusterLabels.PointWords[] words) {
        double scale = MapClusters.scale(layout, MIN_POINTS);
        List<Level> levels = new ArrayList<>();
        for (int l = 0; l < FACTORS.length; l++) {
            // points all in one place (scale 0) are one region
            MapClusters clusters = MapClusters.fit(layout, Math.max(FACTORS[l] * scale, Double.MIN_NORMAL), MIN_POINTS,
                    (int) Math.ceil(MIN_SHARE[l] * layout.size()));
            List<List<String>> labels = ClusterLabels.of(clusters, words, WORDS);
            List<Region> regions = new ArrayList<>();
            for (int c = 0; c < clusters.count(); c++) {
                if (!labels.get(c).isEmpty()) {
                    int at = anchor(layout, clusters.members(c));
                    regions.add(new Region(l, c, labels.get(c), layout.x()[at], layout.y()[at], clusters.members(c)));
                }
            }
            levels.add(new Level(clusters, List.copyOf(regions)));
        }
        return new MapRegions(levels);
    }

    /** The member nearest the members' mean (the first of equals). */
    private static int anchor(MapLayout layout, int[] members) {
        double mx = 0;
        double my = 0;
        for (int p : members) {
            mx += layout.x()[p];
            my += layout.y()[p];
        }
        mx /= members.length;
        my /= members.length;
        int best = members[0];
        double bestD = Double.POSITIVE_INFINITY;
        for (int p : members) {
            double d = Math.hypot(layout.x()[p] - mx, layout.y()[p] - my);
            if (d < bestD) {
                best = p;
                bestD = d;
            }
        }
        return best;
    }

    /**
     * "regions: 9 coarse (DBSCAN radius 2.41), 24 fine (radius 1.2); red circle (812 points), blue square (640
     * points), …" (the coarse ones, largest first).
     */
    public String describe() {
        List<Region> coarse = levels.get(0).regions();
        Level fine = levels.get(levels.size() - 1);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "regions: %d coarse (DBSCAN radius %.3g), %d fine "
                + "(radius %.3g)", coarse.size(), levels.get(0).clusters().radius(), fine.regions().size(),
                fine.clusters().radius()));
        for (int i = 0; i < coarse.size(); i++) {
            sb.append(i == 0 ? "; " : ", ").append(coarse.get(i).label())
                    .append(String.format(Locale.ROOT, " (%,d points)", coarse.get(i).members().length));
        }
        return sb.toString();
    }

    /** The levels, coarse to fine. */
    public List<Level> levels() {
        return levels;
    }

    /**
     * The finest level that has at most {@code limit} label places inside the {@code width} x {@code height} view
     * (the coarsest when none has): zoomed in, fewer of a level's regions are on screen, so finer ones are shown.
     */
    public int levelFor(int limit, ToScreen toScreen, double width, double height) {
        for (int l = levels.size() - 1; l > 0; l--) {
            long shown = levels.get(l).regions().stream().filter(r -> {
                double x = toScreen.x(r.x());
                double y = toScreen.y(r.y());
                return x >= 0 && x <= width && y >= 0 && y <= height;
            }).count();
            if (shown <= limit) {
                return l;
            }
        }
        return 0;
    }

    /** A label placed on screen: its region and its box (left, top, width, height in pixels). */
    public record Placed(Region region, double left, double top, double width, double height) {
        public boolean contains(double x, double y) {
            return x >= left && x <= left + width && y >= top && y <= top + height;
        }
    }

    /** Screen coordinates of a map position. */
    public interface ToScreen {
        double x(double mapX);

        double y(double mapY);
    }

    /**
     * The labels of {@code level} that fit: each centred on its region's label place ({@code toScreen}), in a box
     * of about 0.6 · {@code fontSize} per character by 1.4 · {@code fontSize}, larger regions first, a label left
     * out when its place is outside the {@code width} x {@code height} view, when its box (moved inside the view
     * near its edges) would overlap one placed already, or when none of its region's points is {@code shown}.
     */
    public List<Placed> place(int level, ToScreen toScreen, double fontSize, double width, double height,
                              IntPredicate shown) {
        List<Region> order = new ArrayList<>(levels.get(level).regions());
        order.sort(Comparator.comparingInt((Region r) -> -r.members().length).thenComparingInt(Region::cluster));
        List<Placed> placed = new ArrayList<>();
        for (Region r : order) {
            double w = 0.6 * fontSize * r.label().length() + 8;
            double h = 1.4 * fontSize;
            double cx = toScreen.x(r.x());
            double cy = toScreen.y(r.y());
            boolean inView = cx >= 0 && cy >= 0 && cx <= width && cy <= height;
            // a label whose place is near the view's edge is moved inside it
            double left = Math.max(0, Math.min(width - w, cx - w / 2));
            double top = Math.max(0, Math.min(height - h, cy - h / 2));
            boolean free = placed.stream().noneMatch(p -> left < p.left() + p.width() && p.left() < left + w
                    && top < p.top() + p.height() && p.top() < top + h);
            boolean anyShown = Arrays.stream(r.members()).anyMatch(shown);
            if (inView && free && anyShown) {
                placed.add(new Placed(r, left, top, w, h));
            }
        }
        return placed;
    }
}
