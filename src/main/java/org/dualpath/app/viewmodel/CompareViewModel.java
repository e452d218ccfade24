package org.dualpath.app.viewmodel;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.dualpath.common.Progress;
import org.dualpath.data.Dataset;
import org.dualpath.eval.FailureCase;
import org.dualpath.eval.ModelComparison;
import org.dualpath.model.DualPathModel;
import org.dualpath.report.ComparedQuery;
import org.dualpath.search.QueryService;
import org.dualpath.store.EmbeddingStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

/**
 * The Compare tab: the open model (A) against a second model file (B: another model, or an earlier checkpoint of the
 * same run) on the open dataset. B is read, checked ({@link DualPathModel#requireCanEmbed}) and embeds the dataset
 * into the cache the explorer keeps for A ({@link QueryService#open}: one folder per captions file and model file,
 * so opening B again is instant), in the background with progress and cancel. Both are then evaluated on the same
 * images by {@link ModelComparison}: the two recall tables with B − A, every query's ground-truth rank under A and B
 * (the scatter), and the queries that improved and regressed most, which a click shows in Results answered by both
 * models ({@link ComparedResults}); and both models' maps ({@link CompareMapsViewModel}).
 * Comparisons are kept per pair of stores, scope and gallery filter for the session.
 */
public final class CompareViewModel {
    /** How many most improved and most regressed queries are listed. */
    static final int LISTED = 100;

    /**
     * One comparison as the tab shows it: which images, model B's file, the figures, and the table's rows: per
     * direction A's, B's and B − A.
     */
    public record Result(String scope, Path modelB, ModelComparison comparison, List<Row> rows) {
        Result(String scope, Path modelB, ModelComparison comparison) {
            this(scope, modelB, comparison, tableRows(comparison));
        }
    }

    /**
     * A line of the table: one direction's figures under model A or B, or their difference B − A (then
     * {@code difference}, and no chance levels: they are NaN), {@code model} naming which.
     */
    public record Row(String model, EvaluateViewModel.Row figures, boolean difference) {
    }

    private record Key(EmbeddingStore a, EmbeddingStore b, EvaluateViewModel.Scope scope, LongPredicate filter) {
    }

    private final BackgroundJobs jobs;
    private final ReadOnlyObjectProperty<OpenDataset> dataset;
    private final ReadOnlyObjectProperty<QueryService> searcher;
    private final ReadOnlyObjectProperty<Path> modelA;
    private final GalleryViewModel gallery;
    private final QueryViewModel query;
    private final Path embeddingsDir;
    private final Supplier<Path> captionsFile;
    private final ReadOnlyObjectWrapper<Path> modelB = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<QueryService> searcherB = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<EvaluateViewModel.Scope> scope = new SimpleObjectProperty<>(EvaluateViewModel.Scope.TEST);
    private final ObjectProperty<FailureCase.Direction> direction = new SimpleObjectProperty<>(FailureCase.Direction.TEXT_TO_IMAGE);
    private final ReadOnlyObjectWrapper<Result> result = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ModelComparison.DirectionComparison> shown = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper("choose model B to compare the open model with");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<ComparedQuery> improved = FXCollections.observableArrayList();
    private final ObservableList<ComparedQuery> regressed = FXCollections.observableArrayList();
    private final Map<Key, Result> done = new HashMap<>();
    private final CompareMapsViewModel maps;
    private final ComparedResults results;
    private long generation;

    /**
     * A tab comparing {@code searcher}'s model (read from {@code modelA}) with a second one whose vectors go under
     * {@code embeddingsDir}, named by the session's {@code captionsFile} as the explorer names the first model's.
     */
    CompareViewModel(BackgroundJobs jobs, ReadOnlyObjectProperty<OpenDataset> dataset,
                     ReadOnlyObjectProperty<QueryService> searcher, ReadOnlyObjectProperty<Path> modelA,
                     GalleryViewModel gallery, QueryViewModel query, Path embeddingsDir, Supplier<Path> captionsFile) {
        this.jobs = jobs;
        this.dataset = dataset;
        this.searcher = searcher;
        this.modelA = modelA;
        this.gallery = gallery;
        this.query = query;
        this.embeddingsDir = embeddingsDir;
        this.captionsFile = captionsFile;
        this.maps = new CompareMapsViewModel(jobs, dataset, searcher, searcherB.getReadOnlyProperty(), gallery, query,
                embeddingsDir.resolveSibling("maps"));
        this.results = new ComparedResults(jobs);
        // a query of its own replaces the compared one in Results
        query.answerProperty().addListener((obs, old, answer) -> {
            if (answer != null) {
                results.clear();
            }
        });
        dataset.addListener((obs, old, d) -> {
            // B's vectors are of the old dataset
            generation++;
            modelB.set(null);
            searcherB.set(null);
            done.clear();
            show(null);
            results.clear();
            note.set("choose model B to compare the open model with");
        });
        searcher.addListener((obs, old, s) -> {
            done.clear();
            show(null);
            if (searcherB.get() != null) {
                note.set("model A changed: compare again (▶)");
            }
        });
        direction.addListener((obs, old, d) -> refill(result.get()));
    }

    /** Reads model B from {@code file}, embeds the open dataset with it (or reopens its vectors), then compares. */
    public void openModelB(Path file) {
        OpenDataset open = dataset.get();
        if (open == null) {
            note.set("no dataset is open: open one, then choose model B");
            return;
        }
        Path captions = captionsFile.get();
        long mine = ++generation;
        running.set(true);
        note.set("reading and embedding with " + file.getFileName() + "…");
        jobs.run("Model B " + file.getFileName(), p -> {
            p.update(0, 0, "reading the model");
            DualPathModel model = DualPathModel.load(file);
            model.requireCanEmbed(file);
            return QueryService.open(model, file, open.dataset(), captions, embeddingsDir, DualPathModel.Options.PLAIN, p);
        }, built -> {
            running.set(false);
            if (mine == generation) {
                modelB.set(file);
                searcherB.set(built);
                compare();
            }
        }, error -> {
            running.set(false);
            if (mine == generation) {
                note.set("model B " + file.getFileName() + " not opened: " + BackgroundJobs.whyNotFinished(error));
            }
        });
    }

    /** Compares model A with model B on the chosen images in the background (or shows the comparison kept). */
    public void compare() {
        QueryService a = searcher.get();
        QueryService b = searcherB.get();
        OpenDataset open = dataset.get();
        if (a == null || open == null) {
            note.set(open == null ? "no dataset is open" : "comparing needs model A: " + ExplorerViewModel.NO_MODEL);
            return;
        }
        if (b == null) {
            note.set("choose model B to compare the open model with");
            return;
        }
        EvaluateViewModel.Scope chosen = scope.get();
        LongPredicate filter = chosen == EvaluateViewModel.Scope.GALLERY ? gallery.filterProperty().get() : null;
        Key key = new Key(a.store(), b.store(), chosen, filter);
        Result known = done.get(key);
        if (known != null) {
            note.set(describe(known) + " · kept from earlier in this session");
            show(known);
            return;
        }
        Path file = modelB.get();
        long mine = ++generation;
        running.set(true);
        note.set("comparing on the " + chosen + "…");
        jobs.run("Compare (" + chosen + ")", p -> new Result(chosen.toString(), file,
                compute(open.dataset(), a, b, chosen, filter, p)), r -> {
            running.set(false);
            if (mine == generation) {
                done.put(key, r);
                note.set(describe(r));
                show(r);
            }
        }, error -> {
            running.set(false);
            if (mine == generation) {
                note.set("comparison not finished: " + BackgroundJobs.whyNotFinished(error));
            }
        });
    }

    /** Both models' evaluations of the images {@code scope} picks, from the vectors the two searchers hold. */
    static ModelComparison compute(Dataset d, QueryService a, QueryService b, EvaluateViewModel.Scope scope,
                                   LongPredicate filter, Progress progress) {
        return ModelComparison.of(scope.toString(), EvaluateViewModel.gallery(d, a.store(), scope, filter),
                EvaluateViewModel.gallery(d, b.store(), scope, filter), 5, progress);
    }

    private static List<Row> tableRows(ModelComparison c) {
        List<Row> rows = new ArrayList<>();
        for (ModelComparison.DirectionComparison d : c.directions()) {
            String name = d.direction() == FailureCase.Direction.IMAGE_TO_TEXT ? "image → text" : "text → image";
            ModelComparison.FigureChange change = d.change();
            rows.add(new Row("A", EvaluateViewModel.row(name, d.a()), false));
            rows.add(new Row("B", EvaluateViewModel.row(name, d.b()), false));
            rows.add(new Row("B − A", new EvaluateViewModel.Row(name, d.a().queries(), change.r1(), change.r5(),
                    change.r10(), Double.NaN, Double.NaN, Double.NaN, change.medianRank(), change.meanRank()), true));
        }
        return List.copyOf(rows);
    }

    /**
     * Shows a listed query in Results answered by both models side by side, among the images of the comparison's
     * gallery (the test split after a test-split comparison, as {@link EvaluateViewModel#runQuery} sets it).
     */
    public void open(ComparedQuery q) {
        Result r = result.get();
        OpenDataset open = dataset.get();
        QueryService a = searcher.get();
        QueryService b = searcherB.get();
        if (r == null || open == null || a == null || b == null) {
            return;
        }
        if (r.scope().equals(EvaluateViewModel.Scope.TEST.toString())) {
            gallery.splitProperty().set(org.dualpath.data.Split.TEST);
        }
        results.show(open, q, a, modelA.get(), b, modelB.get(), query.topKProperty().get(), gallery.filterProperty().get());
    }

    /** Shows the query of a scatter point in Results with both models, as {@link #open(ComparedQuery)}. */
    public void open(ModelComparison.QueryRanks point) {
        ModelComparison.DirectionComparison d = shown.get();
        OpenDataset open = dataset.get();
        if (d != null && open != null) {
            open(ComparedQuery.of(open.dataset(), open::caption, d.direction(), point));
        }
    }

    /** Cancels the long job now running (model B's embedding or the comparison). */
    public void cancel() {
        jobs.cancel();
    }

    private static String describe(Result r) {
        ModelComparison c = r.comparison();
        return String.format(Locale.ROOT, "%s · %,d images · rsum A %.1f, B %.1f (B − A %+.1f)", r.scope(), c.images(),
                c.a().rsum(), c.b().rsum(), c.rsumChange());
    }

    /** Shows {@code r}: the shown direction and its lists first, so that listeners of the result find them. */
    private void show(Result r) {
        refill(r);
        result.set(r);
    }

    private void refill(Result r) {
        OpenDataset open = dataset.get();
        if (r == null || open == null) {
            shown.set(null);
            improved.clear();
            regressed.clear();
            return;
        }
        ModelComparison.DirectionComparison d = direction.get() == FailureCase.Direction.IMAGE_TO_TEXT
                ? r.comparison().imageToText() : r.comparison().textToImage();
        shown.set(d);
        improved.setAll(ComparedQuery.first(open.dataset(), open::caption, d.direction(), d.improved(), LISTED));
        regressed.setAll(ComparedQuery.first(open.dataset(), open::caption, d.direction(), d.regressed(), LISTED));
    }

    /** The two models' maps of the same items, linked. */
    public CompareMapsViewModel maps() {
        return maps;
    }

    /** A listed query answered by both models, for Results. */
    public ComparedResults results() {
        return results;
    }

    /** The open model's file (model A); null without one. */
    public ReadOnlyObjectProperty<Path> modelAProperty() {
        return modelA;
    }

    /** Model B's file once it is open; null before. */
    public ReadOnlyObjectProperty<Path> modelBProperty() {
        return modelB.getReadOnlyProperty();
    }

    public ObjectProperty<EvaluateViewModel.Scope> scopeProperty() {
        return scope;
    }

    /** Which direction the scatter and the lists show. */
    public ObjectProperty<FailureCase.Direction> directionProperty() {
        return direction;
    }

    /** The last comparison shown; null before the first. */
    public ReadOnlyObjectProperty<Result> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** The shown direction of the comparison: its queries' two ranks are the scatter's points; null before. */
    public ReadOnlyObjectProperty<ModelComparison.DirectionComparison> shownProperty() {
        return shown.getReadOnlyProperty();
    }

    /** What was compared and how, or why not. */
    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** The shown direction's queries whose ground truth B ranks higher than A, most places first. */
    public ObservableList<ComparedQuery> improved() {
        return improved;
    }

    /** The shown direction's queries whose ground truth B ranks lower than A, most places first. */
    public ObservableList<ComparedQuery> regressed() {
        return regressed;
    }
}
