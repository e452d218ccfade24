package org.dualpath.projection;

import org.dualpath.common.InputException;
import org.dualpath.common.Progress;
import org.dualpath.vector.Embeddings;
import smile.feature.extraction.PCA;
import smile.manifold.TSNE;
import smile.manifold.UMAP;
import smile.math.MathEx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Lays out {@link MapPoints} with one {@link MapMethod}. Iterative methods report intermediate layouts to a
 * {@link Frames} sink (the first as soon as the map exists, then at most every {@link #FRAME_MILLIS} ms) and
 * stop between iterations when cancelled. Every point gets a position: nothing is sampled or dropped.
 */
public final class Projector {
    static final long FRAME_MILLIS = 80;
    private static final int CHUNK = 5;

    private Projector() {
    }

    /** Receives intermediate layouts (called on the computing thread; the arrays are the receiver's). */
    @FunctionalInterface
    public interface Frames {
        void frame(double[][] xy, int iteration, int iterations);

        Frames NONE = (xy, it, total) -> { };
    }

    /** Computes the layout; InputException when the method does not suit the number of points. */
    public static MapLayout run(MapPoints points, MapParams params, Progress progress, Frames frames) {
        return run(points, params, progress, frames, null);
    }

    /**
     * As {@link #run(MapPoints, MapParams, Progress, Frames)}, starting from {@code initial} (a layout of the same
     * points; null: the method's own start) where the method takes a start: both t-SNEs do (scaled down to the size
     * of their usual start, so that the optimisation runs as from their own), UMAP and PCA do not, and their
     * note says so.
     */
    public static MapLayout run(MapPoints points, MapParams params, Progress progress, Frames frames, MapLayout initial) {
        int n = points.size();
        if (initial != null && initial.size() != n) {
            throw new IllegalArgumentException("the initial layout holds " + initial.size() + " points, the map " + n);
        }
        if (n < 3) {
            throw new InputException("a map needs at least 3 points, the " + points.description() + " gives " + n);
        }
        String what = points.summary() + ": " + params.describe();
        double[][] start = initial == null ? null : rows(initial);
        String ignored = initial == null ? "" : " · " + params.method().label() + " takes no initial map";
        return switch (params.method()) {
            case TSNE -> exactTsne(points.vectors(), params, progress, frames, what, start);
            case BH_TSNE -> barnesHut(points.vectors(), params, progress, frames, what, start);
            case UMAP -> umap(points.vectors(), params, progress, what + ignored);
            case PCA -> pca(points.vectors(), what + ignored);
        };
    }

    /**
     * Why {@code method} is refused for {@code n} points, naming the methods that fit, or null when it is allowed:
     * exact t-SNE above {@link MapParams#EXACT_TSNE_LIMIT}, UMAP above {@link MapParams#UMAP_LIMIT}.
     */
    public static String refusal(MapMethod method, int n) {
        if (fits(method, n)) {
            return null;
        }
        if (method == MapMethod.TSNE) {
            double gb = 3.0 * n * (double) n * Double.BYTES / 1e9;
            return String.format(Locale.ROOT, "exact t-SNE of %,d points needs three %,d x %,d matrices (%.1f GB) and "
                            + "minutes per run (it grows with n squared); choose %s, or map fewer points (exact t-SNE "
                            + "is offered up to %,d)", n, n, n, gb, fitting(method, n), MapParams.EXACT_TSNE_LIMIT);
        }
        // UMAP: 181 s at 10,000 points, growing about as n squared (MapParams.UMAP_LIMIT)
        double minutes = 3.0 * Math.pow(n / 10_000.0, 2);
        return String.format(Locale.ROOT, "UMAP of %,d points would take about %,.0f minutes here (Smile's grows "
                + "with n squared); choose %s, or map fewer points (UMAP is offered up to %,d)", n, minutes,
                fitting(method, n), MapParams.UMAP_LIMIT);
    }

    private static boolean fits(MapMethod method, int n) {
        return switch (method) {
            case TSNE -> n <= MapParams.EXACT_TSNE_LIMIT;
            case UMAP -> n <= MapParams.UMAP_LIMIT;
            case BH_TSNE, PCA -> true;
        };
    }

    /** The other methods that take {@code n} points, in words: "Barnes-Hut t-SNE, UMAP or PCA". */
    private static String fitting(MapMethod refused, int n) {
        List<String> labels = Arrays.stream(MapMethod.values()).filter(m -> m != refused && fits(m, n))
                .map(MapMethod::label).toList();
        return String.join(", ", labels.subList(0, labels.size() - 1)) + " or " + labels.get(labels.size() - 1);
    }

    private static void refuseAbove(MapMethod method, int n) {
        String refusal = refusal(method, n);
        if (refusal != null) {
            throw new InputException(refusal);
        }
    }

    private static MapLayout exactTsne(Embeddings v, MapParams p, Progress progress, Frames frames, String what,
                                       double[][] start) {
        refuseAbove(MapMethod.TSNE, v.size());
        progress.update(0, 0, "t-SNE: pairwise distances and perplexity calibration");
        double[][] data = doubles(v);
        if (data.length == data[0].length) {
            // Smile reads a square input as a distance matrix; a zero column keeps the distances unchanged
            for (int i = 0; i < data.length; i++) {
                data[i] = Arrays.copyOf(data[i], data[i].length + 1);
            }
        }
        // Smile draws the initial map from the calling thread's generator
        MathEx.setSeed(p.seed());
        TSNE tsne = new TSNE(data, 2, p.perplexity(), p.learningRate(), 0);
        double scale = start == null ? 0 : BarnesHutTsne.startScale(start);
        if (scale > 0) {
            for (int i = 0; i < start.length; i++) {
                tsne.coordinates[i][0] = start[i][0] * scale;
                tsne.coordinates[i][1] = start[i][1] * scale;
            }
        }
        iterate(p.iterations(), progress, frames, "t-SNE", () -> copy(tsne.coordinates), tsne::update);
        return MapLayout.of(copy(tsne.coordinates), what + (start == null ? "" : " · initial map: the given layout"));
    }

    private static MapLayout barnesHut(Embeddings v, MapParams p, Progress progress, Frames frames, String what,
                                       double[][] given) {
        int dims = v.size() > BarnesHutTsne.EXACT_NEIGHBOURS_LIMIT ? BarnesHutTsne.PCA_DIMENSIONS : v.dimension();
        progress.update(0, 0, "Barnes-Hut t-SNE: principal components");
        PcaReduction.Reduced input = PcaReduction.reduce(v, dims);
        double[][] start = given != null ? given : input.firstTwo();
        frames.frame(copy(start), 0, p.iterations());
        BarnesHutTsne tsne = new BarnesHutTsne(input, p.perplexity(), p.learningRate(), p.theta(), p.seed(), start,
                progress);
        iterate(p.iterations(), progress, frames, "Barnes-Hut t-SNE", tsne::coordinates, k -> tsne.step(k, progress));
        return MapLayout.of(tsne.coordinates(), what + " · " + tsne.inputNote()
                + (given != null ? " · initial map: the given layout" : " · initial map from PCA"));
    }

    private interface Stepper {
        void step(int iterations);
    }

    private interface Snapshot {
        double[][] get();
    }

    private static void iterate(int iterations, Progress progress, Frames frames, String name, Snapshot snapshot,
                                Stepper stepper) {
        long lastFrame = Long.MIN_VALUE;
        for (int done = 0; done < iterations; ) {
            progress.checkCancelled();
            int k = Math.min(CHUNK, iterations - done);
            stepper.step(k);
            done += k;
            progress.update(done, iterations, name + " iterations");
            long now = System.nanoTime();
            if (lastFrame == Long.MIN_VALUE || now - lastFrame >= FRAME_MILLIS * 1_000_000L || done == iterations) {
                frames.frame(snapshot.get(), done, iterations);
                lastFrame = now;
            }
        }
    }

    private static MapLayout pca(Embeddings v, String what) {
        double[][] data = doubles(v);
        PCA pca = PCA.fit(data);
        double[] share = pca.varianceProportion();
        double[][] xy = pca.getProjection(2).apply(data);
        return MapLayout.of(xy, what + String.format(Locale.ROOT, " (explaining %.1f%% + %.1f%% of the variance)",
                100 * share[0], 100 * (share.length > 1 ? share[1] : 0)));
    }

    /**
     * Smile's UMAP lays out only the largest connected component of the k-NN graph. Components are laid out one
     * after the other and placed side by side (as umap-learn does); points of components too small for UMAP are
     * placed by {@link QueryPlacement} among the points already laid out. The note says how many went which way.
     */
    private static MapLayout umap(Embeddings v, MapParams p, Progress progress, String what) {
        int n = v.size();
        refuseAbove(MapMethod.UMAP, n);
        double[] x = new double[n];
        double[] y = new double[n];
        boolean[] placed = new boolean[n];
        int[] remaining = range(n);
        int components = 0;
        double offset = 0;
        int k = p.neighbours();
        while (remaining.length > k + 1 && components < 20) {
            progress.checkCancelled();
            progress.update(n - remaining.length, n, "UMAP: component " + (components + 1));
            int[] rows = remaining;
            double[][] data = doubles(v.rows(rows));
            MathEx.setSeed(p.seed());
            UMAP u;
            try {
                u = UMAP.of(data, k);
            } catch (RuntimeException e) {
                break;
            }
            double minX = Double.POSITIVE_INFINITY;
            double maxX = Double.NEGATIVE_INFINITY;
            double minY = Double.POSITIVE_INFINITY;
            for (double[] c : u.coordinates) {
                minX = Math.min(minX, c[0]);
                maxX = Math.max(maxX, c[0]);
                minY = Math.min(minY, c[1]);
            }
            for (int m = 0; m < u.index.length; m++) {
                int point = rows[u.index[m]];
                x[point] = offset + u.coordinates[m][0] - minX;
                y[point] = u.coordinates[m][1] - minY;
                placed[point] = true;
            }
            offset += maxX - minX + 2;
            components++;
            remaining = Arrays.stream(rows).filter(r -> !placed[r]).toArray();
        }
        if (components == 0) {
            throw new InputException("UMAP could not lay out the " + n + " points (too few for " + k
                    + " neighbours); choose t-SNE or PCA");
        }
        int interpolated = remaining.length;
        if (interpolated > 0) {
            int[] anchors = range(n);
            anchors = Arrays.stream(anchors).filter(i -> placed[i]).toArray();
            Embeddings anchorVectors = v.rows(anchors);
            double[] ax = new double[anchors.length];
            double[] ay = new double[anchors.length];
            for (int a = 0; a < anchors.length; a++) {
                ax[a] = x[anchors[a]];
                ay[a] = y[anchors[a]];
            }
            MapLayout anchorLayout = new MapLayout(ax, ay, "");
            for (int r : remaining) {
                QueryPlacement.Placement at = QueryPlacement.place(v.row(r), anchorVectors, anchorLayout,
                        QueryPlacement.DEFAULT_K);
                x[r] = at.x();
                y[r] = at.y();
            }
        }
        List<String> parts = new ArrayList<>();
        parts.add(components == 1 ? "one connected component" : components + " connected components side by side");
        if (interpolated > 0) {
            parts.add(String.format(Locale.ROOT, "%,d points of components too small for UMAP placed among their "
                    + "nearest neighbours", interpolated));
        }
        parts.add("Smile's spectral start (ARPACK) is not seeded, so a recomputation may differ; the cached map does not");
        return new MapLayout(x, y, what + " · " + String.join(" · ", parts));
    }

    static double[][] doubles(Embeddings v) {
        double[][] out = new double[v.size()][];
        for (int i = 0; i < out.length; i++) {
            float[] row = v.row(i);
            double[] d = new double[row.length];
            for (int j = 0; j < row.length; j++) {
                d[j] = row[j];
            }
            out[i] = d;
        }
        return out;
    }

    private static double[][] rows(MapLayout l) {
        double[][] out = new double[l.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new double[]{l.x()[i], l.y()[i]};
        }
        return out;
    }

    private static double[][] copy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}
