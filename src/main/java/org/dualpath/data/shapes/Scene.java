package org.dualpath.data.shapes;

import java.awt.Color;
import java.util.List;

/** What a shapes image shows (and its captions describe): 1-3 objects of distinct kinds on a background. */
public record Scene(List<SceneObject> objects, BackgroundStyle background, Color backgroundColor) {
}
