package org.dualpath.projection;

import org.dualpath.common.AtomicFiles;
import org.dualpath.data.CocoCaption;
import org.dualpath.data.CocoCaptionsFile;
import org.dualpath.data.CocoImage;
import org.dualpath.data.CocoJson;
import org.dualpath.data.Dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Files written from a map: the coordinates as CSV (also the cache format), the picture as SVG, and a lasso
 * selection as a COCO captions subset (JSON) or CSV. All writes are atomic.
 */
public final class MapExport {
    static final String CSV_HEADER = "kind,id,image_id,x,y";

    private MapExport() {
    }

    /** A placed query for the picture: where it landed, its label and the points of its top hits. */
    public record QueryMark(double x, double y, String label, int[] hits) {
    }

    /**
     * Coordinates as CSV: a {@code # note} line, then {@code kind,id,image_id,x,y[,group][,cluster,label,
     * fine_cluster,fine_label]} per point in point order (kind: image or caption; coordinates at full precision;
     * the point's region at the coarse and the fine level of {@code regions}, -1 and no label for noise).
     * {@code groups} and {@code regions} may be null.
     */
    public static void writeCsv(Path file, MapPoints points, MapLayout layout, String[] groups, MapRegions regions) {
        StringBuilder sb = new StringBuilder(points.size() * 48);
        sb.append("# ").append(layout.note().replace('\n', ' ')).append('\n');
        sb.append(CSV_HEADER).append(groups != null ? ",group" : "")
                .append(regions != null ? ",cluster,label,fine_cluster,fine_label" : "").append('\n');
        for (int i = 0; i < points.size(); i++) {
            sb.append(points.kind(i) == MapPoints.Kind.IMAGE ? "image" : "caption").append(',')
                    .append(points.id(i)).append(',').append(points.imageId(i)).append(',')
                    .append(layout.x()[i]).append(',').append(layout.y()[i]);
            if (groups != null) {
                sb.append(',').append(csvField(groups[i]));
            }
            if (regions != null) {
                for (MapRegions.Level level : regions.levels()) {
                    int c = level.clusters().cluster(i);
                    sb.append(',').append(c).append(',').append(csvField(level.label(c)));
                }
            }
            sb.append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    /**
     * Reads coordinates written by {@link #writeCsv} for exactly {@code points} (same kinds and ids in the same
     * order); null when the file describes other points or cannot be parsed.
     */
    public static MapLayout readCsv(Path file, MapPoints points) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            if (first == null || !first.startsWith("# ")) {
                return null;
            }
            String header = in.readLine();
            if (header == null || !header.startsWith(CSV_HEADER)) {
                return null;
            }
            double[] x = new double[points.size()];
            double[] y = new double[points.size()];
            for (int i = 0; i < points.size(); i++) {
                String line = in.readLine();
                if (line == null) {
                    return null;
                }
                String[] f = line.split(",", 6);
                String kind = points.kind(i) == MapPoints.Kind.IMAGE ? "image" : "caption";
                if (f.length < 5 || !f[0].equals(kind) || Long.parseLong(f[1]) != points.id(i)) {
                    return null;
                }
                x[i] = Double.parseDouble(f[3]);
                y[i] = Double.parseDouble(f[4]);
            }
            return in.readLine() == null ? new MapLayout(x, y, first.substring(2)) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The map as an SVG picture ({@code width} x {@code height} px): images as circles, captions as triangles in
     * their colours ({@code #rrggbb} per point), hidden points left out, optional image-caption links, the
     * placed query with rays to its hits, the legend, and the labels of the coarse regions of {@code regions}
     * (may be null) that do not overlap.
     */
    public static void writeSvg(Path file, MapPoints points, MapLayout layout, String[] colours, boolean[] visible,
                                boolean links, List<Legend.Entry> legend, String title, QueryMark query,
                                MapRegions regions) {
        int width = 1000;
        int height = 800;
        int legendWidth = legend == null || legend.isEmpty() ? 0 : 200;
        double[] box = bounds(layout, visible, query);
        double plotW = width - legendWidth - 40;
        double plotH = height - 80;
        double scale = Math.min(plotW / Math.max(1e-12, box[2] - box[0]), plotH / Math.max(1e-12, box[3] - box[1]));
        double ox = 20 + (plotW - scale * (box[2] - box[0])) / 2;
        double oy = 50 + (plotH - scale * (box[3] - box[1])) / 2;
        StringBuilder sb = new StringBuilder(points.size() * 90);
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\">%n", width, height, width, height));
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        sb.append(String.format(Locale.ROOT, "<text x=\"20\" y=\"24\" font-size=\"14\">%s</text>%n", xml(title)));
        sb.append(String.format(Locale.ROOT, "<text x=\"20\" y=\"40\" font-size=\"10\" fill=\"#555\">%s</text>%n",
                xml(layout.note())));
        if (links) {
            sb.append("<g stroke=\"#888\" stroke-opacity=\"0.35\" stroke-width=\"0.6\">\n");
            for (int i = 0; i < points.size(); i++) {
                int img = points.kind(i) == MapPoints.Kind.CAPTION ? points.imagePoint(points.imageId(i)) : -1;
                if (img >= 0 && visible[i] && visible[img]) {
                    sb.append(String.format(Locale.ROOT, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\"/>%n",
                            sx(layout.x()[img], box, scale, ox), sy(layout.y()[img], box, scale, oy),
                            sx(layout.x()[i], box, scale, ox), sy(layout.y()[i], box, scale, oy)));
                }
            }
            sb.append("</g>\n");
        }
        sb.append("<g fill-opacity=\"0.8\">\n");
        for (int i = 0; i < points.size(); i++) {
            if (!visible[i]) {
                continue;
            }
            double px = sx(layout.x()[i], box, scale, ox);
            double py = sy(layout.y()[i], box, scale, oy);
            if (points.kind(i) == MapPoints.Kind.IMAGE) {
                sb.append(String.format(Locale.ROOT, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"3\" fill=\"%s\"/>%n", px, py,
                        colours[i]));
            } else {
                sb.append(String.format(Locale.ROOT, "<path d=\"M%.2f %.2fl3 5h-6z\" fill=\"%s\"/>%n", px, py - 3.5,
                        colours[i]));
            }
        }
        sb.append("</g>\n");
        if (regions != null) {
            MapRegions.ToScreen at = new MapRegions.ToScreen() {
                @Override
                public double x(double mapX) {
                    return sx(mapX, box, scale, ox);
                }

                @Override
                public double y(double mapY) {
                    return sy(mapY, box, scale, oy);
                }
            };
            sb.append("<g font-size=\"13\" font-weight=\"bold\" text-anchor=\"middle\">\n");
            for (MapRegions.Placed p : regions.place(0, at, 13, width - legendWidth, height, i -> visible[i])) {
                sb.append(String.format(Locale.ROOT, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" "
                        + "rx=\"3\" fill=\"white\" fill-opacity=\"0.8\"/><text x=\"%.2f\" y=\"%.2f\">%s</text>%n",
                        p.left(), p.top(), p.width(), p.height(), p.left() + p.width() / 2, p.top() + p.height() * 0.75,
                        xml(p.region().label())));
            }
            sb.append("</g>\n");
        }
        if (query != null) {
            double qx = sx(query.x(), box, scale, ox);
            double qy = sy(query.y(), box, scale, oy);
            sb.append("<g stroke=\"#d62728\" stroke-width=\"1.2\">\n");
            for (int h : query.hits()) {
                sb.append(String.format(Locale.ROOT, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\"/>%n", qx, qy,
                        sx(layout.x()[h], box, scale, ox), sy(layout.y()[h], box, scale, oy)));
            }
            sb.append("</g>\n");
            sb.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"#d62728\" stroke=\"black\"/>%n", star(qx, qy, 9)));
            sb.append(String.format(Locale.ROOT, "<text x=\"%.2f\" y=\"%.2f\" font-size=\"12\" font-weight=\"bold\">%s</text>%n",
                    qx + 11, qy - 6, xml(query.label())));
        }
        if (legendWidth > 0) {
            int y = 60;
            for (Legend.Entry e : legend) {
                sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                        + "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s (%,d)</text>%n", width - legendWidth, y,
                        e.colour(), width - legendWidth + 16, y + 9, xml(e.label()), e.count()));
                y += 16;
            }
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\" fill=\"#555\">"
                    + "● image  ▲ caption</text>%n", width - legendWidth, y + 10));
        }
        sb.append("</svg>\n");
        AtomicFiles.writeString(file, sb.toString());
    }

    private static double[] bounds(MapLayout layout, boolean[] visible, QueryMark query) {
        double[] b = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int i = 0; i < layout.size(); i++) {
            if (visible[i]) {
                grow(b, layout.x()[i], layout.y()[i]);
            }
        }
        if (query != null) {
            grow(b, query.x(), query.y());
        }
        if (b[0] > b[2]) {
            return new double[]{0, 0, 1, 1};
        }
        return b;
    }

    private static void grow(double[] b, double x, double y) {
        b[0] = Math.min(b[0], x);
        b[1] = Math.min(b[1], y);
        b[2] = Math.max(b[2], x);
        b[3] = Math.max(b[3], y);
    }

    private static double sx(double x, double[] box, double scale, double ox) {
        return ox + (x - box[0]) * scale;
    }

    /** SVG y grows downwards; the map's y grows upwards. */
    private static double sy(double y, double[] box, double scale, double oy) {
        return oy + (box[3] - y) * scale;
    }

    /** A five-pointed star path centred on (x, y). */
    static String star(double x, double y, double r) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 10; k++) {
            double rad = k % 2 == 0 ? r : r * 0.45;
            double a = -Math.PI / 2 + k * Math.PI / 5;
            sb.append(k == 0 ? "M" : "L").append(String.format(Locale.ROOT, "%.2f %.2f", x + rad * Math.cos(a),
                    y + rad * Math.sin(a)));
        }
        return sb.append("Z").toString();
    }

    /**
     * A selection as a COCO captions file: the selected images and the images of selected captions, with the
     * captions of selected images and the selected captions. Opens as a dataset in the explorer and the CLI.
     */
    public static void writeSelectionJson(Path file, Dataset dataset, MapPoints points, int[] selected) {
        Set<Long> images = new LinkedHashSet<>();
        Map<Long, CocoCaption> captions = new LinkedHashMap<>();
        for (int p : selected) {
            long image = points.imageId(p);
            images.add(image);
            for (CocoCaption c : dataset.captions(image)) {
                if (points.kind(p) == MapPoints.Kind.IMAGE || c.id() == points.id(p)) {
                    captions.put(c.id(), c);
                }
            }
        }
        List<CocoImage> imageList = new ArrayList<>();
        images.forEach(id -> imageList.add(dataset.image(id)));
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("description", "selection of " + selected.length + " map points from " + dataset.name());
        CocoJson.write(file, new CocoCaptionsFile(info, imageList, new ArrayList<>(captions.values())));
    }

    /** A selection as CSV: {@code kind,id,image_id,file,caption,x,y}, one row per selected point. */
    public static void writeSelectionCsv(Path file, Dataset dataset, MapPoints points, MapLayout layout, int[] selected) {
        StringBuilder sb = new StringBuilder("kind,id,image_id,file,caption,x,y\n");
        for (int p : selected) {
            long image = points.imageId(p);
            boolean isImage = points.kind(p) == MapPoints.Kind.IMAGE;
            String caption = isImage ? "" : dataset.captions(image).stream().filter(c -> c.id() == points.id(p))
                    .map(CocoCaption::caption).findFirst().orElse("");
            sb.append(isImage ? "image" : "caption").append(',').append(points.id(p)).append(',').append(image).append(',')
                    .append(csvField(dataset.image(image).fileName())).append(',').append(csvField(caption)).append(',')
                    .append(layout.x()[p]).append(',').append(layout.y()[p]).append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    static String csvField(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
