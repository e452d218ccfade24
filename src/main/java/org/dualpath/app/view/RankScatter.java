package org.dualpath.app.view;

import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.dualpath.eval.ModelComparison.QueryRanks;

import java.util.List;
import java.util.function.Consumer;

/**
 * Each query's ground-truth rank under model A (x) against model B (y), both on log scales from rank 1. Drawn on a
 * Canvas: a JavaFX ScatterChart makes a node per point, and with 5,000 points it took 3.9-4.5 s to show and 85-98 ms
 * a frame while its window was resized, the Canvas 0.3 s and 24-28 ms (software rendering under Xvfb on 2 busy
 * cores). Below the diagonal B ranks the ground truth higher (green), above it lower (red), on it the same (grey).
 * Ranks are whole numbers, so each point is spread within its rank (by up to ±0.35 of a rank on each axis, fixed per
 * query) to show how many share one; a click picks the nearest point within a few pixels.
 */
final class RankScatter extends Pane {
    private static final double LEFT = 56;
    private static final double BOTTOM = 40;
    private static final double TOP = 10;
    private static final double RIGHT = 24;
    private static final double PICK_RADIUS = 6;
    private static final double SPREAD = 0.35;
    /** The axes start half a rank below rank 1, so that rank 1's spread points stay inside. */
    private static final double LOW = Math.log10(1 - SPREAD - 0.05);
    private static final Color IMPROVED = Color.web("#2ca02c", 0.5);
    private static final Color REGRESSED = Color.web("#d62728", 0.5);
    private static final Color SAME = Color.web("#7f7f7f", 0.5);

    private final Canvas canvas = new Canvas();
    private final Consumer<QueryRanks> onPick;
    private List<QueryRanks> points = List.of();
    private double high = 1;
    private double[] px = new double[0];
    private double[] py = new double[0];

    /** A scatter that hands a clicked point to {@code onPick}. */
    RankScatter(Consumer<QueryRanks> onPick) {
        this.onPick = onPick;
        setId("compare-scatter");
        getChildren().add(canvas);
        setMinSize(220, 180);
        canvas.setOnMouseClicked(e -> pick(e.getX(), e.getY()));
    }

    /** Shows {@code ranks} (null: none); the axes run to the next power of ten above the largest rank. */
    void show(List<QueryRanks> ranks) {
        points = ranks == null ? List.of() : ranks;
        int max = points.stream().mapToInt(q -> Math.max(q.rankA(), q.rankB())).max().orElse(10);
        high = Math.max(1, Math.ceil(Math.log10(max + SPREAD)));
        redraw();
    }

    /** The points drawn now. */
    List<QueryRanks> points() {
        return points;
    }

    @Override
    protected void layoutChildren() {
        if (canvas.getWidth() != getWidth() || canvas.getHeight() != getHeight()) {
            canvas.setWidth(getWidth());
            canvas.setHeight(getHeight());
            redraw();
        }
    }

    private double sx(double rank) {
        return LEFT + (Math.log10(rank) - LOW) / (high - LOW) * (getWidth() - LEFT - RIGHT);
    }

    private double sy(double rank) {
        return getHeight() - BOTTOM - (Math.log10(rank) - LOW) / (high - LOW) * (getHeight() - BOTTOM - TOP);
    }

    /** A fixed offset in [-SPREAD, SPREAD) for query {@code id} on one axis ({@code salt}), from a mixed hash. */
    private static double spread(long id, long salt) {
        long h = (id + salt) * 0x9E3779B97F4A7C15L;
        h ^= h >>> 31;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 29;
        return ((h >>> 11) / (double) (1L << 53) * 2 - 1) * SPREAD;
    }

    private void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = getWidth();
        double h = getHeight();
        g.setFill(Color.web("#fbfbfb"));
        g.fillRect(0, 0, w, h);
        if (w <= LEFT + RIGHT || h <= TOP + BOTTOM) {
            return;
        }
        g.setFont(Font.font(11));
        g.setTextBaseline(VPos.CENTER);
        g.setLineWidth(1);
        for (int decade = 0; decade <= high; decade++) {
            double rank = Math.pow(10, decade);
            g.setStroke(Color.rgb(0, 0, 0, 0.12));
            g.strokeLine(sx(rank), TOP, sx(rank), h - BOTTOM);
            g.strokeLine(LEFT, sy(rank), w - RIGHT, sy(rank));
            g.setFill(Color.web("#555555"));
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText(String.format(java.util.Locale.ROOT, "%,d", (long) rank), sx(rank), h - BOTTOM + 10);
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText(String.format(java.util.Locale.ROOT, "%,d", (long) rank), LEFT - 6, sy(rank));
        }
        g.setStroke(Color.rgb(0, 0, 0, 0.35));
        g.setLineDashes(4, 4);
        double end = Math.pow(10, high);
        double start = Math.pow(10, LOW);
        g.strokeLine(sx(start), sy(start), sx(end), sy(end));
        g.setLineDashes();
        g.setFill(Color.web("#333333"));
        g.setTextAlign(TextAlignment.CENTER);
        g.fillText("rank of the ground truth under model A", LEFT + (w - LEFT - RIGHT) / 2, h - 12);
        g.save();
        g.translate(14, TOP + (h - TOP - BOTTOM) / 2);
        g.rotate(-90);
        g.fillText("rank under model B", 0, 0);
        g.restore();
        if (points.isEmpty()) {
            g.fillText("compare to see each query's rank under A and B", LEFT + (w - LEFT - RIGHT) / 2, h / 2);
        }
        px = new double[points.size()];
        py = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            QueryRanks q = points.get(i);
            px[i] = sx(q.rankA() + spread(q.queryId(), 0));
            py[i] = sy(q.rankB() + spread(q.queryId(), 1));
            g.setFill(q.change() > 0 ? IMPROVED : q.change() < 0 ? REGRESSED : SAME);
            g.fillOval(px[i] - 2, py[i] - 2, 4, 4);
        }
    }

    private void pick(double x, double y) {
        int best = -1;
        double bestDistance = PICK_RADIUS * PICK_RADIUS;
        for (int i = 0; i < px.length; i++) {
            double d = (px[i] - x) * (px[i] - x) + (py[i] - y) * (py[i] - y);
            if (d <= bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        if (best >= 0) {
            onPick.accept(points.get(best));
        }
    }
}
