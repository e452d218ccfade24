package org.dualpath.report;

import org.dualpath.common.AtomicFiles;
import org.dualpath.common.InputException;
import org.dualpath.data.image.ThumbnailCache;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/** The pieces the self-contained HTML reports share: page head, escaping, inline thumbnails, Recall@K curves. */
final class HtmlParts {
    static final int THUMB = 96;

    /** One Recall@K curve of a plot: its legend and colour, percent per K = 1..n. */
    record Curve(String label, String colour, double[] recallAtK) {
    }

    private HtmlParts() {
    }

    /** The page up to and including the title heading and the note under it. */
    static StringBuilder page(String title, String note) {
        StringBuilder h = new StringBuilder();
        h.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>").append(esc(title)).append("</title>")
                .append("<style>body{font-family:sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0}"
                        + "td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}th{background:#f3f3f3}"
                        + "td.l,th.l{text-align:left}.note{color:#666}.fail{display:flex;gap:12px;margin:8px 0}"
                        + ".fail img{width:96px;height:96px;object-fit:contain;background:#eee}.better{color:#1a7f37}"
                        + ".worse{color:#c0392b}</style></head><body>");
        h.append("<h1>").append(esc(title)).append("</h1><p class=\"note\">").append(esc(note)).append("</p>");
        return h;
    }

    /** Creates {@code dir} and writes {@code html} as {@code dir}/report.html atomically; returns the file. */
    static Path writeReport(Path dir, String html) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new InputException("cannot create the report folder " + dir + " (" + e.getMessage() + "); choose another folder");
        }
        Path file = dir.resolve("report.html");
        AtomicFiles.writeString(file, html);
        return file;
    }

    /** Recall@K curves, K on x (1..n), percent on y, in a 480 x 240 plot with the legend at the top right. */
    static String curves(List<Curve> curves) {
        StringBuilder s = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"520\" height=\"280\">"
                + "<rect x=\"30\" y=\"10\" width=\"480\" height=\"240\" fill=\"none\" stroke=\"#999\"/>");
        int n = 0;
        for (int c = 0; c < curves.size(); c++) {
            double[] r = curves.get(c).recallAtK();
            n = Math.max(n, r.length);
            s.append("<polyline fill=\"none\" stroke=\"").append(curves.get(c).colour()).append("\" stroke-width=\"2\" points=\"");
            for (int k = 0; k < r.length; k++) {
                s.append(String.format(Locale.ROOT, "%.1f,%.1f ", 30 + 480.0 * k / Math.max(1, r.length - 1), 250 - 2.4 * r[k]));
            }
            s.append("\"/>");
            s.append(legendLine(300, 30 + 16 * c, curves.get(c)));
        }
        return s.append("<text x=\"30\" y=\"270\" font-size=\"12\">K = 1</text><text x=\"470\" y=\"270\" font-size=\"12\">K = ")
                .append(n).append("</text><text x=\"0\" y=\"16\" font-size=\"12\">100%</text></svg>").toString();
    }

    static String legendLine(int x, int y, Curve c) {
        return "<text x=\"" + x + "\" y=\"" + y + "\" font-size=\"12\" fill=\"" + c.colour() + "\">" + esc(c.label()) + "</text>";
    }

    /** The image as a PNG data URI, or null when it cannot be read (a report says so instead of failing). */
    static String thumbnail(Path file, ThumbnailCache thumbnails) {
        try {
            BufferedImage img = thumbnails.get(file, THUMB);
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(img, "png", png);
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
        } catch (InputException | UncheckedIOException | IOException e) {
            return null;
        }
    }

    /** An {@code <img>} of the file's thumbnail, or a box saying it is unreadable. */
    static String thumbnailTag(Path file, ThumbnailCache thumbnails) {
        String thumb = thumbnail(file, thumbnails);
        return thumb == null ? "<div style=\"width:96px\">(unreadable)</div>" : "<img alt=\"\" src=\"" + thumb + "\">";
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
