package org.dualpath.projection;

import org.dualpath.common.Progress;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ProcrustesTest {
    private static MapLayout random(int n, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian() * 5;
            y[i] = r.nextGaussian() * 2 + 3;
        }
        return new MapLayout(x, y, "");
    }

    /** {@code l} rotated by {@code degrees}, mirrored at the x axis first when {@code mirror}, scaled and moved. */
    private static MapLayout moved(MapLayout l, double degrees, boolean mirror, double scale, double dx, double dy) {
        double a = Math.toRadians(degrees);
        double[] x = new double[l.size()];
        double[] y = new double[l.size()];
        for (int i = 0; i < l.size(); i++) {
            double px = l.x()[i];
            double py = mirror ? -l.y()[i] : l.y()[i];
            x[i] = scale * (Math.cos(a) * px - Math.sin(a) * py) + dx;
            y[i] = scale * (Math.sin(a) * px + Math.cos(a) * py) + dy;
        }
        return new MapLayout(x, y, "");
    }

    @Test
    void aRotatedReflectedScaledAndMovedCopyAlignsBackWithin1e6() {
        MapLayout target = random(500, 1);
        for (boolean mirror : new boolean[]{false, true}) {
            MapLayout copy = moved(target, 131, mirror, 0.37, -40, 12.5);
            Procrustes fit = Procrustes.fit(copy, target);
            MapLayout back = fit.apply(copy, "back");
            for (int i = 0; i < target.size(); i++) {
                assertThat(back.x()[i]).isCloseTo(target.x()[i], within(1e-6));
                assertThat(back.y()[i]).isCloseTo(target.y()[i], within(1e-6));
            }
            assertThat(fit.reflects()).isEqualTo(mirror);
            assertThat(fit.scale()).isCloseTo(1 / 0.37, within(1e-9));
            assertThat(back.note()).isEqualTo("back");
        }
    }

    @Test
    void noisyCopiesAlignToTheLeastSquaresFitAndNoOtherTransformDoesBetter() {
        MapLayout target = random(300, 2);
        MapLayout noisy = moved(target, -70, true, 2, 5, 5);
        Random r = new Random(3);
        for (int i = 0; i < noisy.size(); i++) {
            noisy.x()[i] += r.nextGaussian() * 0.5;
            noisy.y()[i] += r.nextGaussian() * 0.5;
        }
        Procrustes fit = Procrustes.fit(noisy, target);
        double best = squaredError(fit.apply(noisy, ""), target);
        for (double d : new double[]{-1, 1}) {
            Procrustes turned = new Procrustes(Math.cos(Math.toRadians(d)) * fit.r00() - Math.sin(Math.toRadians(d)) * fit.r01(),
                    Math.sin(Math.toRadians(d)) * fit.r00() + Math.cos(Math.toRadians(d)) * fit.r01(),
                    Math.cos(Math.toRadians(d)) * fit.r10() - Math.sin(Math.toRadians(d)) * fit.r11(),
                    Math.sin(Math.toRadians(d)) * fit.r10() + Math.cos(Math.toRadians(d)) * fit.r11(),
                    fit.scale(), fit.tx(), fit.ty());
            assertThat(squaredError(turned.apply(noisy, ""), target)).isGreaterThan(best);
            Procrustes scaled = new Procrustes(fit.r00(), fit.r01(), fit.r10(), fit.r11(), fit.scale() * (1 + d * 0.01),
                    fit.tx(), fit.ty());
            assertThat(squaredError(scaled.apply(noisy, ""), target)).isGreaterThan(best);
        }
        assertThat(fit.reflects()).isTrue();
    }

    @Test
    void tsneStartedFromAnotherLayoutKeepsItsOrientation() {
        MapPoints points = Clusters.points(Clusters.vectors(240, 16, 6, 0.25, 4));
        MapLayout first = Projector.run(points, new MapParams(MapMethod.BH_TSNE, 20, 400, 200, 5, 0.5, 15),
                Progress.NONE, Projector.Frames.NONE);
        // a learning rate of n / (4 x 12) (scikit-learn's "auto"): 200 overshoots a small map's first steps under
        // early exaggeration, which scrambles any start
        MapParams params = new MapParams(MapMethod.BH_TSNE, 20, 400, 5, 5, 0.5, 15);
        for (boolean mirror : new boolean[]{false, true}) {
            MapLayout start = moved(first, 100, mirror, 1, 0, 0);
            MapLayout started = Projector.run(points, params.withSeed(6), Progress.NONE, Projector.Frames.NONE, start);
            assertThat(started.note()).contains("initial map: the given layout");
            // the map grows from its start: aligning it back to the start needs neither a mirror nor a turn
            Procrustes back = Procrustes.fit(started, start);
            assertThat(back.reflects()).as("mirrored start " + mirror).isFalse();
            assertThat(Math.abs(back.degrees())).as("mirrored start " + mirror).isLessThan(20);
        }
    }

    private static double squaredError(MapLayout a, MapLayout b) {
        double sum = 0;
        for (int i = 0; i < a.size(); i++) {
            sum += Math.pow(a.x()[i] - b.x()[i], 2) + Math.pow(a.y()[i] - b.y()[i], 2);
        }
        return sum;
    }
}
