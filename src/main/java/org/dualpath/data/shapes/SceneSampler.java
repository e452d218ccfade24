package org.dualpath.data.shapes;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Draws random scenes: 1-3 objects of distinct kinds, each in a colour that contrasts with the background,
 * placed by rejection sampling until every pair of boxes is separated by at least {@link Relation#MIN_GAP}
 * pixels, so no objects overlap and each pair has a clear relation.
 */
final class SceneSampler {
    /** Muted background tones; object colours closer than {@link #MIN_CONTRAST} to one are not used on it. */
    private static final Color[] BACKGROUNDS = {
            new Color(205, 205, 205), new Color(228, 218, 196), new Color(90, 98, 110), new Color(55, 55, 60),
            new Color(188, 208, 228), new Color(200, 225, 200), new Color(140, 120, 100), new Color(236, 236, 226),
    };
    /** Euclidean RGB distance that keeps an object clearly visible against the background and its accent. */
    private static final double MIN_CONTRAST = 120;
    private static final int MARGIN = 3;
    private static final int PLACEMENT_TRIES = 60;
    private static final int SCENE_TRIES = 1000;

    private SceneSampler() {
    }

    static Scene sample(Random random, int canvas) {
        BackgroundStyle style = pick(random, BackgroundStyle.values());
        Color background = pick(random, BACKGROUNDS);
        List<ShapeColor> colors = Arrays.stream(ShapeColor.values())
                .filter(c -> distance(c.rgb(), background) >= MIN_CONTRAST).toList();
        int count = 1 + random.nextInt(3);
        List<ShapeKind> kinds = new ArrayList<>(List.of(ShapeKind.values()));
        Collections.shuffle(kinds, random);
        for (int attempt = 0; attempt < SCENE_TRIES; attempt++) {
            List<SceneObject> objects = new ArrayList<>();
            for (ShapeKind kind : kinds.subList(0, count)) {
                SceneObject placed = place(random, canvas, kind, colors.get(random.nextInt(colors.size())), objects);
                if (placed == null) {
                    break;
                }
                objects.add(placed);
            }
            if (objects.size() == count) {
                return new Scene(List.copyOf(objects), style, background);
            }
        }
        throw new IllegalStateException("cannot place " + count + " objects on a " + canvas + " px canvas");
    }

    private static SceneObject place(Random random, int canvas, ShapeKind kind, ShapeColor color, List<SceneObject> others) {
        ObjectSize size = pick(random, ObjectSize.values());
        double r = size.minRadius() + random.nextDouble() * (size.maxRadius() - size.minRadius());
        double lo = MARGIN + r;
        double span = canvas - 2 * lo;
        for (int i = 0; i < PLACEMENT_TRIES; i++) {
            SceneObject candidate = SceneObject.of(kind, color, size,
                    lo + random.nextDouble() * span, lo + random.nextDouble() * span, r);
            if (others.stream().allMatch(o -> Relation.between(candidate.bounds(), o.bounds()) != null)) {
                return candidate;
            }
        }
        return null;
    }

    private static double distance(Color a, Color b) {
        int dr = a.getRed() - b.getRed();
        int dg = a.getGreen() - b.getGreen();
        int db = a.getBlue() - b.getBlue();
        return Math.sqrt(dr * dr + dg * dg + db * db);
    }

    static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }

    static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
