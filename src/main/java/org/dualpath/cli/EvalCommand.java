package org.dualpath.cli;

import org.dualpath.common.AtomicFiles;
import org.dualpath.common.InputException;
import org.dualpath.common.Progress;
import org.dualpath.data.CocoCaption;
import org.dualpath.eval.EvalGallery;
import org.dualpath.eval.FailureCase;
import org.dualpath.eval.RankCurves;
import org.dualpath.report.DatasetCategories;
import org.dualpath.report.DescribedFailure;
import org.dualpath.report.HtmlReport;
import org.dualpath.report.PublishedFigures;
import org.dualpath.data.CocoImage;
import org.dualpath.data.Dataset;
import org.dualpath.eval.CosineDiagnostic;
import org.dualpath.store.EmbeddingStore;
import org.dualpath.eval.Protocol;
import org.dualpath.eval.RecallReport;
import org.dualpath.eval.RetrievalMetrics;
import org.dualpath.model.DualPathModel;
import org.dualpath.vector.Embeddings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

/** {@code dualpath eval}: image-text retrieval recall of a model on the test split of a dataset. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Embed the test split with a model and report Recall@1/5/10, MedR and MeanR in both "
                + "directions (COCO 1K and 5K for a 5,000-image test split), per category with --instances, "
                + "and the mean cosine of true, mismatched and caption-caption pairs.",
                "--split all evaluates every image of the dataset. Test images that cannot be read are skipped "
                + "(named on stderr; --strict fails instead): recall is over the images that were embedded."})
final class EvalCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DatasetOptions data;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model file (.zip).")
    Path modelFile;

    @Option(names = "--protocol", paramLabel = "P", defaultValue = "auto",
            description = "auto, 1k, 5k or all (default: ${DEFAULT-VALUE}).")
    String protocol;

    @Option(names = "--captions-per-image", paramLabel = "N", defaultValue = "5",
            description = "Captions kept per image, first by id; 0 keeps all (default: ${DEFAULT-VALUE}).")
    int captionsPerImage;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the report as JSON.")
    Path json;

    @Option(names = "--report", paramLabel = "DIR",
            description = "Also write a self-contained HTML report (tables, curves, worst queries, provenance) as DIR/report.html.")
    Path reportDir;

    @CommandLine.Mixin
    AveragingOptions averaging;

    @Mixin
    UnreadableImagesOption unreadable;

    @Override
    public Integer call() {
        Protocol p = protocol(protocol);
        PrintWriter out = spec.commandLine().getOut();
        ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr());
        DatasetOptions.Evaluated evaluated = data.loadEvaluated(Progress.NONE);
        boolean all = evaluated.all();
        DualPathModel model = DualPathModel.load(modelFile);
        Dataset dataset = evaluated.dataset();
        List<CocoImage> test = evaluated.images();
        EmbeddingStore store = EmbeddingStore.inMemory(model, modelFile, dataset, test,
                averaging.options(), progress);
        unreadable.handle(store.report(), spec.commandLine().getErr());
        Embeddings images = store.images();
        // a caption whose image could not be read has no ground truth to rank: it is no query and no gallery item
        int[] imageOfCaption = store.captionImageRows();
        int[] paired = IntStream.range(0, imageOfCaption.length).filter(j -> imageOfCaption[j] != EmbeddingStore.NO_IMAGE)
                .toArray();
        Embeddings captions = store.captions().rows(paired);
        int[] captionImage = IntStream.of(paired).map(j -> imageOfCaption[j]).toArray();
        if (!store.skippedImages().isEmpty()) {
            out.printf(Locale.ROOT, "note: recall over the %d of %d images that could be read; the other %d "
                            + "and their %d captions are left out%n", images.size(), test.size(),
                    store.skippedImages().size(), imageOfCaption.length - paired.length);
        }
        RetrievalMetrics.Options options = RetrievalMetrics.Options.standard(evaluated.splitName()).withProtocol(p)
                .withCaptionsPerImage(captionsPerImage).withCategories(DatasetCategories.byRow(dataset, images));
        RecallReport report = RetrievalMetrics.evaluate(images, captions, captionImage, options, progress);
        out.print(report.toTable());
        out.println(CosineDiagnostic.of(images, captions, captionImage).toLine());
        RecallReport.Evaluation last = report.results().get(report.results().size() - 1).evaluations().get(0);
        if (!last.categories().isEmpty()) {
            out.printf(Locale.ROOT, "%nper category (%s): %-14s %7s %-17s %7s %-17s%n", last.name(), "category",
                    "images", "i->t R@1/5/10", "captions", "t->i R@1/5/10");
            for (RecallReport.CategoryRecall c : last.categories()) {
                out.printf(Locale.ROOT, "%-14s %7d %-17s %7d %-17s%n", c.category(), c.imageQueries(),
                        String.format(Locale.ROOT, "%.1f/%.1f/%.1f", c.imageToTextR1(), c.imageToTextR5(),
                                c.imageToTextR10()), c.captionQueries(),
                        String.format(Locale.ROOT, "%.1f/%.1f/%.1f", c.textToImageR1(), c.textToImageR5(),
                                c.textToImageR10()));
            }
        }
        if (json != null) {
            AtomicFiles.writeString(json, report.toJson());
            out.println("wrote " + json);
        }
        if (reportDir != null) {
            out.println("wrote " + writeReport(evaluated, model, new EvalGallery(images, captions, captionImage), report,
                    all ? "all images" : "test split"));
        }
        out.flush();
        return 0;
    }

    private Path writeReport(DatasetOptions.Evaluated evaluated, DualPathModel model, EvalGallery gallery,
                             RecallReport report, String scope) {
        Dataset dataset = evaluated.dataset();
        RecallReport.ProtocolResult last = report.results().get(report.results().size() - 1);
        RecallReport.Evaluation e = last.evaluations().get(0);
        Map<Long, CocoCaption> captionById = evaluated.captionsById();
        List<DescribedFailure> failures = new ArrayList<>();
        for (FailureCase.Direction d : FailureCase.Direction.values()) {
            FailureCase.of(gallery, e, d, 3).forEach(c -> failures.add(DescribedFailure.of(dataset, captionById::get, c)));
        }
        List<String> provenance = new ArrayList<>();
        provenance.add("model: " + modelFile.toAbsolutePath());
        provenance.add("captions: " + data.captions.toAbsolutePath() + " · images: " + data.images.toAbsolutePath());
        provenance.addAll(model.bundle().provenanceSummary());
        return HtmlReport.write(reportDir, new HtmlReport.Content("DualPath evaluation: " + dataset.name(),
                scope + " · " + last.protocol().label(), report, RankCurves.of(e.imageRanks(), 100),
                RankCurves.of(e.captionRanks(), 100), failures, provenance, PublishedFigures.forDataset(dataset.name())));
    }

    private static Protocol protocol(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "auto" -> Protocol.AUTO;
            case "1k" -> Protocol.COCO_1K;
            case "5k" -> Protocol.COCO_5K;
            case "all" -> Protocol.ALL;
            default -> throw new InputException("unknown protocol \"" + name + "\"; use auto, 1k, 5k or all");
        };
    }
}
