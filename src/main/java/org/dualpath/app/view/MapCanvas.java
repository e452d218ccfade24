package org.dualpath.app.view;

import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.geometry.VPos;
import javafx.scene.Cursor;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import org.dualpath.app.viewmodel.MapPlacement;
import org.dualpath.app.viewmodel.MapDisplay;
import org.dualpath.app.viewmodel.OpenDataset;
import org.dualpath.data.CocoCaption;
import org.dualpath.data.CocoImage;
import org.dualpath.projection.MapLayout;
import org.dualpath.projection.MapPoints;
import org.dualpath.projection.MapRegions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The map as one canvas (not a node per point): images as circles, captions as triangles, in their colours.
 * Scroll zooms around the cursor, drag pans, Shift+drag (or drag in lasso mode) draws a lasso. When few images
 * are on screen their thumbnails replace the dots (level of detail: only the visible ones are loaded, through the
 * shared thumbnail cache). Hovering shows a point's thumbnail or caption; clicking selects its image. The regions'
 * labels are drawn over the points, at the finest level that puts few of them on screen (so zooming in brings
 * finer regions), none overlapping; clicking a label selects its region.
 */
final class MapCanvas extends Pane {
    /** At most this many images on screen get thumbnails. */
    static final int THUMBNAIL_LIMIT = 150;
    private static final int THUMB = 64;
    private static final double PICK_RADIUS = 8;
    /** A finer level of region labels is shown once at most this many of its labels are on screen. */
    static final int LABELS_ON_SCREEN = 15;
    private static final Font LABEL_FONT = Font.font("System", FontWeight.BOLD, 13);

    private final MapDisplay vm;
    private final ThumbnailLoader thumbnails;
    private final BooleanSupplier lassoMode;
    private final Canvas canvas = new Canvas();
    private final VBox hover = new VBox(4);
    private final ImageView hoverImage = new ImageView();
    private final Label hoverText = new Label();
    private final Map<String, Color> colours = new HashMap<>();
    private double scale = 1;
    private double offsetX;
    private double offsetY;
    private boolean userMoved;
    private double pressX;
    private double pressY;
    private double lastX;
    private double lastY;
    private boolean dragged;
    private List<double[]> lassoPath;
    private boolean thumbnailsShown;
    private boolean redrawQueued;
    private List<MapRegions.Placed> labelsShown = List.of();

    /** A canvas whose node is {@code name}-canvas and its hover box {@code name}-hover (ids for CSS and tests). */
    MapCanvas(MapDisplay vm, ThumbnailLoader thumbnails, BooleanSupplier lassoMode, String name) {
        this.vm = vm;
        this.thumbnails = thumbnails;
        this.lassoMode = lassoMode;
        setId(name + "-canvas");
        getStyleClass().add("map-canvas");
        canvas.widthProperty().bind(widthProperty());
        canvas.heightProperty().bind(heightProperty());
        canvas.widthProperty().addListener(o -> redraw());
        canvas.heightProperty().addListener(o -> redraw());
        hoverImage.setFitWidth(96);
        hoverImage.setFitHeight(96);
        hoverImage.setPreserveRatio(true);
        hoverText.setWrapText(true);
        hoverText.setMaxWidth(260);
        hover.getChildren().addAll(hoverImage, hoverText);
        hover.setId(name + "-hover");
        hover.getStyleClass().add("map-hover");
        hover.setVisible(false);
        hover.setMouseTransparent(true);
        hover.setManaged(false);
        getChildren().addAll(canvas, hover);
        setMinSize(200, 200);

        vm.pointsProperty().addListener((obs, old, p) -> userMoved = false);
        vm.layoutProperty().addListener((obs, old, l) -> {
            if (!userMoved) {
                fit();
            }
            redraw();
        });
        vm.redrawTriggers().forEach(t -> t.addListener(o -> redraw()));
        vm.selectedPointsProperty().addListener(o -> redraw());
        vm.hoveredPointProperty().addListener(o -> redraw());
        vm.placedProperty().addListener(o -> redraw());
        vm.focusedProperty().addListener(o -> redraw());

        setOnScroll(this::zoom);
        setOnMousePressed(this::pressed);
        setOnMouseDragged(this::dragged);
        setOnMouseReleased(this::released);
        setOnMouseMoved(e -> hoverAt(e.getX(), e.getY()));
        setOnMouseExited(e -> {
            vm.hover(-1);
            hover.setVisible(false);
        });
    }

    /** Fits the whole layout into the canvas. */
    void fit() {
        MapLayout l = vm.layoutProperty().get();
        if (l == null || l.size() == 0 || getWidth() <= 0) {
            return;
        }
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < l.size(); i++) {
            minX = Math.min(minX, l.x()[i]);
            maxX = Math.max(maxX, l.x()[i]);
            minY = Math.min(minY, l.y()[i]);
            maxY = Math.max(maxY, l.y()[i]);
        }
        double margin = 24;
        scale = Math.min((getWidth() - 2 * margin) / Math.max(1e-12, maxX - minX),
                (getHeight() - 2 * margin) / Math.max(1e-12, maxY - minY));
        offsetX = getWidth() / 2 - scale * (minX + maxX) / 2;
        offsetY = getHeight() / 2 + scale * (minY + maxY) / 2;
    }

    /** Resets zoom and pan to show the whole map. */
    void reset() {
        userMoved = false;
        fit();
        redraw();
    }

    /** Where point {@code i} is drawn, in this node's coordinates. */
    Point2D screenOf(int i) {
        MapLayout l = vm.layoutProperty().get();
        return new Point2D(sx(l.x()[i]), sy(l.y()[i]));
    }

    boolean thumbnailsShown() {
        return thumbnailsShown;
    }

    Canvas canvas() {
        return canvas;
    }

    private double sx(double x) {
        return offsetX + scale * x;
    }

    private double sy(double y) {
        return offsetY - scale * y;
    }

    private double mx(double screenX) {
        return (screenX - offsetX) / scale;
    }

    private double my(double screenY) {
        return (offsetY - screenY) / scale;
    }

    private void zoom(ScrollEvent e) {
        double factor = Math.exp(e.getDeltaY() * 0.003);
        double x = mx(e.getX());
        double y = my(e.getY());
        scale *= factor;
        offsetX = e.getX() - scale * x;
        offsetY = e.getY() + scale * y;
        userMoved = true;
        redraw();
        e.consume();
    }

    private void pressed(MouseEvent e) {
        pressX = lastX = e.getX();
        pressY = lastY = e.getY();
        dragged = false;
        if (e.getButton() == MouseButton.PRIMARY && (e.isShiftDown() || lassoMode.getAsBoolean())) {
            lassoPath = new ArrayList<>();
            lassoPath.add(new double[]{e.getX(), e.getY()});
        }
    }

    private void dragged(MouseEvent e) {
        if (Math.hypot(e.getX() - pressX, e.getY() - pressY) > 3) {
            dragged = true;
        }
        if (lassoPath != null) {
            lassoPath.add(new double[]{e.getX(), e.getY()});
        } else {
            offsetX += e.getX() - lastX;
            offsetY += e.getY() - lastY;
            userMoved = true;
        }
        lastX = e.getX();
        lastY = e.getY();
        hover.setVisible(false);
        redraw();
    }

    private void released(MouseEvent e) {
        if (lassoPath != null) {
            List<double[]> path = lassoPath;
            lassoPath = null;
            if (dragged && path.size() >= 3) {
                double[] xs = path.stream().mapToDouble(p -> mx(p[0])).toArray();
                double[] ys = path.stream().mapToDouble(p -> my(p[1])).toArray();
                vm.lasso(xs, ys);
            }
            redraw();
            if (dragged) {
                return;
            }
        }
        if (!dragged && e.getButton() == MouseButton.PRIMARY) {
            MapRegions.Placed label = labelAt(e.getX(), e.getY());
            if (label != null) {
                vm.selectRegion(label.region());
                return;
            }
            int p = nearest(e.getX(), e.getY());
            if (p >= 0) {
                vm.select(p);
            }
        }
    }

    /** The visible point drawn nearest to (x, y) within the pick radius, or -1. */
    int nearest(double x, double y) {
        MapLayout l = vm.layoutProperty().get();
        if (l == null) {
            return -1;
        }
        int best = -1;
        double r = thumbnailsShown ? Math.max(PICK_RADIUS, THUMB / 4.0) : PICK_RADIUS;
        double bestD = r * r;
        for (int i = 0; i < l.size(); i++) {
            if (!vm.visible(i)) {
                continue;
            }
            double dx = sx(l.x()[i]) - x;
            double dy = sy(l.y()[i]) - y;
            double d = dx * dx + dy * dy;
            if (d < bestD) {
                best = i;
                bestD = d;
            }
        }
        return best;
    }

    /** The region label drawn at (x, y), or null. */
    MapRegions.Placed labelAt(double x, double y) {
        return labelsShown.stream().filter(l -> l.contains(x, y)).findFirst().orElse(null);
    }

    private void hoverAt(double x, double y) {
        setCursor(labelAt(x, y) != null ? Cursor.HAND : Cursor.DEFAULT);
        int p = nearest(x, y);
        if (p != vm.hoveredPointProperty().get()) {
            vm.hover(p);
        }
        MapPoints points = vm.pointsProperty().get();
        OpenDataset open = vm.datasetProperty().get();
        if (p < 0 || points == null || open == null) {
            hover.setVisible(false);
            return;
        }
        CocoImage image = open.dataset().image(points.imageId(p));
        Path file = open.dataset().imagePath(image);
        if (points.kind(p) == MapPoints.Kind.IMAGE) {
            hoverText.setText(image.fileName() + " · id " + image.id());
            hoverImage.setVisible(true);
            hoverImage.setManaged(true);
            thumbnails.show(hoverImage, file, THUMB * 2);
        } else {
            CocoCaption caption = open.caption(points.id(p));
            hoverText.setText("“" + (caption == null ? "?" : caption.caption()) + "” · caption of " + image.fileName());
            hoverImage.setVisible(false);
            hoverImage.setManaged(false);
        }
        hover.autosize();
        hover.applyCss();
        hover.layout();
        double w = hover.prefWidth(-1);
        double h = hover.prefHeight(w);
        hover.resizeRelocate(Math.min(x + 14, getWidth() - w - 4), Math.min(y + 14, getHeight() - h - 4), w, h);
        hover.setVisible(true);
    }

    /** Redraws once after the JavaFX events now queued, however many ask before then. */
    private void redrawSoon() {
        if (!redrawQueued) {
            redrawQueued = true;
            Platform.runLater(() -> {
                redrawQueued = false;
                redraw();
            });
        }
    }

    void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(Color.web("#fbfbfb"));
        g.fillRect(0, 0, w, h);
        MapLayout l = vm.layoutProperty().get();
        MapPoints points = vm.pointsProperty().get();
        if (l == null || points == null || l.size() != points.size()) {
            return;
        }
        int n = l.size();
        double[] px = new double[n];
        double[] py = new double[n];
        boolean[] show = new boolean[n];
        int imagesOnScreen = 0;
        for (int i = 0; i < n; i++) {
            px[i] = sx(l.x()[i]);
            py[i] = sy(l.y()[i]);
            show[i] = vm.visible(i) && px[i] > -THUMB && px[i] < w + THUMB && py[i] > -THUMB && py[i] < h + THUMB;
            if (show[i] && points.kind(i) == MapPoints.Kind.IMAGE) {
                imagesOnScreen++;
            }
        }
        thumbnailsShown = imagesOnScreen > 0 && imagesOnScreen <= THUMBNAIL_LIMIT && vm.finishedProperty().get();
        if (vm.links()) {
            g.setStroke(Color.rgb(120, 120, 120, 0.35));
            g.setLineWidth(0.7);
            for (int i = 0; i < n; i++) {
                int img = points.kind(i) == MapPoints.Kind.CAPTION ? points.imagePoint(points.imageId(i)) : -1;
                if (img >= 0 && show[i] && show[img]) {
                    g.strokeLine(px[img], py[img], px[i], py[i]);
                }
            }
        }
        OpenDataset open = vm.datasetProperty().get();
        for (int i = 0; i < n; i++) {
            if (!show[i]) {
                continue;
            }
            g.setFill(colour(vm.colour(i)));
            if (points.kind(i) == MapPoints.Kind.IMAGE) {
                if (thumbnailsShown && open != null && drawThumbnail(g, open, points.id(i), px[i], py[i], vm.colour(i))) {
                    continue;
                }
                g.fillOval(px[i] - 3.5, py[i] - 3.5, 7, 7);
            } else {
                g.fillPolygon(new double[]{px[i], px[i] + 3.5, px[i] - 3.5}, new double[]{py[i] - 4, py[i] + 3, py[i] + 3}, 3);
            }
        }
        int[] selected = vm.selectedPointsProperty().get();
        g.setStroke(Color.BLACK);
        g.setLineWidth(1.2);
        for (int i : selected) {
            if (show[i]) {
                g.strokeOval(px[i] - 5, py[i] - 5, 10, 10);
            }
        }
        CocoImage current = vm.focusedProperty().get();
        if (current != null) {
            int p = points.imagePoint(current.id());
            if (p >= 0) {
                g.setStroke(Color.web("#d62728"));
                g.setLineWidth(2.5);
                g.strokeOval(px[p] - 8, py[p] - 8, 16, 16);
            }
        }
        int hovered = vm.hoveredPointProperty().get();
        if (hovered >= 0 && hovered < n) {
            g.setStroke(Color.web("#333333"));
            g.setLineWidth(1.5);
            g.strokeOval(px[hovered] - 6, py[hovered] - 6, 12, 12);
        }
        drawLabels(g, w, h, show);
        drawQuery(g, px, py);
        if (lassoPath != null && lassoPath.size() > 1) {
            g.setStroke(Color.web("#1f77b4"));
            g.setLineWidth(1.5);
            g.setLineDashes(5, 4);
            g.strokePolyline(lassoPath.stream().mapToDouble(p -> p[0]).toArray(),
                    lassoPath.stream().mapToDouble(p -> p[1]).toArray(), lassoPath.size());
            g.setLineDashes();
        }
    }

    private void drawLabels(GraphicsContext g, double w, double h, boolean[] show) {
        MapRegions regions = vm.regions();
        if (regions == null || !vm.labels() || !vm.finishedProperty().get()) {
            labelsShown = List.of();
            return;
        }
        MapRegions.ToScreen screen = new MapRegions.ToScreen() {
            @Override
            public double x(double mapX) {
                return sx(mapX);
            }

            @Override
            public double y(double mapY) {
                return sy(mapY);
            }
        };
        int level = regions.levelFor(LABELS_ON_SCREEN, screen, w, h);
        labelsShown = regions.place(level, screen, LABEL_FONT.getSize(), w, h, i -> show[i]);
        g.setFont(LABEL_FONT);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        for (MapRegions.Placed l : labelsShown) {
            g.setFill(Color.rgb(255, 255, 255, 0.82));
            g.fillRoundRect(l.left(), l.top(), l.width(), l.height(), 6, 6);
            g.setStroke(Color.rgb(60, 60, 60, 0.6));
            g.setLineWidth(1);
            g.strokeRoundRect(l.left(), l.top(), l.width(), l.height(), 6, 6);
            g.setFill(Color.web("#222222"));
            g.fillText(l.region().label(), l.left() + l.width() / 2, l.top() + l.height() / 2);
        }
    }

    private boolean drawThumbnail(GraphicsContext g, OpenDataset open, long imageId, double x, double y, String border) {
        CocoImage image = open.dataset().image(imageId);
        Path file = open.dataset().imagePath(image);
        Image thumb = thumbnails.cached(file, THUMB);
        if (thumb == null) {
            // one callback per thumbnail and one redraw per burst of arrivals: a callback added on every redraw
            // made each arrival redraw once per earlier redraw, minutes of the JavaFX thread for 150 thumbnails
            if (!thumbnails.loading(file, THUMB)) {
                thumbnails.load(file, THUMB, img -> redrawSoon());
            }
            return false;
        }
        double s = THUMB / 2.0;
        g.setFill(colour(border));
        g.fillRect(x - s / 2 - 2, y - s / 2 - 2, s + 4, s + 4);
        g.drawImage(thumb, x - s / 2, y - s / 2, s, s);
        return true;
    }

    private void drawQuery(GraphicsContext g, double[] px, double[] py) {
        MapPlacement.PlacedQuery q = vm.placedProperty().get();
        if (q == null) {
            return;
        }
        double qx = sx(q.x());
        double qy = sy(q.y());
        g.setStroke(Color.web("#d62728", 0.8));
        g.setLineWidth(1.3);
        for (int h : q.hits()) {
            if (h < px.length) {
                g.strokeLine(qx, qy, px[h], py[h]);
            }
        }
        double[] xs = new double[10];
        double[] ys = new double[10];
        for (int k = 0; k < 10; k++) {
            double r = k % 2 == 0 ? 11 : 5;
            double a = -Math.PI / 2 + k * Math.PI / 5;
            xs[k] = qx + r * Math.cos(a);
            ys[k] = qy + r * Math.sin(a);
        }
        g.setFill(Color.web("#d62728"));
        g.fillPolygon(xs, ys, 10);
        g.setStroke(Color.BLACK);
        g.setLineWidth(1);
        g.strokePolygon(xs, ys, 10);
        g.setFont(Font.font(13));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BOTTOM);
        g.setFill(Color.rgb(255, 255, 255, 0.85));
        String label = q.label().length() > 60 ? q.label().substring(0, 57) + "…" : q.label();
        double width = label.length() * 7 + 8;
        // the label goes left of the star when it would leave the canvas on the right
        double left = qx + 12 + width > canvas.getWidth() ? qx - 12 - width : qx + 12;
        g.fillRect(left, qy - 24, width, 18);
        g.setFill(Color.BLACK);
        g.fillText(label, left + 4, qy - 8);
    }

    private Color colour(String hex) {
        return colours.computeIfAbsent(hex, Color::web);
    }
}
