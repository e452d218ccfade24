package org.dualpath.data.shapes;

import java.util.List;

/** Background patterns of the shapes dataset and the adjectives captions may use for them. */
public enum BackgroundStyle {
    SOLID(List.of("plain", "solid", "uniform")),
    GRADIENT(List.of("gradient", "shaded", "fading")),
    STRIPES(List.of("striped", "stripy")),
    CHECKER(List.of("checkered", "chequered", "checkerboard")),
    NOISE(List.of("noisy", "grainy", "speckled"));

    private final List<String> adjectives;

    BackgroundStyle(List<String> adjectives) {
        this.adjectives = adjectives;
    }

    public List<String> adjectives() {
        return adjectives;
    }
}
