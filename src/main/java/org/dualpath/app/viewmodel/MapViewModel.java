package org.dualpath.app.viewmodel;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.Observable;
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
import org.dualpath.projection.MapRegions;
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
 * The embedding map's layout and drawing state: the points mapped and their layout (updated frame by frame while
 * t-SNE iterates, cached on disk), the colouring and legend, the regions labelled by their captions (a job of
 * their own once the layout is final) and the modality-gap readout. Its parts each do one
 * job: {@link MapSettings} (what and how), {@link MapLassoSelection} (lasso), {@link MapPlacement} (the answered
 * query placed with its own vector) and {@link MapExports} (files). Clicking a point focuses its image in the
 * explorer's shared {@link Selection}; clicking a region's label selects its points as the lasso does.
 */
public final class MapViewModel implements MapDisplay {
    /** What a finished layout job gives: the layout (from the cache or computed), the gap readout and its time. */
    private record LayoutResult(MapCache.Result layout, String gap, double seconds) {
    }

    private final BackgroundJobs jobs;
    private final ReadOnlyObjectProperty<OpenDataset> dataset;
    private final ReadOnlyObjectProperty<QueryService> searcher;
    private final QueryViewModel query;
    private final GalleryViewModel gallery;
    private final Selection selection;
    private final MapCache cache;
    private final MapSettings settings = new MapSettings();
    private final MapLassoSelection lasso;
    private final MapPlacement placement;
    private final MapExports exports = new MapExports(this);

    private final ReadOnlyObjectWrapper<MapPoints> points = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<MapLayout> layout = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper finished = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper("open the Map tab to lay out the embeddings");
    private final ReadOnlyStringWrapper gap = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper advice = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Legend> legend = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<MapRegions> regions = new ReadOnlyObjectWrapper<>();
    private final ObservableSet<Integer> hidden = FXCollections.observableSet(new HashSet<>());
    private final ReadOnlyIntegerWrapper hovered = new ReadOnlyIntegerWrapper(-1);
    private boolean opened;
    private Task<?> running;
    private long generation;
    private String[] groups;

    MapViewModel(BackgroundJobs jobs, ReadOnlyObjectProperty<OpenDataset> dataset, ReadOnlyObjectProperty<QueryService> searcher,
                 QueryViewModel query, GalleryViewModel gallery, Selection selection, Path cacheDir) {
        this.jobs = jobs;
        this.dataset = dataset;
        this.searcher = searcher;
        this.query = query;
        this.gallery = gallery;
        this.selection = selection;
        this.cache = new MapCache(cacheDir);
        this.lasso = new MapLassoSelection(selection);
        this.placement = new MapPlacement(jobs);
        searcher.addListener((obs, old, s) -> {
            if (opened) {
                compute();
            }
        });
        settings.methodProperty().addListener((obs, old, m) -> recomputeIfOpen());
        settings.modalityProperty().addListener((obs, old, m) -> recomputeIfOpen());
        settings.subsetProperty().addListener((obs, old, m) -> recomputeIfOpen());
        settings.colourByProperty().addListener((obs, old, c) -> recolour());
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
            params = settings.params();
            rows = imageRows(open.dataset(), s.store());
            mapped = MapPoints.of(s.store(), rows, settings.modalityProperty().get(), settings.subsetProperty().get().described());
        } catch (InputException e) {
            note.set(e.getMessage());
            return;
        }
        String refusal = Projector.refusal(params.method(), mapped.size());
        if (refusal != null) {
            advice.set(refusal);
            note.set("nothing mapped: " + mapped.summary() + " is too many for " + params.method().label());
            return;
        }
        long mine = ++generation;
        points.set(mapped);
        layout.set(null);
        finished.set(false);
        regions.set(null);
        place();
        lasso.clear();
        hidden.clear();
        recolour();
        note.set("mapping " + mapped.summary() + " with " + params.describe() + "…");
        EmbeddingStore store = s.store();
        String key = MapCache.key(store.modelHash(), store.datasetHash(), mapped, params);
        AtomicReference<double[][]> pendingFrame = new AtomicReference<>();
        Projector.Frames frames = (xy, it, total) -> {
            if (pendingFrame.getAndSet(xy) == null) {
                jobs.deliver(() -> {
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
            return new LayoutResult(r, ModalityGap.of(store, rows).describe(), (System.nanoTime() - t0) / 1e9);
        }, result -> {
            if (mine != generation) {
                return;
            }
            MapCache.Result r = result.layout();
            gap.set(result.gap());
            note.set(r.layout().note() + String.format(Locale.ROOT, " · %s",
                    r.cached() ? "reopened from the cache" : String.format(Locale.ROOT, "computed in %.1f s", result.seconds())));
            // final before the layout is set, so that the last frame is drawn as final (thumbnails allowed)
            finished.set(true);
            layout.set(r.layout());
            place();
            label(mine, mapped, r.layout(), open.dataset());
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
        return imageIds(settings.subsetProperty().get(), d, gallery, query).stream().mapToInt(store.images()::rowOf)
                .filter(r -> r >= 0).toArray();
    }

    /** The ids of the images {@code subset} names, in the order the map takes them. */
    static List<Long> imageIds(MapSettings.Subset subset, Dataset d, GalleryViewModel gallery, QueryViewModel query) {
        return switch (subset) {
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
    }

    private void recolour() {
        MapPoints p = points.get();
        OpenDataset open = dataset.get();
        hidden.clear();
        if (p == null || open == null || settings.colourByProperty().get() == ColourBy.SCORE) {
            groups = null;
            legend.set(null);
            return;
        }
        groups = settings.colourByProperty().get().groups(p, open.dataset());
        legend.set(Legend.of(groups));
    }

    /**
     * Clusters the final layout and labels its regions from the captions, as a job of its own (seconds at 100,000
     * points: never on the query thread); a newer map cancels it.
     */
    private void label(long mine, MapPoints p, MapLayout l, Dataset d) {
        running = jobs.run("Labelling the map's regions", w -> MapRegions.of(p, l, d), r -> {
            if (mine == generation) {
                regions.set(r);
            }
        });
    }

    /** Places the answered query into the finished layout, with its own vector. */
    private void place() {
        MapPoints p = points.get();
        MapLayout l = layout.get();
        placement.place(query.answerProperty().get(), p, l, finished.get(), () -> points.get() == p && layout.get() == l);
    }

    /** Focuses the image of a point (itself, or the image of a caption) in the explorer's shared selection. */
    @Override
    public void select(int point) {
        MapPoints p = points.get();
        OpenDataset open = dataset.get();
        if (p != null && open != null && point >= 0 && point < p.size()) {
            selection.focusedProperty().set(open.dataset().image(p.imageId(point)));
        }
    }

    /** Selects the visible points inside the lasso (map coordinates); the gallery then shows only their images. */
    @Override
    public void lasso(double[] xs, double[] ys) {
        if (layout.get() != null && points.get() != null) {
            lasso.lasso(xs, ys, points.get(), layout.get(), this::visible);
        }
    }

    /** Selects the visible points of a region (a click on its label); the gallery then shows only their images. */
    @Override
    public void selectRegion(MapRegions.Region region) {
        if (points.get() != null) {
            lasso.region(region, points.get(), this::visible);
        }
    }

    @Override
    public MapRegions regions() {
        return regions.get();
    }

    /** The regions of the final layout labelled by their captions; null until they are computed. */
    public ReadOnlyObjectProperty<MapRegions> regionsProperty() {
        return regions.getReadOnlyProperty();
    }

    @Override
    public boolean labels() {
        return settings.labelsProperty().get();
    }

    @Override
    public void hover(int point) {
        hovered.set(point);
    }

    /** True unless the point's legend group is switched off. */
    @Override
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
    @Override
    public String colour(int point) {
        Legend l = legend.get();
        if (l != null) {
            return l.colourOf(point);
        }
        MapPlacement.PlacedQuery q = placement.placedProperty().get();
        if (settings.colourByProperty().get() == ColourBy.SCORE && q != null) {
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

    /** The image in focus in the explorer's shared selection (the map rings its points). */
    @Override
    public ReadOnlyObjectProperty<CocoImage> focusedProperty() {
        return selection.focusedProperty();
    }

    /** The lasso's points. */
    @Override
    public ReadOnlyObjectProperty<int[]> selectedPointsProperty() {
        return lasso.pointsProperty();
    }

    @Override
    public ReadOnlyIntegerProperty hoveredPointProperty() {
        return hovered.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyObjectProperty<MapPlacement.PlacedQuery> placedProperty() {
        return placement.placedProperty();
    }

    @Override
    public boolean links() {
        return settings.linksProperty().get();
    }

    @Override
    public List<Observable> redrawTriggers() {
        return List.of(legend, hidden, settings.linksProperty(), settings.colourByProperty(), regions,
                settings.labelsProperty());
    }

    /** The colour groups of the points under the current categorical scheme; null for score colouring. */
    String[] groups() {
        return groups;
    }

    public MapSettings settings() {
        return settings;
    }

    public MapLassoSelection lassoSelection() {
        return lasso;
    }

    public MapPlacement placement() {
        return placement;
    }

    public MapExports exports() {
        return exports;
    }

    @Override
    public ReadOnlyObjectProperty<MapPoints> pointsProperty() {
        return points.getReadOnlyProperty();
    }

    /** The layout shown: intermediate frames while t-SNE iterates, then the final one. */
    @Override
    public ReadOnlyObjectProperty<MapLayout> layoutProperty() {
        return layout.getReadOnlyProperty();
    }

    /** True once the layout is final. */
    @Override
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

    @Override
    public ReadOnlyObjectProperty<OpenDataset> datasetProperty() {
        return dataset;
    }
}
