package org.dualpath.projection;

import org.dualpath.common.InputException;
import org.dualpath.common.Progress;
import org.dualpath.vector.Embeddings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectorTest {
    private static final Embeddings DATA = Clusters.vectors(300, 24, 5, 0.25, 1);
    private static final MapPoints POINTS = Clusters.points(DATA);

    private static MapParams params(MapMethod m, long seed) {
        return new MapParams(m, 20, 300, 200, seed, 0.5, 15);
    }

    /** Enough iterations to converge after the 250 of early exaggeration. */
    private static MapParams converged(MapMethod m, double theta) {
        return new MapParams(m, 20, 1000, 200, 3, theta, 15);
    }

    @Test
    void sameSeedGivesTheSameLayoutForEveryMethod() {
        for (MapMethod m : List.of(MapMethod.TSNE, MapMethod.BH_TSNE, MapMethod.PCA)) {
            MapLayout a = Projector.run(POINTS, params(m, 7), Progress.NONE, Projector.Frames.NONE);
            MapLayout b = Projector.run(POINTS, params(m, 7), Progress.NONE, Projector.Frames.NONE);
            assertThat(b.x()).as(m.label()).containsExactly(a.x());
            assertThat(b.y()).as(m.label()).containsExactly(a.y());
            if (m.iterative()) {
                MapLayout c = Projector.run(POINTS, params(m, 8), Progress.NONE, Projector.Frames.NONE);
                assertThat(c.x()).as(m.label() + " with another seed").isNotEqualTo(a.x());
            }
        }
    }

    @Test
    void tsneVariantsKeepClustersTogether() {
        for (MapMethod m : List.of(MapMethod.TSNE, MapMethod.BH_TSNE, MapMethod.UMAP)) {
            MapLayout layout = Projector.run(POINTS, converged(m, 0.5), Progress.NONE, Projector.Frames.NONE);
            assertThat(layout.size()).isEqualTo(300);
            assertThat(Clusters.neighbourAgreement(layout, 5)).as(m.label()).isGreaterThan(0.95);
            assertThat(layout.note()).startsWith("300 points (images) of the test set: ");
        }
    }

    @Test
    void umapPlacesEveryPointOfDisconnectedClustersAndSaysHow() {
        Embeddings far = Clusters.vectors(200, 24, 4, 0.02, 5);
        MapLayout layout = Projector.run(Clusters.points(far), params(MapMethod.UMAP, 1), Progress.NONE, Projector.Frames.NONE);
        assertThat(java.util.Arrays.stream(layout.x()).allMatch(Double::isFinite)).isTrue();
        assertThat(layout.note()).contains("connected component");
        assertThat(Clusters.neighbourAgreement(layout, 4)).isGreaterThan(0.95);
    }

    @Test
    void iterativeMethodsPublishFramesAndStopWhenCancelled() {
        List<Integer> iterations = new ArrayList<>();
        Projector.run(POINTS, params(MapMethod.BH_TSNE, 1), Progress.NONE, (xy, it, total) -> {
            assertThat(xy).hasNumberOfRows(300);
            iterations.add(it);
        });
        assertThat(iterations).first().isEqualTo(0);
        assertThat(iterations).last().isEqualTo(300);
        assertThat(iterations).isSorted();

        AtomicBoolean stop = new AtomicBoolean();
        Progress progress = Progress.cancellable(stop);
        List<Integer> seen = new ArrayList<>();
        assertThatThrownBy(() -> Projector.run(POINTS, params(MapMethod.TSNE, 1), progress, (xy, it, total) -> {
            seen.add(it);
            if (it >= 20) {
                stop.set(true);
            }
        })).isInstanceOf(CancellationException.class);
        assertThat(seen).last().matches(it -> it >= 20 && it < 300);
    }

    @Test
    void exactTsneIsRefusedAboveItsLimitWithTheAlternatives() {
        Embeddings many = Clusters.vectors(MapParams.EXACT_TSNE_LIMIT + 1, 4, 3, 0.1, 2);
        assertThatThrownBy(() -> Projector.run(Clusters.points(many), params(MapMethod.TSNE, 1), Progress.NONE,
                Projector.Frames.NONE)).isInstanceOf(InputException.class)
                .hasMessageContaining("exact t-SNE of 3,001 points")
                .hasMessageContaining("choose Barnes-Hut t-SNE, UMAP or PCA");
    }

    @Test
    void umapIsRefusedAboveItsLimitAndEachRefusalNamesOnlyTheMethodsThatFit() {
        Embeddings many = Clusters.vectors(MapParams.UMAP_LIMIT + 1, 4, 3, 0.1, 2);
        assertThatThrownBy(() -> Projector.run(Clusters.points(many), params(MapMethod.UMAP, 1), Progress.NONE,
                Projector.Frames.NONE)).isInstanceOf(InputException.class)
                .hasMessage("UMAP of 20,001 points would take about 12 minutes here (Smile's grows with n squared); "
                        + "choose Barnes-Hut t-SNE or PCA, or map fewer points (UMAP is offered up to 20,000)");
        assertThat(Projector.refusal(MapMethod.TSNE, MapParams.UMAP_LIMIT + 1))
                .contains("choose Barnes-Hut t-SNE or PCA,");
        assertThat(Projector.refusal(MapMethod.UMAP, MapParams.UMAP_LIMIT)).isNull();
        assertThat(Projector.refusal(MapMethod.BH_TSNE, 1_000_000)).isNull();
        assertThat(Projector.refusal(MapMethod.PCA, 1_000_000)).isNull();
    }

    @Test
    void quadTreeRepulsionIsExactAtThetaZeroAndCloseAtOneHalf() {
        int n = 60;
        java.util.Random r = new java.util.Random(1);
        double[] y = new double[2 * n];
        for (int i = 0; i < 2 * n; i++) {
            y[i] = r.nextGaussian();
        }
        y[2] = y[0];
        y[3] = y[1];
        BarnesHutTsne.QuadTree tree = new BarnesHutTsne.QuadTree(n);
        tree.build(y, BarnesHutTsne.zOrder(y));
        double[] exact = new double[2 * n];
        double exactZ = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double dx = y[2 * i] - y[2 * j];
                double dy = y[2 * i + 1] - y[2 * j + 1];
                double w = i == j ? 0 : 1 / (1 + dx * dx + dy * dy);
                exactZ += w;
                exact[2 * i] += w * w * dx;
                exact[2 * i + 1] += w * w * dy;
            }
        }
        for (double theta : new double[]{0, 0.5}) {
            double[] force = new double[2 * n];
            double z = 0;
            for (int i = 0; i < n; i++) {
                z += tree.repulsion(i, y, theta, force);
            }
            double tolerance = theta == 0 ? 1e-9 : 0.02;
            assertThat(z).isCloseTo(exactZ, org.assertj.core.data.Percentage.withPercentage(100 * tolerance));
            for (int c = 0; c < 2 * n; c++) {
                assertThat(force[c]).isCloseTo(exact[c], org.assertj.core.data.Offset.offset(tolerance * 5));
            }
        }
    }

    @Test
    void perplexityCalibrationHitsTheTargetEntropy() {
        double[] d2 = new double[90];
        for (int i = 0; i < d2.length; i++) {
            d2[i] = 0.5 + i * 0.01;
        }
        double[] p = BarnesHutTsne.calibrate(d2, 30);
        double entropy = 0;
        double sum = 0;
        for (double v : p) {
            sum += v;
            entropy -= v > 0 ? v * Math.log(v) : 0;
        }
        assertThat(sum).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Math.exp(entropy)).isCloseTo(30, org.assertj.core.data.Offset.offset(0.01));
    }
}
