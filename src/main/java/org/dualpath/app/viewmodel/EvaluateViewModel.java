package org.dualpath.app.viewmodel;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.dualpath.common.Progress;
import org.dualpath.data.CocoCaption;
import org.dualpath.data.CocoImage;
import org.dualpath.data.Dataset;
import org.dualpath.data.ImageCategory;
import org.dualpath.data.Split;
import org.dualpath.eval.EvalGallery;
import org.dualpath.eval.FailureCase;
import org.dualpath.eval.Protocol;
import org.dualpath.eval.RankCurves;
import org.dualpath.eval.RecallReport;
import org.dualpath.eval.RetrievalMetrics;
import org.dualpath.report.DatasetCategories;
import org.dualpath.report.DescribedFailure;
import org.dualpath.report.HtmlReport;
import org.dualpath.report.PublishedFigures;
import org.dualpath.search.QueryService;
import org.dualpath.store.EmbeddingStore;
import org.dualpath.vector.TopK;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * The Evaluate tab: Recall@K of the open model on the open dataset's test split, all its images or the gallery's
 * images, from the vectors the explorer already holds (nothing is embedded again), with the figures
 * {@code dualpath eval} prints for the same vectors, Recall@K curves, rank histograms and the worst queries with
 * what outranked their ground truth. Results are kept per model store, scope, protocol and gallery filter for the
 * session, so switching back is instant.
 */
public final class EvaluateViewModel {
    /** Which images are evaluated. */
    public enum Scope {
        TEST("test split"), ALL("all images"), GALLERY("gallery (its filters)");

        private final String label;

        Scope(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** How many worst queries are listed per direction, and how many outranking items each shows. */
    static final int WORST = 50;
    static final int ABOVE = 3;
    /** The curves run to this K. */
    public static final int MAX_K = 100;

    /** One row of the recall table: a direction with its figures and their chance levels (percent). */
    public record Row(String direction, int queries, double r1, double r5, double r10, double chance1, double chance5,
                      double chance10, double medianRank, double meanRank) {
    }

    /** Everything one evaluation shows. */
    public record Result(String scope, RecallReport report, List<Row> rows, double rsum, String foldNote,
                         RankCurves imageToText, RankCurves textToImage, List<DescribedFailure> failures) {
        /** Per-category recall, alphabetical (of fold 1 under the COCO 1K protocol, like the failures). */
        public List<RecallReport.CategoryRecall> categories() {
            List<RecallReport.ProtocolResult> results = report.results();
            return results.get(results.size() - 1).evaluations().get(0).categories();
        }
    }

    private record Key(EmbeddingStore store, Scope scope, Protocol protocol, LongPredicate filter) {
    }

    private final BackgroundJobs jobs;
    private final ReadOnlyObjectProperty<OpenDataset> dataset;
    private final ReadOnlyObjectProperty<QueryService> searcher;
    private final GalleryViewModel gallery;
    private final QueryViewModel query;
    private final ObjectProperty<Scope> scope = new SimpleObjectProperty<>(Scope.TEST);
    private final ObjectProperty<Protocol> protocol = new SimpleObjectProperty<>(Protocol.AUTO);
    private final ReadOnlyObjectWrapper<Result> result = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper("evaluate the open model on the open dataset");
    private final ReadOnlyStringWrapper published = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ObjectProperty<FailureCase.Direction> failureDirection = new SimpleObjectProperty<>(FailureCase.Direction.TEXT_TO_IMAGE);
    private final ObjectProperty<String> failureCategory = new SimpleObjectProperty<>();
    private final IntegerProperty minRank = new SimpleIntegerProperty(1);
    private final IntegerProperty categoryK = new SimpleIntegerProperty(1);
    private final ObservableList<RecallReport.CategoryRecall> categories = FXCollections.observableArrayList();
    private final ObservableList<DescribedFailure> failures = FXCollections.observableArrayList();
    private final Map<Key, Result> done = new HashMap<>();
    private long generation;

    EvaluateViewModel(BackgroundJobs jobs, ReadOnlyObjectProperty<OpenDataset> dataset,
                      ReadOnlyObjectProperty<QueryService> searcher, GalleryViewModel gallery, QueryViewModel query) {
        this.jobs = jobs;
        this.dataset = dataset;
        this.searcher = searcher;
        this.gallery = gallery;
        this.query = query;
        searcher.addListener((obs, old, s) -> {
            done.clear();
            show(null);
        });
        failureDirection.addListener((obs, old, d) -> refilter());
        failureCategory.addListener((obs, old, c) -> refilter());
        minRank.addListener((obs, old, r) -> refilter());
        categoryK.addListener((obs, old, k) -> reorderCategories());
    }

    /** Evaluates the current scope and protocol in the background (progress and cancel in the status bar). */
    public void evaluate() {
        QueryService s = searcher.get();
        OpenDataset open = dataset.get();
        if (s == null || open == null) {
            note.set(open == null ? "no dataset is open" : "evaluation needs a model: " + ExplorerViewModel.NO_MODEL);
            return;
        }
        Scope chosen = scope.get();
        LongPredicate filter = chosen == Scope.GALLERY ? gallery.filterProperty().get() : null;
        Key key = new Key(s.store(), chosen, protocol.get(), filter);
        Result known = done.get(key);
        published.set(PublishedFigures.forDataset(open.dataset().name()));
        if (known != null) {
            show(known);
            note.set(describe(known) + " · kept from earlier in this session");
            return;
        }
        long mine = ++generation;
        running.set(true);
        note.set("evaluating the " + chosen + "…");
        Protocol p = protocol.get();
        jobs.run("Evaluate (" + chosen + ")", progress -> compute(open.dataset(), s, chosen, filter, p, progress), r -> {
            running.set(false);
            if (mine == generation) {
                done.put(key, r);
                show(r);
                note.set(describe(r));
            }
        }, error -> {
            running.set(false);
            if (mine == generation) {
                note.set("evaluation not finished: " + BackgroundJobs.whyNotFinished(error));
            }
        });
    }

    /**
     * Runs the failure's query in the Results view: the image for image → text, the caption for text → image. After
     * a test-split evaluation the gallery shows the test split, so a caption's ground truth ranks there as it did
     * here.
     */
    public void open(DescribedFailure failure) {
        Result shown = result.get();
        runQuery(gallery, query, shown != null && shown.scope().startsWith(Scope.TEST.toString()), failure.direction(),
                failure.image(), failure.query());
    }

    /**
     * Runs an evaluated query in Results: the dataset image {@code image} for image → text, the caption {@code text}
     * for text → image; after an evaluation of the test split the gallery shows the test split first, so the ground
     * truth ranks there as it did in the evaluation.
     */
    static void runQuery(GalleryViewModel gallery, QueryViewModel query, boolean testSplit,
                         FailureCase.Direction direction, CocoImage image, String text) {
        if (testSplit) {
            gallery.splitProperty().set(Split.TEST);
        }
        if (direction == FailureCase.Direction.IMAGE_TO_TEXT) {
            query.searchDatasetImage(image);
        } else {
            query.searchText(text);
        }
    }

    /**
     * Writes the evaluation shown as a self-contained HTML report in {@code dir} (report.html: tables, curves, the
     * worst queries with thumbnails, the model's provenance); returns the file.
     */
    public Path exportReport(Path dir, List<String> provenance) {
        Result r = result.get();
        if (r == null) {
            throw new org.dualpath.common.InputException("nothing to export yet: evaluate first (the ▶ button)");
        }
        return HtmlReport.write(dir, new HtmlReport.Content("DualPath evaluation: " + dataset.get().dataset().name(),
                r.scope(), r.report(), r.imageToText(), r.textToImage(), r.failures(), provenance, published.get()));
    }

    /** What the tab's evaluation job computes, on the vectors {@code s} holds (public for the evaluation benchmark). */
    public static Result compute(Dataset d, QueryService s, Scope scope, LongPredicate filter, Protocol protocol,
                          Progress progress) {
        EvalGallery gallery = gallery(d, s.store(), scope, filter);
        RecallReport report = RetrievalMetrics.evaluate(gallery.images(), gallery.captions(), gallery.captionImage(),
                RetrievalMetrics.Options.standard(scope.toString()).withProtocol(protocol).withCategories(DatasetCategories.byRow(d, gallery.images()))
                        .withWorst(WORST), progress);
        RecallReport.ProtocolResult last = report.results().get(report.results().size() - 1);
        RecallReport.Evaluation e = last.evaluations().get(0);
        List<Row> rows;
        double rsum;
        String foldNote = "";
        if (last.folds() != null) {
            RecallReport.FoldSummary f = last.folds();
            rows = List.of(foldRow("image → text", f.imageToText(), e.imageToText()), foldRow("text → image", f.textToImage(), e.textToImage()));
            rsum = f.rsum().mean();
            foldNote = String.format(Locale.ROOT, "mean of %d folds of 1,000 images (rsum ± %.1f); ranks and failures of fold 1",
                    f.folds(), f.rsum().std());
        } else {
            rows = List.of(row("image → text", e.imageToText()), row("text → image", e.textToImage()));
            rsum = e.rsum();
        }
        List<DescribedFailure> failures = new ArrayList<>();
        for (FailureCase.Direction dir : FailureCase.Direction.values()) {
            for (FailureCase c : FailureCase.of(gallery, e, dir, ABOVE)) {
                failures.add(DescribedFailure.of(d, s::caption, c));
            }
        }
        return new Result(scope + " · " + last.protocol().label(), report, rows, rsum, foldNote,
                RankCurves.of(e.imageRanks(), MAX_K), RankCurves.of(e.captionRanks(), MAX_K), failures);
    }

    /** The stored vectors of the images {@code scope} (and for the gallery, {@code filter}) picks, with their captions. */
    static EvalGallery gallery(Dataset d, EmbeddingStore store, Scope scope, LongPredicate filter) {
        return EvalGallery.of(store.images(), store.captions(), store.captionImageRows(), row -> {
            long id = store.images().id(row);
            return switch (scope) {
                case TEST -> d.split(id) == Split.TEST;
                case ALL -> true;
                case GALLERY -> filter == null || filter.test(id);
            };
        });
    }

    static Row row(String direction, RecallReport.DirectionMetrics m) {
        return new Row(direction, m.queries(), m.r1(), m.r5(), m.r10(), m.chance1(), m.chance5(), m.chance10(),
                m.medianRank(), m.meanRank());
    }

    private static Row foldRow(String direction, RecallReport.DirectionSummary s, RecallReport.DirectionMetrics first) {
        return new Row(direction, first.queries(), s.r1().mean(), s.r5().mean(), s.r10().mean(), s.chance1(), s.chance5(),
                s.chance10(), first.medianRank(), first.meanRank());
    }

    private static String describe(Result r) {
        return String.format(Locale.ROOT, "%s · rsum %.1f%s", r.scope(), r.rsum(), r.foldNote().isEmpty() ? "" : " · " + r.foldNote());
    }

    private void show(Result r) {
        result.set(r);
        refilter();
        reorderCategories();
    }

    private void reorderCategories() {
        Result r = result.get();
        categories.setAll(r == null ? List.of() : RecallReport.CategoryRecall.weakestFirst(r.categories(), categoryK.get()));
    }

    private void refilter() {
        Result r = result.get();
        if (r == null) {
            failures.clear();
            return;
        }
        String category = failureCategory.get();
        failures.setAll(r.failures().stream().filter(f -> f.direction() == failureDirection.get())
                .filter(f -> f.rank() >= minRank.get())
                .filter(f -> category == null || f.categories().contains(category)).toList());
    }

    public ObjectProperty<Scope> scopeProperty() {
        return scope;
    }

    public ObjectProperty<Protocol> protocolProperty() {
        return protocol;
    }

    /** The last evaluation shown; null before the first. */
    public ReadOnlyObjectProperty<Result> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** What was evaluated and how, or why not. */
    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    /** The paper's published figures for this kind of dataset (external, with their protocol), or empty. */
    public ReadOnlyStringProperty publishedProperty() {
        return published.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** The failures listed: of one direction, from a rank on, of one category (null: any). */
    public ObservableList<DescribedFailure> failures() {
        return failures;
    }

    public ObjectProperty<FailureCase.Direction> failureDirectionProperty() {
        return failureDirection;
    }

    public ObjectProperty<String> failureCategoryProperty() {
        return failureCategory;
    }

    public IntegerProperty minRankProperty() {
        return minRank;
    }

    /** The K (1, 5 or 10) of the per-category recall shown. */
    public IntegerProperty categoryKProperty() {
        return categoryK;
    }

    /**
     * Per-category recall of the last evaluation (of its first fold under the COCO 1K protocol), weakest first at
     * {@link #categoryKProperty()}; empty when the dataset has no instances.
     */
    public ObservableList<RecallReport.CategoryRecall> categories() {
        return categories;
    }
}
