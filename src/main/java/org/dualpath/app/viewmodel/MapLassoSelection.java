package org.dualpath.app.viewmodel;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.dualpath.projection.Lasso;
import org.dualpath.projection.MapLayout;
import org.dualpath.projection.MapPoints;
import org.dualpath.projection.MapRegions;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * The points selected on the map with the lasso or by clicking a region's label; their images become the
 * explorer's picked images (the gallery shows only those) in the shared {@link Selection}.
 */
public final class MapLassoSelection {
    private final Selection shared;
    private final ReadOnlyObjectWrapper<int[]> points = new ReadOnlyObjectWrapper<>(new int[0]);
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper("");

    MapLassoSelection(Selection shared) {
        this.shared = shared;
    }

    /** Selects the {@code visible} points of {@code mapped} inside the lasso (map coordinates of {@code layout}). */
    void lasso(double[] xs, double[] ys, MapPoints mapped, MapLayout layout, IntPredicate visible) {
        pick(Arrays.stream(new Lasso(xs, ys).select(layout)).filter(visible).toArray(), mapped, "lasso");
    }

    /** Selects the {@code visible} points of a region of {@code mapped}, as the lasso would have. */
    void region(MapRegions.Region region, MapPoints mapped, IntPredicate visible) {
        pick(Arrays.stream(region.members()).filter(visible).toArray(), mapped, "region “" + region.label() + "”");
    }

    private void pick(int[] chosen, MapPoints mapped, String how) {
        if (chosen.length == 0) {
            clear();
            return;
        }
        points.set(chosen);
        Set<Long> images = new HashSet<>();
        for (int i : chosen) {
            images.add(mapped.imageId(i));
        }
        shared.pickedProperty().set(images);
        note.set(String.format(Locale.ROOT, "%s: %,d points (%,d images) · the gallery shows their images",
                how, chosen.length, images.size()));
    }

    /** Forgets the selection; the gallery shows all its images again. */
    public void clear() {
        points.set(new int[0]);
        note.set("");
        shared.pickedProperty().set(null);
    }

    /** The selected points (indices into the mapped points). */
    public ReadOnlyObjectProperty<int[]> pointsProperty() {
        return points.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }
}
