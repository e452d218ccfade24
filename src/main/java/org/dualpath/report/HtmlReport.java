package org.dualpath.report;

import org.dualpath.data.image.ThumbnailCache;
import org.dualpath.eval.FailureCase;
import org.dualpath.eval.RankCurves;
import org.dualpath.eval.RecallReport;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One evaluation as a self-contained HTML file (report.html in a folder): what was evaluated, the recall tables of
 * every protocol with chance beside each figure, Recall@K curves and rank histograms as inline SVG, the worst
 * queries with their thumbnails embedded, and the provenance of model and data. It opens in any browser, offline,
 * and can be mailed as one file.
 */
public final class HtmlReport {
    private static final String[] COLOURS = {"#e4572e", "#f3a712"};

    /** Everything the report shows. */
    public record Content(String title, String scope, RecallReport report, RankCurves imageToText,
                          RankCurves textToImage, List<DescribedFailure> failures, List<String> provenance,
                          String published) {
    }

    private HtmlReport() {
    }

    /** Writes {@code dir}/report.html (the folder is created); returns the file. */
    public static Path write(Path dir, Content c) {
        return HtmlParts.writeReport(dir, html(c));
    }

    static String html(Content c) {
        StringBuilder h = HtmlParts.page(c.title(), c.scope());
        for (RecallReport.ProtocolResult p : c.report().results()) {
            h.append("<h2>").append(esc(p.protocol().label())).append("</h2>");
            h.append("<table><tr><th class=\"l\">gallery</th><th class=\"l\">direction</th><th>queries</th><th>R@1 (chance)</th>"
                    + "<th>R@5 (chance)</th><th>R@10 (chance)</th><th>MedR</th><th>MeanR</th><th>rsum</th></tr>");
            for (RecallReport.Evaluation e : p.evaluations()) {
                row(h, e.name(), "image → text", e.imageToText(), e.rsum());
                row(h, "", "text → image", e.textToImage(), Double.NaN);
            }
            h.append("</table>");
            if (p.folds() != null) {
                h.append(String.format(Locale.ROOT, "<p>mean over %d folds: rsum %.1f ± %.1f</p>", p.folds().folds(),
                        p.folds().rsum().mean(), p.folds().rsum().std()));
            }
        }
        if (!c.published().isEmpty()) {
            h.append("<p class=\"note\">").append(esc(c.published())).append("</p>");
        }
        h.append("<h2>Recall@K and where the ground truth ranks</h2>");
        h.append(HtmlParts.curves(List.of(new HtmlParts.Curve("image → text", COLOURS[0], c.imageToText().recallAtK()),
                new HtmlParts.Curve("text → image", COLOURS[1], c.textToImage().recallAtK()))));
        h.append(histogram(c.imageToText(), c.textToImage()));
        categories(h, c.report());
        for (FailureCase.Direction d : FailureCase.Direction.values()) {
            h.append("<h2>Worst ").append(d == FailureCase.Direction.IMAGE_TO_TEXT ? "image → text" : "text → image")
                    .append(" queries</h2>");
            ThumbnailCache thumbnails = new ThumbnailCache();
            c.failures().stream().filter(f -> f.direction() == d).limit(20).forEach(f -> failure(h, f, thumbnails));
        }
        h.append("<h2>Provenance</h2><ul>");
        c.provenance().forEach(line -> h.append("<li>").append(esc(line)).append("</li>"));
        h.append("</ul></body></html>\n");
        return h.toString();
    }

    /** Recall@1/5/10 per category of the last protocol's first gallery, weakest first at R@1; nothing without instances. */
    private static void categories(StringBuilder h, RecallReport report) {
        List<RecallReport.ProtocolResult> results = report.results();
        RecallReport.Evaluation e = results.get(results.size() - 1).evaluations().get(0);
        if (e.categories().isEmpty()) {
            return;
        }
        h.append("<h2>Recall by category (").append(esc(e.name())).append(", weakest first)</h2>");
        h.append("<table><tr><th class=\"l\">category</th><th>image queries</th><th>image → text R@1 / 5 / 10</th>"
                + "<th>caption queries</th><th>text → image R@1 / 5 / 10</th></tr>");
        for (RecallReport.CategoryRecall r : RecallReport.CategoryRecall.weakestFirst(e.categories(), 1)) {
            h.append(String.format(Locale.ROOT, "<tr><td class=\"l\">%s</td><td>%,d</td><td>%.1f / %.1f / %.1f</td>"
                            + "<td>%,d</td><td>%.1f / %.1f / %.1f</td></tr>", esc(r.category()), r.imageQueries(),
                    r.imageToTextR1(), r.imageToTextR5(), r.imageToTextR10(), r.captionQueries(), r.textToImageR1(),
                    r.textToImageR5(), r.textToImageR10()));
        }
        h.append("</table>");
    }

    private static void row(StringBuilder h, String gallery, String direction, RecallReport.DirectionMetrics m, double rsum) {
        h.append(String.format(Locale.ROOT, "<tr><td class=\"l\">%s</td><td class=\"l\">%s</td><td>%,d</td>"
                        + "<td>%.1f (%.2f)</td><td>%.1f (%.2f)</td><td>%.1f (%.2f)</td><td>%.1f</td><td>%.1f</td><td>%s</td></tr>",
                esc(gallery), direction, m.queries(), m.r1(), m.chance1(), m.r5(), m.chance5(), m.r10(), m.chance10(),
                m.medianRank(), m.meanRank(), Double.isNaN(rsum) ? "" : String.format(Locale.ROOT, "%.1f", rsum)));
    }

    /** The share of queries per rank bin, both directions side by side. */
    private static String histogram(RankCurves a, RankCurves b) {
        StringBuilder s = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"520\" height=\"280\">");
        RankCurves[] both = {a, b};
        int bins = RankCurves.BIN_LABELS.length;
        for (int c = 0; c < 2; c++) {
            long[] h = both[c].histogram();
            long total = java.util.Arrays.stream(h).sum();
            for (int i = 0; i < bins; i++) {
                double share = total == 0 ? 0 : (double) h[i] / total;
                double x = 30 + i * 480.0 / bins + c * 28;
                s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"26\" height=\"%.1f\" fill=\"%s\"/>",
                        x, 250 - 240 * share, 240 * share, COLOURS[c]));
            }
        }
        for (int i = 0; i < bins; i++) {
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"266\" font-size=\"11\">%s</text>",
                    30 + i * 480.0 / bins, RankCurves.BIN_LABELS[i]));
        }
        return s.append(legend(330)).append("</svg>").toString();
    }

    private static String legend(int x) {
        return HtmlParts.legendLine(x, 30, new HtmlParts.Curve("image → text", COLOURS[0], new double[0]))
                + HtmlParts.legendLine(x, 46, new HtmlParts.Curve("text → image", COLOURS[1], new double[0]));
    }

    private static void failure(StringBuilder h, DescribedFailure f, ThumbnailCache thumbnails) {
        h.append("<div class=\"fail\">").append(HtmlParts.thumbnailTag(f.file(), thumbnails));
        h.append("<div><b>").append(esc(f.query())).append("</b><br>")
                .append(String.format(Locale.ROOT, "ground truth at rank %,d (cos %.3f): %s", f.rank(), f.truthScore(),
                        esc(f.truth())));
        for (DescribedFailure.Above a : f.above()) {
            h.append(String.format(Locale.ROOT, "<br>&nbsp;&nbsp;%.3f %s", a.score(), esc(a.label())));
        }
        h.append("</div></div>");
    }

    private static String esc(String s) {
        return HtmlParts.esc(s);
    }
}
