package org.dualpath.app.viewmodel;

import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableSet;
import javafx.concurrent.Task;
import org.dualpath.common.InputException;
import org.dualpath.data.CocoImage;
import org.dualpath.data.Dataset;
import org.dualpath.data.Split;
import org.dualpath.store.EmbeddingStore;
import org.dualpath.vector.TopK;
import org.dualpath.projection.ColourBy;
import org.dualpath.projection.Lasso;
import org.dualpath.projection.Legend;
import org.dualpath.projection.MapCache;
import org.dualpath.projection.MapExport;
import org.dualpath.projection.MapLayout;
import org.dualpath.projection.MapMethod;
import org.dualpath.projection.MapParams;
import org.dualpath.projection.MapPoints;
import org.dualpath.projection.Modality;
import org.dualpath.projection.ModalityGap;
import org.dualpath.projection.Projector;
import org.dualpath.projection.QueryPlacement;
import org.dualpath.search.Answer;
import org.dualpath.search.QueryService;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

/**
 * The embedding map: which points are mapped (a subset of images, their captions or both), how (method and
 * parameters), the layout (updated frame by frame while t-SNE iterates, cached on disk), its colouring and
 * legend, the lasso selection (which narrows the gallery), the current query placed into the layout with
 * its hits, and the modality-gap readout. Clicking a point selects its image in the details pane.
 */
public final class MapViewModel {
    /** Which images are mapped. */
    public enum Subset {
        TEST("test split"), TRAIN("train split"), ALL("all images"), GALLERY("gallery (its filters)"),
        RESULTS("current results");

        private final String label;

        Subset(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /**
     * The current query placed into the map: where, what, its hits among the mapped points (the best images and
     * the best captions by cosine) and every point's cosine to it.
     */
    public record PlacedQuery(double x, double y, String label, int[] hits, float[] scores) {
    }

    private static final int RAYS = 10;

    private final BackgroundJobs jobs;
    private final BackgroundJobs.Lane placements;
    private final ReadOnlyObjectProperty<OpenDataset> dataset;
    private final ReadOnlyObjectProperty<QueryService> searcher;
    private final QueryViewModel query;
    private final GalleryViewModel gallery;
    private final DetailsViewModel details;
    private final MapCache cache;

    private final ObjectProperty<MapMethod> method = new SimpleObjectProperty<>(MapMethod.BH_TSNE);
    private final DoubleProperty perplexity = new SimpleDoubleProperty(30);
    private final IntegerProperty iterations = new SimpleIntegerProperty(1000);
    private final DoubleProperty learningRate = new SimpleDoubleProperty(200);
    private final IntegerProperty seed = new SimpleIntegerProperty(42);
    private final ObjectProperty<Modality> modality = new SimpleObjectProperty<>(Modality.BOTH);
    private final ObjectProperty<Subset> subset = new SimpleObjectProperty<>(Subset.TEST);
    private final ObjectProperty<ColourBy> colourBy = new SimpleObjectProperty<>(ColourBy.CATEGORY);
    private final BooleanProperty links = new SimpleBooleanProperty(false);

    private final ReadOnlyObjectWrapper<MapPoints> points = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<MapLayout> layout = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper finished = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper("open the Map tab to lay out the embeddings");
    private final ReadOnlyStringWrapper gap = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper advice = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Legend> legend = new ReadOnlyObjectWrapper<>();
    private final ObservableSet<Integer> hidden = FXCollections.observableSet(new HashSet<>());
    private final ReadOnlyObjectWrapper<int[]> selection = new ReadOnlyObjectWrapper<>(new int[0]);
    private final ReadOnlyObjectWrapper<PlacedQuery> placed = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper selectionNote = new ReadOnlyStringWrapper("");
    private boolean opened;
    private Task<?> running;
    private long generation;
    private String[] groups;

    MapViewModel(BackgroundJobs jobs, ReadOnlyObjectProperty<OpenDataset> dataset, ReadOnlyObjectProperty<QueryService> searcher,
                 QueryViewModel query, GalleryViewModel gallery, DetailsViewModel details, Path cacheDir) {
        this.jobs = jobs;
        this.placements = jobs.lane();
        this.dataset = dataset;
        this.searcher = searcher;
        this.query = query;
        this.gallery = gallery;
        this.details = details;
        this.cache = new MapCache(cacheDir);
        searcher.addListener((obs, old, s) -> {
            if (opened) {
                compute();
            }
        });
        method.addListener((obs, old, m) -> recomputeIfOpen());
        modality.addListener((obs, old, m) -> recomputeIfOpen());
        subset.addListener((obs, old, m) -> recomputeIfOpen());
        colourBy.addListener((obs, old, c) -> recolour());
        query.answerProperty().addListener((obs, old, a) -> place());
    }

    /** The Map tab was shown: lays out the default map the first time. */
    public void open() {
        if (!opened) {
            opened = true;
            compute();
        }
    }

    private void recomputeIfOpen() {
        if (opened) {
            compute();
        }
    }

    /**
     * Lays out the chosen subset with the chosen method (reusing a cached layout for the same model, data, points,
     * method, parameters and seed); a layout still being computed is cancelled first. Exact t-SNE above its limit
     * is not started: {@link #adviceProperty()} then says why and what to choose instead.
     */
    public void compute() {
        opened = true;
        cancelRunning();
        OpenDataset open = dataset.get();
        QueryService s = searcher.get();
        advice.set("");
        if (open == null || s == null) {
            note.set(open == null ? "no dataset is open" : "the map needs a model's embeddings: " + ExplorerViewModel.NO_MODEL);
            return;
        }
        MapParams params;
        MapPoints mapped;
        int[] rows;
        try {
            params = new MapParams(method.get(), perplexity.get(), iterations.get(), learningRate.get(), seed.get(), 0.5, 15);
            rows = imageRows(open.dataset(), s.store());
            mapped = MapPoints.of(s.store(), rows, modality.get(), subset.get().toString());
        } catch (InputException e) {
            note.set(e.getMessage());
            return;
        }
        if (params.method() == MapMethod.TSNE && Projector.exactRefusal(mapped.size()) != null) {
            advice.set(Projector.exactRefusal(mapped.size()));
            note.set("nothing mapped: " + mapped.summary() + " is too many for exact t-SNE");
            return;
        }
        long mine = ++generation;
        points.set(mapped);
        layout.set(null);
        finished.set(false);
        placed.set(null);
        clearSelection();
        hidden.clear();
        recolour();
        note.set("mapping " + mapped.summary() + " with " + params.describe() + "…");
        EmbeddingStore store = s.store();
        String key = MapCache.key(store.modelHash(), store.datasetHash(), mapped, params);
        AtomicReference<double[][]> pendingFrame = new AtomicReference<>();
        Projector.Frames frames = (xy, it, total) -> {
            if (pendingFrame.getAndSet(xy) == null) {
                Platform.runLater(() -> {
                    double[][] frame = pendingFrame.getAndSet(null);
                    if (frame != null && mine == generation && !finished.get()) {
                        layout.set(MapLayout.of(frame, String.format(Locale.ROOT, "%s: iteration %,d of %,d…",
                                params.method().label(), it, total)));
                    }
                });
            }
        };
        String title = String.format(Locale.ROOT, "Map (%s, %,d points)", params.method().label(), mapped.size());
        running = jobs.run(title, p -> {
            long t0 = System.nanoTime();
            MapCache.Result r = cache.getOrCompute(key, mapped, params, p, frames);
            String readout = ModalityGap.of(store, rows).describe();
            return new Object[]{r, readout, (System.nanoTime() - t0) / 1e9};
        }, result -> {
            if (mine != generation) {
                return;
            }
            MapCache.Result r = (MapCache.Result) result[0];
            gap.set((String) result[1]);
            note.set(r.layout().note() + String.format(Locale.ROOT, " · %s",
                    r.cached() ? "reopened from the cache" : String.format(Locale.ROOT, "computed in %.1f s", (double) result[2])));
            // final before the layout is set, so that the last frame is drawn as final (thumbnails allowed)
            finished.set(true);
            layout.set(r.layout());
            place();
        }, error -> {
            if (mine == generation) {
                note.set("map not finished: " + (error instanceof java.util.concurrent.CancellationException
                        ? "cancelled" : BackgroundJobs.describe(error)));
            }
        });
    }

    private void cancelRunning() {
        if (running != null && !running.isDone()) {
            running.cancel();
        }
        running = null;
    }

    /** Rows of the store's images for the chosen subset. */
    private int[] imageRows(Dataset d, EmbeddingStore store) {
        List<Long> ids = switch (subset.get()) {
            case TEST -> d.images(Split.TEST).stream().map(CocoImage::id).toList();
            case TRAIN -> d.images(Split.TRAIN).stream().map(CocoImage::id).toList();
            case ALL -> d.images().stream().map(CocoImage::id).toList();
            case GALLERY -> gallery.items().stream().map(CocoImage::id).toList();
            case RESULTS -> {
                if (query.images().isEmpty()) {
                    throw new InputException("no current results to map: run a query first, or choose another set");
                }
                yield query.images().stream().map(r -> r.image().id()).toList();
            }
        };
        return ids.stream().mapToInt(store.images()::rowOf).filter(r -> r >= 0).toArray();
    }

    private void recolour() {
        MapPoints p = points.get();
        OpenDataset open = dataset.get();
        hidden.clear();
        if (p == null || open == null || colourBy.get() == ColourBy.SCORE) {
            groups = null;
            legend.set(null);
            return;
        }
        groups = colourBy.get().groups(p, open.dataset());
        legend.set(Legend.of(groups));
    }

    /** Places the answered query into the finished layout, with its own vector, and rays to its hits. */
    private void place() {
        MapPoints p = points.get();
        MapLayout l = layout.get();
        Answer answer = query.answerProperty().get();
        if (p == null || l == null || !finished.get() || answer == null) {
            placed.set(null);
            return;
        }
        placements.submit(w -> {
            float[] q = answer.vector();
            QueryPlacement.Placement at = QueryPlacement.place(q, p.vectors(), l, QueryPlacement.DEFAULT_K);
            float[] scores = TopK.scores(p.vectors(), q);
            return new PlacedQuery(at.x(), at.y(), answer.query().label(), topHits(p, scores), scores);
        }, pq -> {
            if (points.get() == p && layout.get() == l) {
                placed.set(pq);
            }
        }, error -> placed.set(null));
    }

    /** The best {@link #RAYS} image points and the best {@link #RAYS} caption points of the map for the query. */
    private static int[] topHits(MapPoints p, float[] scores) {
        List<Integer> hits = new ArrayList<>();
        for (MapPoints.Kind kind : MapPoints.Kind.values()) {
            IntStream.range(0, p.size()).filter(i -> p.kind(i) == kind).boxed()
                    .sorted((a, b) -> Float.compare(scores[b], scores[a])).limit(RAYS).forEach(hits::add);
        }
        return hits.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Selects the image of a point (itself, or the image of a caption) in the details pane and the gallery. */
    public void select(int point) {
        MapPoints p = points.get();
        OpenDataset open = dataset.get();
        if (p != null && open != null && point >= 0 && point < p.size()) {
            details.selectedProperty().set(open.dataset().image(p.imageId(point)));
        }
    }

    /** Selects the points inside the lasso (map coordinates) and narrows the gallery to their images. */
    public void lasso(double[] xs, double[] ys) {
        MapLayout l = layout.get();
        MapPoints p = points.get();
        if (l == null || p == null) {
            return;
        }
        int[] inside = Arrays.stream(new Lasso(xs, ys).select(l)).filter(this::visible).toArray();
        selection.set(inside);
        if (inside.length == 0) {
            gallery.pickedProperty().set(null);
            selectionNote.set("");
            return;
        }
        Set<Long> images = new HashSet<>();
        for (int i : inside) {
            images.add(p.imageId(i));
        }
        gallery.pickedProperty().set(images);
        selectionNote.set(String.format(Locale.ROOT, "lasso: %,d points (%,d images) · the gallery shows their images",
                inside.length, images.size()));
    }

    public void clearSelection() {
        selection.set(new int[0]);
        selectionNote.set("");
        gallery.pickedProperty().set(null);
    }

    /** True unless the point's legend group is switched off. */
    public boolean visible(int point) {
        Legend l = legend.get();
        return l == null || !hidden.contains(l.groupOfPoint()[point]);
    }

    /** Shows or hides a legend group. */
    public void toggleGroup(int group) {
        if (!hidden.remove(group)) {
            hidden.add(group);
        }
    }

    /** The colour (#rrggbb) of a point under the current scheme. */
    public String colour(int point) {
        Legend l = legend.get();
        if (l != null) {
            return l.colourOf(point);
        }
        PlacedQuery q = placed.get();
        if (colourBy.get() == ColourBy.SCORE && q != null) {
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (float v : q.scores()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            return ColourBy.ramp(max > min ? (q.scores()[point] - min) / (max - min) : 0.5);
        }
        return "#888888";
    }

    /** Writes the coordinates (with the colour group of each point) as CSV. */
    public void exportCsv(Path file) {
        MapExport.writeCsv(file, requirePoints(), requireLayout(), groups);
    }

    /** Writes the map as drawn (colours, hidden groups, links, placed query, legend) as SVG. */
    public void exportSvg(Path file) {
        MapPoints p = requirePoints();
        MapLayout l = requireLayout();
        String[] colours = IntStream.range(0, p.size()).mapToObj(this::colour).toArray(String[]::new);
        boolean[] shown = new boolean[p.size()];
        for (int i = 0; i < shown.length; i++) {
            shown[i] = visible(i);
        }
        PlacedQuery q = placed.get();
        MapExport.writeSvg(file, p, l, colours, shown, links.get(), legend.get() == null ? List.of() : legend.get().entries(),
                dataset.get().dataset().name() + " · coloured by " + colourBy.get(),
                q == null ? null : new MapExport.QueryMark(q.x(), q.y(), q.label(), q.hits()));
    }

    /** Writes the lasso selection as a COCO captions subset. */
    public void exportSelectionJson(Path file) {
        MapExport.writeSelectionJson(file, dataset.get().dataset(), requirePoints(), requireSelection());
    }

    /** Writes the lasso selection as CSV. */
    public void exportSelectionCsv(Path file) {
        MapExport.writeSelectionCsv(file, dataset.get().dataset(), requirePoints(), requireLayout(), requireSelection());
    }

    private MapPoints requirePoints() {
        if (points.get() == null || layout.get() == null) {
            throw new InputException("there is no map yet; open the Map tab and wait for the layout");
        }
        return points.get();
    }

    private MapLayout requireLayout() {
        requirePoints();
        return layout.get();
    }

    private int[] requireSelection() {
        if (selection.get().length == 0) {
            throw new InputException("nothing is selected: draw a lasso around points first (Shift+drag)");
        }
        return selection.get();
    }

    public ObjectProperty<MapMethod> methodProperty() {
        return method;
    }

    public DoubleProperty perplexityProperty() {
        return perplexity;
    }

    public IntegerProperty iterationsProperty() {
        return iterations;
    }

    public DoubleProperty learningRateProperty() {
        return learningRate;
    }

    public IntegerProperty seedProperty() {
        return seed;
    }

    public ObjectProperty<Modality> modalityProperty() {
        return modality;
    }

    public ObjectProperty<Subset> subsetProperty() {
        return subset;
    }

    public ObjectProperty<ColourBy> colourByProperty() {
        return colourBy;
    }

    public BooleanProperty linksProperty() {
        return links;
    }

    public ReadOnlyObjectProperty<MapPoints> pointsProperty() {
        return points.getReadOnlyProperty();
    }

    /** The layout shown: intermediate frames while t-SNE iterates, then the final one. */
    public ReadOnlyObjectProperty<MapLayout> layoutProperty() {
        return layout.getReadOnlyProperty();
    }

    /** True once the layout is final. */
    public ReadOnlyBooleanProperty finishedProperty() {
        return finished.getReadOnlyProperty();
    }

    /** What was mapped and how (or why not). */
    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty gapProperty() {
        return gap.getReadOnlyProperty();
    }

    /** Non-empty when the chosen method does not suit the number of points: what to choose instead. */
    public ReadOnlyStringProperty adviceProperty() {
        return advice.getReadOnlyProperty();
    }

    /** The legend of a categorical colouring; null for score colouring. */
    public ReadOnlyObjectProperty<Legend> legendProperty() {
        return legend.getReadOnlyProperty();
    }

    /** Legend groups switched off. */
    public ObservableSet<Integer> hiddenGroups() {
        return hidden;
    }

    public ReadOnlyObjectProperty<int[]> selectionProperty() {
        return selection.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty selectionNoteProperty() {
        return selectionNote.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<PlacedQuery> placedProperty() {
        return placed.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<OpenDataset> datasetProperty() {
        return dataset;
    }

    public DetailsViewModel details() {
        return details;
    }
}
