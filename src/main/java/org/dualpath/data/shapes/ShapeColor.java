package org.dualpath.data.shapes;

import java.awt.Color;
import java.util.List;

/** The object colours of the shapes dataset, each with the adjectives captions may use for it. */
public enum ShapeColor {
    RED(new Color(215, 35, 35), List.of("red", "crimson", "scarlet")),
    GREEN(new Color(40, 170, 60), List.of("green", "emerald")),
    BLUE(new Color(35, 75, 215), List.of("blue", "cobalt")),
    YELLOW(new Color(245, 215, 30), List.of("yellow", "golden")),
    ORANGE(new Color(245, 135, 20), List.of("orange", "tangerine")),
    PURPLE(new Color(135, 45, 175), List.of("purple", "violet")),
    PINK(new Color(245, 120, 185), List.of("pink", "rose")),
    CYAN(new Color(30, 200, 215), List.of("cyan", "turquoise")),
    WHITE(new Color(250, 250, 250), List.of("white")),
    BLACK(new Color(15, 15, 15), List.of("black"));

    private final Color rgb;
    private final List<String> adjectives;

    ShapeColor(Color rgb, List<String> adjectives) {
        this.rgb = rgb;
        this.adjectives = adjectives;
    }

    public Color rgb() {
        return rgb;
    }

    /** Adjectives for captions; the first is the plain colour name. */
    public List<String> adjectives() {
        return adjectives;
    }
}
