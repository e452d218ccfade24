package org.dualpath.app.viewmodel;

import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.concurrent.Task;
import org.dualpath.common.InputException;
import org.dualpath.data.CocoImage;
import org.dualpath.projection.ColourBy;
import org.dualpath.projection.ComparedMaps;
import org.dualpath.projection.Lasso;
import org.dualpath.projection.Legend;
import org.dualpath.projection.MapCache;
import org.dualpath.projection.MapLayout;
import org.dualpath.projection.MapParams;
import org.dualpath.projection.MapPoints;
import org.dualpath.projection.Projector;
import org.dualpath.search.QueryService;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Compare tab's two maps of the same items, model A's laid out as the Map tab does and model B's started from
 * it and aligned to it ({@link ComparedMaps}), in the background with frames, progress and cancel. Selection and
 * hover are of items (an image or a caption by id), not of points, so that they show in both maps: a lasso or a
 * click in one selects the items in both, a hovered point marks its item in the other.
 */
public final class CompareMapsViewModel {
    /** One mapped item: an image or a caption, by id. */
    public record Item(MapPoints.Kind kind, long id) {
        static Item of(MapPoints p, int point) {
            return new Item(p.kind(point), p.id(point));
        }

        int pointIn(MapPoints p) {
            return kind == MapPoints.Kind.IMAGE ? p.imagePoint(id) : p.captionPoint(id);
        }
    }

    private final BackgroundJobs jobs;
    private final ReadOnlyObjectProperty<OpenDataset> dataset;
    private final ReadOnlyObjectProperty<QueryService> searcherA;
    private final ReadOnlyObjectProperty<QueryService> searcherB;
    private final GalleryViewModel gallery;
    private final QueryViewModel query;
    private final MapCache cache;
    private final MapSettings settings = new MapSettings();
    private final ObjectProperty<Set<Item>> selected = new SimpleObjectProperty<>(Set.of());
    private final ObjectProperty<Item> hovered = new SimpleObjectProperty<>();
    // after the shared items: each side listens to them
    private final Side a = new Side();
    private final Side b = new Side();
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper("compare first, then lay out both maps (▶)");
    private final ReadOnlyStringWrapper selectionNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private Task<?> job;
    private long generation;

    CompareMapsViewModel(BackgroundJobs jobs, ReadOnlyObjectProperty<OpenDataset> dataset,
                         ReadOnlyObjectProperty<QueryService> searcherA, ReadOnlyObjectProperty<QueryService> searcherB,
                         GalleryViewModel gallery, QueryViewModel query, Path cacheDir) {
        this.jobs = jobs;
        this.dataset = dataset;
        this.searcherA = searcherA;
        this.searcherB = searcherB;
        this.gallery = gallery;
        this.query = query;
        this.cache = new MapCache(cacheDir);
        settings.modalityProperty().set(org.dualpath.projection.Modality.IMAGES);
        searcherA.addListener((obs, old, s) -> clear("model A changed: lay out the maps again (▶)"));
        searcherB.addListener((obs, old, s) -> clear("compare first, then lay out both maps (▶)"));
        settings.colourByProperty().addListener((obs, old, c) -> {
            a.recolour();
            b.recolour();
        });
    }

    private void clear(String why) {
        cancelRunning();
        generation++;
        a.show(null, null, false);
        b.show(null, null, false);
        selected.set(Set.of());
        hovered.set(null);
        selectionNote.set("");
        note.set(why);
    }

    /** Lays out both maps of the chosen images with the chosen method: A's (or A's cached), then B's aligned to it. */
    public void compute() {
        QueryService sa = searcherA.get();
        QueryService sb = searcherB.get();
        OpenDataset open = dataset.get();
        if (sa == null || sb == null || open == null) {
            note.set("both maps need model A and model B: choose model B first");
            return;
        }
        ComparedMaps.Points points;
        MapParams params;
        try {
            params = settings.params();
            MapSettings.Subset subset = settings.subsetProperty().get();
            points = ComparedMaps.of(sa.store(), sb.store(), MapViewModel.imageIds(subset, open.dataset(), gallery, query),
                    settings.modalityProperty().get(), subset.described());
        } catch (InputException e) {
            note.set(e.getMessage());
            return;
        }
        String refusal = Projector.refusal(params.method(), points.a().size());
        if (refusal != null) {
            note.set(refusal);
            return;
        }
        cancelRunning();
        long mine = ++generation;
        a.show(points.a(), null, false);
        b.show(points.b(), null, false);
        selected.set(Set.of());
        hovered.set(null);
        selectionNote.set("");
        running.set(true);
        note.set("mapping " + points.a().summary() + " with " + params.describe() + " for model A, then model B…");
        job = jobs.run(String.format(Locale.ROOT, "Maps of A and B (%s, %,d points)", params.method().label(),
                points.a().size()), p -> ComparedMaps.layout(points, params, cache, p, frames(a, mine), frames(b, mine)), r -> {
            running.set(false);
            if (mine == generation) {
                a.show(points.a(), r.a(), true);
                b.show(points.b(), r.b(), true);
                note.set("A: " + r.a().note() + (r.cachedA() ? " (cache)" : "") + "\nB: " + r.b().note()
                        + (r.cachedB() ? " (cache)" : ""));
            }
        }, error -> {
            running.set(false);
            if (mine == generation) {
                note.set("maps not finished: " + BackgroundJobs.whyNotFinished(error));
            }
        });
    }

    /** Shows a side's intermediate layouts, at most one waiting for the JavaFX thread at a time. */
    private Projector.Frames frames(Side side, long mine) {
        AtomicReference<double[][]> pending = new AtomicReference<>();
        return (xy, it, total) -> {
            if (pending.getAndSet(xy) == null) {
                jobs.deliver(() -> {
                    double[][] frame = pending.getAndSet(null);
                    if (frame != null && mine == generation && !side.finished.get()) {
                        side.layout.set(MapLayout.of(frame, ""));
                    }
                });
            }
        };
    }

    private void cancelRunning() {
        if (job != null && !job.isDone()) {
            job.cancel();
        }
        job = null;
        running.set(false);
    }

    /** Cancels the maps being laid out. */
    public void cancel() {
        cancelRunning();
    }

    private void selectItems(Set<Item> items, String where) {
        selected.set(Set.copyOf(items));
        selectionNote.set(items.isEmpty() ? "" : String.format(Locale.ROOT,
                "%,d items selected in %s, ringed in both maps", items.size(), where));
    }

    /** Forgets the selection in both maps. */
    public void clearSelection() {
        selectItems(Set.of(), "");
    }

    public MapSettings settings() {
        return settings;
    }

    /** Model A's map. */
    public MapDisplay a() {
        return a;
    }

    /** Model B's map (aligned to A's). */
    public MapDisplay b() {
        return b;
    }

    /** The selected items, ringed in both maps. */
    public ReadOnlyObjectProperty<Set<Item>> selectedProperty() {
        return selected;
    }

    /** The item under the pointer in either map; null for none. */
    public ReadOnlyObjectProperty<Item> hoveredProperty() {
        return hovered;
    }

    /** What was mapped and how (both maps), or why not. */
    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty selectionNoteProperty() {
        return selectionNote.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** One of the two maps: its points and layout; its selection and hover follow the shared items. */
    private final class Side implements MapDisplay {
        private final ReadOnlyObjectWrapper<MapPoints> points = new ReadOnlyObjectWrapper<>();
        private final ReadOnlyObjectWrapper<MapLayout> layout = new ReadOnlyObjectWrapper<>();
        private final ReadOnlyBooleanWrapper finished = new ReadOnlyBooleanWrapper(false);
        private final ReadOnlyObjectWrapper<int[]> selectedPoints = new ReadOnlyObjectWrapper<>(new int[0]);
        private final ReadOnlyIntegerWrapper hoveredPoint = new ReadOnlyIntegerWrapper(-1);
        private final ReadOnlyObjectWrapper<Legend> legend = new ReadOnlyObjectWrapper<>();
        private final ReadOnlyObjectWrapper<CocoImage> focused = new ReadOnlyObjectWrapper<>();
        private final ReadOnlyObjectWrapper<MapPlacement.PlacedQuery> placed = new ReadOnlyObjectWrapper<>();

        Side() {
            selected.addListener((obs, old, items) -> follow());
            hovered.addListener((obs, old, item) -> follow());
            points.addListener((obs, old, p) -> follow());
        }

        void show(MapPoints p, MapLayout l, boolean done) {
            finished.set(done);
            if (points.get() != p) {
                points.set(p);
                recolour();
            }
            layout.set(l);
        }

        void recolour() {
            MapPoints p = points.get();
            OpenDataset open = dataset.get();
            ColourBy by = settings.colourByProperty().get();
            legend.set(p == null || open == null || by == ColourBy.SCORE ? null : Legend.of(by.groups(p, open.dataset())));
        }

        /** This map's points of the shared selected and hovered items. */
        private void follow() {
            MapPoints p = points.get();
            if (p == null) {
                selectedPoints.set(new int[0]);
                hoveredPoint.set(-1);
                return;
            }
            selectedPoints.set(selected.get().stream().mapToInt(item -> item.pointIn(p)).filter(i -> i >= 0).sorted().toArray());
            Item h = hovered.get();
            hoveredPoint.set(h == null ? -1 : h.pointIn(p));
        }

        @Override
        public ReadOnlyObjectProperty<MapPoints> pointsProperty() {
            return points.getReadOnlyProperty();
        }

        @Override
        public ReadOnlyObjectProperty<MapLayout> layoutProperty() {
            return layout.getReadOnlyProperty();
        }

        @Override
        public ReadOnlyBooleanProperty finishedProperty() {
            return finished.getReadOnlyProperty();
        }

        @Override
        public ReadOnlyObjectProperty<OpenDataset> datasetProperty() {
            return dataset;
        }

        @Override
        public ReadOnlyObjectProperty<CocoImage> focusedProperty() {
            return focused.getReadOnlyProperty();
        }

        @Override
        public ReadOnlyObjectProperty<int[]> selectedPointsProperty() {
            return selectedPoints.getReadOnlyProperty();
        }

        @Override
        public ReadOnlyIntegerProperty hoveredPointProperty() {
            return hoveredPoint.getReadOnlyProperty();
        }

        @Override
        public ReadOnlyObjectProperty<MapPlacement.PlacedQuery> placedProperty() {
            return placed.getReadOnlyProperty();
        }

        @Override
        public boolean links() {
            return settings.linksProperty().get();
        }

        @Override
        public List<Observable> redrawTriggers() {
            return List.of(legend, settings.linksProperty());
        }

        @Override
        public boolean visible(int point) {
            return true;
        }

        @Override
        public String colour(int point) {
            Legend l = legend.get();
            return l == null ? "#888888" : l.colourOf(point);
        }

        /** Selects the items of the points inside the lasso, in both maps. */
        @Override
        public void lasso(double[] xs, double[] ys) {
            MapPoints p = points.get();
            MapLayout l = layout.get();
            if (p == null || l == null) {
                return;
            }
            Set<Item> items = new HashSet<>();
            for (int i : new Lasso(xs, ys).select(l)) {
                items.add(Item.of(p, i));
            }
            selectItems(items, this == a ? "model A's map" : "model B's map");
        }

        /** Selects the point's item alone, in both maps. */
        @Override
        public void select(int point) {
            MapPoints p = points.get();
            if (p != null && point >= 0 && point < p.size()) {
                selectItems(Set.of(Item.of(p, point)), this == a ? "model A's map" : "model B's map");
            }
        }

        @Override
        public void hover(int point) {
            MapPoints p = points.get();
            hovered.set(p == null || point < 0 || point >= p.size() ? null : Item.of(p, point));
        }
    }
}
