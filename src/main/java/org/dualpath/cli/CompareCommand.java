package org.dualpath.cli;

import org.dualpath.common.AtomicFiles;
import org.dualpath.common.InputException;
import org.dualpath.common.Progress;
import org.dualpath.common.Texts;
import org.dualpath.data.CocoCaption;
import org.dualpath.eval.EvalGallery;
import org.dualpath.eval.FailureCase;
import org.dualpath.eval.ModelComparison;
import org.dualpath.model.DualPathModel;
import org.dualpath.report.CompareReport;
import org.dualpath.report.ComparedQuery;
import org.dualpath.store.EmbeddingStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code dualpath compare}: two models' retrieval recall on the same test split, side by side, query by query. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Embed the test split with two models (--model A --model B) and print Recall@1/5/10, MedR "
                + "and MeanR of both side by side with the differences (B - A, chance beside them), then the "
                + "queries whose ground truth B ranks most above and most below where A ranks it.",
                "Each model embeds the dataset itself, so other vocabularies or embedding sizes compare fine.",
                "--split all compares on every image; --json writes it all, with every query's two ranks.",
                "--report writes an HTML report with thumbnails."})
final class CompareCommand implements Callable<Integer> {
    /** How many most improved and most regressed queries are listed per direction. */
    static final int LISTED = 10;

    /** The queries listed for one direction, as the JSON holds them. */
    private record Listed(List<ComparedQuery> mostImproved, List<ComparedQuery> mostRegressed) {
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DatasetOptions data;

    @Option(names = "--model", required = true, paramLabel = "FILE",
            description = "A model file (.zip, or a checkpoint .zip.checkpoint); give it twice: model A, then model B.")
    List<Path> models;

    @Option(names = "--captions-per-image", paramLabel = "N", defaultValue = "5",
            description = "Captions kept per image, first by id; 0 keeps all (default: ${DEFAULT-VALUE}).")
    int captionsPerImage;

    @Option(names = "--json", paramLabel = "FILE",
            description = "Also write the comparison as JSON: both tables, the differences, the listed queries and every query's two ranks.")
    Path json;

    @Option(names = "--report", paramLabel = "DIR",
            description = "Also write a self-contained HTML report (both tables, curves, the rank scatter, the listed queries with thumbnails, provenance) as DIR/report.html.")
    Path reportDir;

    @Mixin
    AveragingOptions averaging;

    @Mixin
    UnreadableImagesOption unreadable;

    @Override
    public Integer call() {
        if (models.size() != 2) {
            throw new InputException("give two models, --model A.zip --model B.zip; got " + models.size());
        }
        PrintWriter out = spec.commandLine().getOut();
        ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr());
        DatasetOptions.Evaluated evaluated = data.loadEvaluated(Progress.NONE);
        List<EvalGallery> embedded = new ArrayList<>();
        List<List<String>> provenance = new ArrayList<>();
        for (int m = 0; m < 2; m++) {
            String name = m == 0 ? "A" : "B";
            Path file = models.get(m);
            DualPathModel model = DualPathModel.load(file);
            model.requireCanEmbed(file);
            provenance.add(provenance(file, model));
            out.printf(Locale.ROOT, "model %s: %s (%d-d, vocabulary %,d words)%n", name, file, model.dimension(),
                    model.vocabulary().size() - 1);
            EmbeddingStore store = EmbeddingStore.inMemory(model, file, evaluated.dataset(), evaluated.images(),
                    averaging.options(), progress.prefixed("model " + name + ": "));
            if (m == 0) {
                // both models read the same files, so B skips the images A skipped: named once
                unreadable.handle(store.report(), spec.commandLine().getErr());
            }
            embedded.add(EvalGallery.of(store.images(), store.captions(), store.captionImageRows(), r -> true));
        }
        ModelComparison comparison = ModelComparison.of(evaluated.splitName(), embedded.get(0), embedded.get(1),
                captionsPerImage, progress);
        out.print(comparison.toTable());
        Map<Long, CocoCaption> captions = evaluated.captionsById();
        Map<String, Object> listed = new LinkedHashMap<>();
        List<CompareReport.Listed> reported = new ArrayList<>();
        for (ModelComparison.DirectionComparison d : comparison.directions()) {
            String direction = d.direction() == FailureCase.Direction.IMAGE_TO_TEXT ? "image -> text" : "text -> image";
            out.printf(Locale.ROOT, "%n%s: %,d improved, %,d regressed, %,d unchanged (rank of the ground truth under A -> B)%n",
                    direction, d.improvedCount(), d.regressedCount(), d.unchanged());
            List<ComparedQuery> improved = ComparedQuery.first(evaluated.dataset(), captions::get, d.direction(),
                    d.improved(), LISTED);
            List<ComparedQuery> regressed = ComparedQuery.first(evaluated.dataset(), captions::get, d.direction(),
                    d.regressed(), LISTED);
            print(out, "most improved", improved);
            print(out, "most regressed", regressed);
            listed.put(d.direction() == FailureCase.Direction.IMAGE_TO_TEXT ? "imageToText" : "textToImage",
                    new Listed(improved, regressed));
            reported.add(new CompareReport.Listed(d.direction(), improved, regressed));
        }
        if (json != null) {
            Map<String, Object> head = new LinkedHashMap<>();
            head.put("modelA", models.get(0).toAbsolutePath().toString());
            head.put("modelB", models.get(1).toAbsolutePath().toString());
            head.put("listed", listed);
            AtomicFiles.writeString(json, comparison.toJson(head));
            out.println("wrote " + json);
        }
        if (reportDir != null) {
            out.println("wrote " + CompareReport.write(reportDir, new CompareReport.Content(
                    "DualPath comparison: " + evaluated.dataset().name(), "A: " + models.get(0).getFileName() + " · B: "
                    + models.get(1).getFileName() + " · split " + evaluated.splitName(), comparison, reported,
                    provenance.get(0), provenance.get(1), List.of("captions: " + data.captions.toAbsolutePath(),
                    "images: " + data.images.toAbsolutePath()))));
        }
        out.flush();
        return 0;
    }

    private static List<String> provenance(Path file, DualPathModel model) {
        List<String> lines = new ArrayList<>();
        lines.add("model: " + file.toAbsolutePath());
        lines.addAll(model.bundle().provenanceSummary());
        return lines;
    }

    private static void print(PrintWriter out, String title, List<ComparedQuery> queries) {
        out.println("  " + title + (queries.isEmpty() ? ": none" : ":"));
        for (ComparedQuery q : queries) {
            out.printf(Locale.ROOT, "    %7d -> %-7d %+8d  %s%n", q.rankA(), q.rankB(), q.change(), Texts.quote(q.query()));
        }
    }
}
