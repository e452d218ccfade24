package org.dualpath.projection;

import org.dualpath.data.Dataset;
import org.dualpath.data.ImageCategory;

import java.util.List;
import java.util.Locale;

/**
 * What the colour of a map point says. Categorical schemes give every point a group label (an image's category
 * is its largest-area category; a caption takes its image's); {@link #SCORE} is continuous (the cosine of the
 * current query) and has no groups.
 */
public enum ColourBy {
    CATEGORY("category"), SUPERCATEGORY("supercategory"), SPLIT("split"), MODALITY("modality"), SCORE("query score");

    /** Tableau 20, then grey for everything beyond. */
    private static final String[] PALETTE = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
            "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac", "#a0cbe8", "#ffbe7d", "#ff9d9a", "#8cd17d", "#f1ce63",
            "#86bcb6", "#d4a6c8", "#fabfd2", "#d7b5a6", "#79706e"};
    private static final String OTHER = "#999999";

    private final String label;

    ColourBy(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }

    /** The group label of every point (null for {@link #SCORE}). */
    public String[] groups(MapPoints points, Dataset dataset) {
        if (this == SCORE) {
            return null;
        }
        String[] out = new String[points.size()];
        for (int i = 0; i < out.length; i++) {
            long image = points.imageId(i);
            out[i] = switch (this) {
                case CATEGORY, SUPERCATEGORY -> {
                    List<ImageCategory> cats = dataset.categories(image);
                    if (cats.isEmpty()) {
                        yield "(no category)";
                    }
                    String name = this == CATEGORY ? cats.get(0).category().name() : cats.get(0).category().supercategory();
                    yield name == null || name.isBlank() ? "(no category)" : name;
                }
                case SPLIT -> dataset.split(image).id();
                case MODALITY -> points.kind(i) == MapPoints.Kind.IMAGE ? "image" : "caption";
                case SCORE -> throw new IllegalStateException();
            };
        }
        return out;
    }

    /** The colour (#rrggbb) of the {@code index}-th group in legend order. */
    public static String colour(int index) {
        return index < PALETTE.length ? PALETTE[index] : OTHER;
    }

    /** A colour ramp (dark blue → yellow, viridis-like) for {@code t} in [0, 1]. */
    public static String ramp(double t) {
        double v = Math.max(0, Math.min(1, Double.isNaN(t) ? 0 : t));
        double[][] stops = {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};
        double pos = v * (stops.length - 1);
        int i = Math.min(stops.length - 2, (int) pos);
        double f = pos - i;
        int[] rgb = new int[3];
        for (int c = 0; c < 3; c++) {
            rgb[c] = (int) Math.round(stops[i][c] + f * (stops[i + 1][c] - stops[i][c]));
        }
        return String.format(Locale.ROOT, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
    }
}
