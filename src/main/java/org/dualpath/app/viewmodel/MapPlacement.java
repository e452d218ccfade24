package org.dualpath.app.viewmodel;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.dualpath.projection.MapLayout;
import org.dualpath.projection.MapPoints;
import org.dualpath.projection.QueryPlacement;
import org.dualpath.search.Answer;
import org.dualpath.vector.TopK;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/**
 * The answered query placed into a finished map with the answer's own vector (no second embedding): where, its
 * label, its hits among the mapped points (the best images and the best captions by cosine) and every point's
 * cosine to it.
 */
public final class MapPlacement {
    /** A placed query: map coordinates, label, hit points and the cosine of every point. */
    public record PlacedQuery(double x, double y, String label, int[] hits, float[] scores) {
    }

    private static final int RAYS = 10;

    private final BackgroundJobs.Lane lane;
    private final ReadOnlyObjectWrapper<PlacedQuery> placed = new ReadOnlyObjectWrapper<>();

    MapPlacement(BackgroundJobs jobs) {
        this.lane = jobs.lane();
    }

    /**
     * Places {@code answer} into the layout of {@code points} when it is final; {@code stillCurrent} tells, when
     * the placement is done, whether that map is still the one shown.
     */
    void place(Answer answer, MapPoints points, MapLayout layout, boolean finished, BooleanSupplier stillCurrent) {
        if (answer == null || points == null || layout == null || !finished) {
            lane.discard();
            placed.set(null);
            return;
        }
        lane.submit(w -> {
            float[] q = answer.vector();
            QueryPlacement.Placement at = QueryPlacement.place(q, points.vectors(), layout, QueryPlacement.DEFAULT_K);
            float[] scores = TopK.scores(points.vectors(), q);
            return new PlacedQuery(at.x(), at.y(), answer.query().label(), topHits(points, scores), scores);
        }, pq -> placed.set(stillCurrent.getAsBoolean() ? pq : null), error -> placed.set(null));
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

    public ReadOnlyObjectProperty<PlacedQuery> placedProperty() {
        return placed.getReadOnlyProperty();
    }
}
