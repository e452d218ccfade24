package org.dualpath.app.viewmodel;

import javafx.beans.Observable;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import org.dualpath.data.CocoImage;
import org.dualpath.projection.MapLayout;
import org.dualpath.projection.MapPoints;
import org.dualpath.projection.MapRegions;

import java.util.List;

/**
 * What the map canvas draws and where its gestures go: the Map tab's map ({@link MapViewModel}) and each of the
 * Compare tab's two ({@link CompareMapsViewModel}).
 */
public interface MapDisplay {
    ReadOnlyObjectProperty<MapPoints> pointsProperty();

    /** The layout shown: intermediate frames while t-SNE iterates, then the final one. */
    ReadOnlyObjectProperty<MapLayout> layoutProperty();

    /** True once the layout is final (thumbnails are drawn only then). */
    ReadOnlyBooleanProperty finishedProperty();

    ReadOnlyObjectProperty<OpenDataset> datasetProperty();

    /** The image ringed as the one in focus; null for none. */
    ReadOnlyObjectProperty<CocoImage> focusedProperty();

    /** The points drawn as selected (indices into the points). */
    ReadOnlyObjectProperty<int[]> selectedPointsProperty();

    /** The point marked as hovered, -1 for none. */
    ReadOnlyIntegerProperty hoveredPointProperty();

    /** The query placed into the map; null for none. */
    ReadOnlyObjectProperty<MapPlacement.PlacedQuery> placedProperty();

    /** Whether lines join each caption point to its image point. */
    boolean links();

    /** What else changes the drawing (colouring, legend, hidden groups...). */
    List<Observable> redrawTriggers();

    /** True unless the point is hidden. */
    boolean visible(int point);

    /** The colour (#rrggbb) of a point. */
    String colour(int point);

    /** A lasso drawn around points (map coordinates). */
    void lasso(double[] xs, double[] ys);

    /** A click on a point. */
    void select(int point);

    /** The pointer is over a point (-1: over none). */
    void hover(int point);

    /** The map's regions labelled by their captions; null while there are none (or where a map has none). */
    default MapRegions regions() {
        return null;
    }

    /** Whether the region labels are drawn. */
    default boolean labels() {
        return false;
    }

    /** A click on a region's label. */
    default void selectRegion(MapRegions.Region region) {
    }
}
