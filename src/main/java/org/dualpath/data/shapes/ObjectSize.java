package org.dualpath.data.shapes;

import java.util.List;

/** Object size classes on the 128 px canvas: outline radius range in pixels and caption adjectives. */
public enum ObjectSize {
    SMALL(9, 12, List.of("small", "tiny", "little")),
    MEDIUM(15, 19, List.of("medium-sized", "mid-sized")),
    LARGE(23, 28, List.of("large", "big", "huge"));

    private final int minRadius;
    private final int maxRadius;
    private final List<String> adjectives;

    ObjectSize(int minRadius, int maxRadius, List<String> adjectives) {
        this.minRadius = minRadius;
        this.maxRadius = maxRadius;
        this.adjectives = adjectives;
    }

    public int minRadius() {
        return minRadius;
    }

    public int maxRadius() {
        return maxRadius;
    }

    public List<String> adjectives() {
        return adjectives;
    }
}
