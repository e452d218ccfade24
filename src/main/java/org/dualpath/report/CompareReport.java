package org.dualpath.report;

import org.dualpath.data.image.ThumbnailCache;
import org.dualpath.eval.FailureCase;
import org.dualpath.eval.ModelComparison;
import org.dualpath.eval.RankCurves;
import org.dualpath.eval.RecallReport;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A comparison of two models as one self-contained HTML file (report.html in a folder): both recall tables with
 * B − A and chance, both models' Recall@K curves, a scatter of every query's ground-truth rank under A against B
 * (log scales), the queries that improved and regressed most with their thumbnails, and the provenance of both
 * models and the data.
 */
public final class CompareReport {
    private static final int MAX_K = 100;
    private static final String COLOUR_A = "#1f77b4";
    private static final String COLOUR_B = "#e4572e";

    /**
     * Everything the report shows: the listed queries of each direction (image → text first), and one provenance
     * list per model.
     */
    public record Content(String title, String scope, ModelComparison comparison, List<Listed> listed,
                          List<String> provenanceA, List<String> provenanceB, List<String> data) {
    }

    /** The most improved and most regressed queries of one direction, in words. */
    public record Listed(FailureCase.Direction direction, List<ComparedQuery> mostImproved,
                         List<ComparedQuery> mostRegressed) {
    }

    private CompareReport() {
    }

    /** Writes {@code dir}/report.html (the folder is created); returns the file. */
    public static Path write(Path dir, Content c) {
        return HtmlParts.writeReport(dir, html(c));
    }

    static String html(Content c) {
        ModelComparison m = c.comparison();
        StringBuilder h = HtmlParts.page(c.title(), c.scope() + String.format(Locale.ROOT,
                " · protocol ALL · %,d images, %,d captions", m.images(), m.captions())
                + (m.imagesLeftOut() == 0 ? "" : String.format(Locale.ROOT,
                " (%d images only one model could read left out)", m.imagesLeftOut())));
        table(h, m);
        h.append("<h2>Recall@K</h2>").append(HtmlParts.curves(List.of(
                new HtmlParts.Curve("A image → text", COLOUR_A, RankCurves.of(m.a().imageRanks(), MAX_K).recallAtK()),
                new HtmlParts.Curve("A text → image", "#7fb3e0", RankCurves.of(m.a().captionRanks(), MAX_K).recallAtK()),
                new HtmlParts.Curve("B image → text", COLOUR_B, RankCurves.of(m.b().imageRanks(), MAX_K).recallAtK()),
                new HtmlParts.Curve("B text → image", "#f3a712", RankCurves.of(m.b().captionRanks(), MAX_K).recallAtK()))));
        h.append("<h2>Each query's ground-truth rank under A and under B</h2><p class=\"note\">Below the diagonal: B ranks "
                + "the ground truth higher (better). Log scales.</p>");
        for (ModelComparison.DirectionComparison d : m.directions()) {
            h.append(scatter(d, name(d.direction())));
        }
        ThumbnailCache thumbnails = new ThumbnailCache();
        for (Listed l : c.listed()) {
            ModelComparison.DirectionComparison d = l.direction() == FailureCase.Direction.IMAGE_TO_TEXT
                    ? m.imageToText() : m.textToImage();
            h.append("<h2>").append(name(l.direction())).append(String.format(Locale.ROOT,
                    ": %,d improved, %,d regressed, %,d unchanged</h2>", d.improvedCount(), d.regressedCount(), d.unchanged()));
            queries(h, "Most improved", l.mostImproved(), thumbnails);
            queries(h, "Most regressed", l.mostRegressed(), thumbnails);
        }
        h.append("<h2>Provenance</h2>");
        provenance(h, "Model A", c.provenanceA());
        provenance(h, "Model B", c.provenanceB());
        provenance(h, "Data", c.data());
        return h.append("</body></html>\n").toString();
    }

    private static void table(StringBuilder h, ModelComparison m) {
        h.append("<table><tr><th class=\"l\">direction</th><th>queries</th><th class=\"l\">figure</th><th>chance</th>"
                + "<th>model A</th><th>model B</th><th>B − A</th></tr>");
        for (ModelComparison.DirectionComparison d : m.directions()) {
            RecallReport.DirectionMetrics a = d.a();
            RecallReport.DirectionMetrics b = d.b();
            ModelComparison.FigureChange ch = d.change();
            String dir = name(d.direction());
            row(h, dir, a.queries(), "R@1", RecallReport.chance(a.chance1()), a.r1(), b.r1(), ch.r1(), true);
            row(h, "", -1, "R@5", RecallReport.chance(a.chance5()), a.r5(), b.r5(), ch.r5(), true);
            row(h, "", -1, "R@10", RecallReport.chance(a.chance10()), a.r10(), b.r10(), ch.r10(), true);
            row(h, "", -1, "MedR", "", a.medianRank(), b.medianRank(), ch.medianRank(), false);
            row(h, "", -1, "MeanR", "", a.meanRank(), b.meanRank(), ch.meanRank(), false);
        }
        row(h, "both", -1, "rsum", "", m.a().rsum(), m.b().rsum(), m.rsumChange(), true);
        h.append("</table>");
    }

    private static void row(StringBuilder h, String direction, int queries, String figure, String chance, double a,
                            double b, double change, boolean higherIsBetter) {
        String cls = change == 0 ? "" : (change > 0) == higherIsBetter ? " class=\"better\"" : " class=\"worse\"";
        h.append(String.format(Locale.ROOT, "<tr><td class=\"l\">%s</td><td>%s</td><td class=\"l\">%s</td><td>%s</td>"
                        + "<td>%.1f</td><td>%.1f</td><td%s>%+.1f</td></tr>", direction,
                queries < 0 ? "" : String.format(Locale.ROOT, "%,d", queries), figure, chance, a, b, cls, change));
    }

    /** Rank under A on x, under B on y, both log10 from 1 to the largest rank, one dot per query. */
    private static String scatter(ModelComparison.DirectionComparison d, String title) {
        int size = 300;
        int max = 1;
        for (ModelComparison.QueryRanks q : d.queries()) {
            max = Math.max(max, Math.max(q.rankA(), q.rankB()));
        }
        double scale = (size - 40) / Math.max(1e-9, Math.log10(max));
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" style=\"margin-right:16px\">"
                        + "<rect x=\"30\" y=\"10\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>"
                        + "<line x1=\"30\" y1=\"%d\" x2=\"%d\" y2=\"10\" stroke=\"#bbb\"/>",
                size, size + 20, size - 40, size - 40, size - 30, size - 10));
        for (ModelComparison.QueryRanks q : d.queries()) {
            String colour = q.change() > 0 ? "#1a7f37" : q.change() < 0 ? "#c0392b" : "#888";
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"1.5\" fill=\"%s\" fill-opacity=\"0.5\"/>",
                    30 + scale * Math.log10(q.rankA()), size - 30 - scale * Math.log10(q.rankB()), colour));
        }
        return s.append(String.format(Locale.ROOT, "<text x=\"30\" y=\"%d\" font-size=\"12\">%s: rank under A (1 to %,d) →"
                + "</text><text x=\"2\" y=\"22\" font-size=\"12\">B</text></svg>", size + 2, HtmlParts.esc(title), max)).toString();
    }

    private static void queries(StringBuilder h, String title, List<ComparedQuery> queries, ThumbnailCache thumbnails) {
        h.append("<h3>").append(title).append(queries.isEmpty() ? ": none" : "").append("</h3>");
        for (ComparedQuery q : queries) {
            h.append("<div class=\"fail\">").append(HtmlParts.thumbnailTag(q.file(), thumbnails)).append("<div><b>")
                    .append(HtmlParts.esc(q.query())).append("</b><br>").append(String.format(Locale.ROOT,
                            "ground truth at rank %,d under A, %,d under B (%s%,d places)", q.rankA(), q.rankB(),
                            q.change() > 0 ? "up " : "down ", Math.abs(q.change()))).append("</div></div>");
        }
    }

    private static void provenance(StringBuilder h, String title, List<String> lines) {
        h.append("<h3>").append(title).append("</h3><ul>");
        lines.forEach(line -> h.append("<li>").append(HtmlParts.esc(line)).append("</li>"));
        h.append("</ul>");
    }

    private static String name(FailureCase.Direction d) {
        return d == FailureCase.Direction.IMAGE_TO_TEXT ? "image → text" : "text → image";
    }
}
