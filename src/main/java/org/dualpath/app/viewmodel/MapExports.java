package org.dualpath.app.viewmodel;

import org.dualpath.common.InputException;
import org.dualpath.projection.MapExport;
import org.dualpath.projection.MapLayout;
import org.dualpath.projection.MapPoints;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/** The Map tab's files: the layout as CSV or as drawn (SVG), and the lasso selection as COCO JSON or CSV. */
public final class MapExports {
    private final MapViewModel map;

    MapExports(MapViewModel map) {
        this.map = map;
    }

    /** Writes the coordinates (with the colour group and the regions of each point, once labelled) as CSV. */
    public void csv(Path file) {
        MapExport.writeCsv(file, requirePoints(), requireLayout(), map.groups(), map.regionsProperty().get());
    }

    /** Writes the map as drawn (colours, hidden groups, links, placed query, legend, region labels) as SVG. */
    public void svg(Path file) {
        MapPoints p = requirePoints();
        MapLayout l = requireLayout();
        String[] colours = IntStream.range(0, p.size()).mapToObj(map::colour).toArray(String[]::new);
        boolean[] shown = new boolean[p.size()];
        for (int i = 0; i < shown.length; i++) {
            shown[i] = map.visible(i);
        }
        MapPlacement.PlacedQuery q = map.placement().placedProperty().get();
        MapSettings settings = map.settings();
        MapExport.writeSvg(file, p, l, colours, shown, settings.linksProperty().get(),
                map.legendProperty().get() == null ? List.of() : map.legendProperty().get().entries(),
                map.datasetProperty().get().dataset().name() + " · coloured by " + settings.colourByProperty().get(),
                q == null ? null : new MapExport.QueryMark(q.x(), q.y(), q.label(), q.hits()),
                map.labels() ? map.regionsProperty().get() : null);
    }

    /** Writes the lasso selection as a COCO captions subset. */
    public void selectionJson(Path file) {
        MapExport.writeSelectionJson(file, map.datasetProperty().get().dataset(), requirePoints(), requireSelection());
    }

    /** Writes the lasso selection as CSV. */
    public void selectionCsv(Path file) {
        MapExport.writeSelectionCsv(file, map.datasetProperty().get().dataset(), requirePoints(), requireLayout(),
                requireSelection());
    }

    private MapPoints requirePoints() {
        if (map.pointsProperty().get() == null || map.layoutProperty().get() == null) {
            throw new InputException("there is no map yet; open the Map tab and wait for the layout");
        }
        return map.pointsProperty().get();
    }

    private MapLayout requireLayout() {
        requirePoints();
        return map.layoutProperty().get();
    }

    private int[] requireSelection() {
        int[] selected = map.lassoSelection().pointsProperty().get();
        if (selected.length == 0) {
            throw new InputException("nothing is selected: draw a lasso around points first (Shift+drag)");
        }
        return selected;
    }
}
