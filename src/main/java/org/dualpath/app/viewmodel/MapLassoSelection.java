package org.dualpath.app.viewmodel;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.dualpath.projection.Lasso;
import org.dualpath.projection.MapLayout;
import org.dualpath.projection.MapPoints;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * The points selected on the map with the lasso; their images become the explorer's picked images (the gallery
 * shows only those) in the shared {@link Selection}.
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
        int[] inside = Arrays.stream(new Lasso(xs, ys).select(layout)).filter(visible).toArray();
        if (inside.length == 0) {
            clear();
            return;
        }
        points.set(inside);
        Set<Long> images = new HashSet<>();
        for (int i : inside) {
            images.add(mapped.imageId(i));
        }
        shared.pickedProperty().set(images);
        note.set(String.format(Locale.ROOT, "lasso: %,d points (%,d images) · the gallery shows their images",
                inside.length, images.size()));
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
