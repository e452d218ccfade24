package org.dualpath.app.viewmodel;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.dualpath.data.CocoImage;

import java.util.Set;

/**
 * What the explorer's panes share, owned by {@link ExplorerViewModel}: the image in focus (shown in the details
 * pane, marked in the gallery and on the map) and the images picked on the map with the lasso (the gallery shows
 * only those). Panes read and write it here instead of writing into each other's view-models.
 */
public final class Selection {
    private final ObjectProperty<CocoImage> focused = new SimpleObjectProperty<>();
    private final ObjectProperty<Set<Long>> picked = new SimpleObjectProperty<>();

    /** The image in focus; null for none. */
    public ObjectProperty<CocoImage> focusedProperty() {
        return focused;
    }

    /** Image ids picked on the map; null for no such restriction. */
    public ObjectProperty<Set<Long>> pickedProperty() {
        return picked;
    }
}
