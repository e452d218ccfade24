package org.dualpath.projection;

import org.dualpath.common.Progress;
import org.dualpath.vector.Embeddings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

class MapToolsTest {
    @TempDir
    Path dir;

    private static final Embeddings DATA = Clusters.vectors(200, 16, 4, 0.2, 11);
    private static final MapPoints POINTS = Clusters.points(DATA);
    private static final MapParams BH = new MapParams(MapMethod.BH_TSNE, 15, 600, 200, 5, 0.5, 15);

    @Test
    void placedQueryLandsAmongItsNearestNeighboursPositions() {
        MapLayout layout = Projector.run(POINTS, BH, Progress.NONE, Projector.Frames.NONE);
        Random r = new Random(3);
        for (int trial = 0; trial < 20; trial++) {
            int anchor = r.nextInt(POINTS.size());
            float[] q = DATA.row(anchor);
            for (int k = 0; k < q.length; k++) {
                q[k] += (float) (0.05 * r.nextGaussian());
            }
            q = Embeddings.normalize(q);
            QueryPlacement.Placement at = QueryPlacement.place(q, DATA, layout, 10);
            assertThat(at.neighbours()).hasSize(10);
            // inside the bounding box of its neighbours' positions...
            double[] xs = Arrays.stream(at.neighbours()).mapToDouble(i -> layout.x()[i]).toArray();
            double[] ys = Arrays.stream(at.neighbours()).mapToDouble(i -> layout.y()[i]).toArray();
            assertThat(at.x()).isBetween(Arrays.stream(xs).min().orElseThrow(), Arrays.stream(xs).max().orElseThrow());
            assertThat(at.y()).isBetween(Arrays.stream(ys).min().orElseThrow(), Arrays.stream(ys).max().orElseThrow());
            // ...which are the anchor's cluster, and the closest mapped point to where it landed is in that cluster too
            assertThat(Arrays.stream(at.neighbours())).allMatch(i -> i % 4 == anchor % 4);
            int nearest = IntStream.range(0, layout.size()).boxed().min((a, b) -> Double.compare(
                    dist2(layout, a, at.x(), at.y()), dist2(layout, b, at.x(), at.y()))).orElseThrow();
            assertThat(nearest % 4).isEqualTo(anchor % 4);
            // cosine weights: the best neighbour is the anchor or as close
            assertThat(at.cosines()[0]).isGreaterThan(at.cosines()[9]);
        }
    }

    private static double dist2(MapLayout l, int i, double x, double y) {
        return (l.x()[i] - x) * (l.x()[i] - x) + (l.y()[i] - y) * (l.y()[i] - y);
    }

    @Test
    void lassoSelectsExactlyThePointsInsideAConcavePolygon() {
        // a 21 x 21 grid at half-integer offsets, so no point lies on an edge
        List<double[]> grid = new ArrayList<>();
        for (int i = 0; i <= 20; i++) {
            for (int j = 0; j <= 20; j++) {
                grid.add(new double[]{i + 0.5, j + 0.5});
            }
        }
        MapLayout layout = MapLayout.of(grid.toArray(double[][]::new), "grid");
        // an L: [0,10] x [0,20] plus [10,20] x [0,6]
        Lasso lasso = new Lasso(new double[]{0, 20, 20, 10, 10, 0}, new double[]{0, 0, 6, 6, 20, 20});
        int[] selected = lasso.select(layout);
        int[] expected = IntStream.range(0, grid.size()).filter(p -> {
            double x = grid.get(p)[0];
            double y = grid.get(p)[1];
            return (x < 10 && y < 20) || (x >= 10 && x < 20 && y < 6);
        }).toArray();
        assertThat(selected).containsExactly(expected);
        assertThat(selected).hasSize(10 * 20 + 10 * 6);
        assertThat(new Lasso(new double[]{0, 1}, new double[]{0, 1}).select(layout)).isEmpty();
    }

    @Test
    void cacheIsUsedWhenNothingChangesAndNotWhenAParameterOrTheSetChanges() {
        MapCache cache = new MapCache(dir.resolve("maps"));
        MapParams pca = MapParams.defaults(MapMethod.PCA);
        MapParams tsne = new MapParams(MapMethod.BH_TSNE, 15, 100, 200, 1, 0.5, 15);
        String key = MapCache.key("model-a", "data-a", POINTS, tsne);

        MapCache.Result first = cache.getOrCompute(key, POINTS, tsne, Progress.NONE, Projector.Frames.NONE);
        assertThat(first.cached()).isFalse();
        assertThat(cache.file(key)).exists();
        MapCache.Result again = cache.getOrCompute(MapCache.key("model-a", "data-a", POINTS, tsne), POINTS, tsne,
                Progress.NONE, (xy, it, total) -> {
                    throw new AssertionError("recomputed although nothing changed");
                });
        assertThat(again.cached()).isTrue();
        assertThat(again.layout().x()).containsExactly(first.layout().x());
        assertThat(again.layout().note()).isEqualTo(first.layout().note());

        List<String> changed = List.of(
                MapCache.key("model-a", "data-a", POINTS, tsne.withSeed(2)),
                MapCache.key("model-a", "data-a", POINTS, new MapParams(MapMethod.BH_TSNE, 16, 100, 200, 1, 0.5, 15)),
                MapCache.key("model-a", "data-a", POINTS, new MapParams(MapMethod.BH_TSNE, 15, 101, 200, 1, 0.5, 15)),
                MapCache.key("model-a", "data-a", POINTS, new MapParams(MapMethod.BH_TSNE, 15, 100, 100, 1, 0.5, 15)),
                MapCache.key("model-a", "data-a", POINTS, new MapParams(MapMethod.BH_TSNE, 15, 100, 200, 1, 0.3, 15)),
                MapCache.key("model-a", "data-a", POINTS, tsne.withMethod(MapMethod.TSNE)),
                MapCache.key("model-b", "data-a", POINTS, tsne),
                MapCache.key("model-a", "data-b", POINTS, tsne),
                MapCache.key("model-a", "data-a", Clusters.points(DATA.rows(IntStream.range(0, 199).toArray())), tsne));
        assertThat(changed).doesNotContain(key).doesNotHaveDuplicates();
        for (String other : changed.subList(0, 5)) {
            assertThat(cache.getOrCompute(other, POINTS, tsne, Progress.NONE, Projector.Frames.NONE).cached()).isFalse();
        }
        // PCA ignores the t-SNE parameters, so they do not split its cache entries
        assertThat(MapCache.key("m", "d", POINTS, pca)).isEqualTo(MapCache.key("m", "d", POINTS,
                new MapParams(MapMethod.PCA, 50, 10, 5, 9, 0.1, 30)));
    }

    @Test
    void cachedFileOfOtherPointsIsIgnored() throws Exception {
        MapCache cache = new MapCache(dir);
        MapParams pca = MapParams.defaults(MapMethod.PCA);
        String key = MapCache.key("m", "d", POINTS, pca);
        cache.getOrCompute(key, POINTS, pca, Progress.NONE, Projector.Frames.NONE);
        MapPoints fewer = Clusters.points(DATA.rows(IntStream.range(0, 150).toArray()));
        assertThat(cache.get(key, fewer)).isNull();
        Files.writeString(cache.file(key), "garbage");
        assertThat(cache.get(key, POINTS)).isNull();
    }

    @Test
    void modalityGapOfTwoShiftedClouds() {
        // images near +e0, captions near +e1, each caption closest to its own image along e2
        int n = 50;
        float[][] img = new float[n][];
        float[][] cap = new float[2 * n][];
        int[] owner = new int[2 * n];
        for (int i = 0; i < n; i++) {
            img[i] = Embeddings.normalize(new float[]{1, 0, 0.01f * i});
            for (int c = 0; c < 2; c++) {
                cap[2 * i + c] = Embeddings.normalize(new float[]{0.2f, 1, 0.01f * i});
                owner[2 * i + c] = i;
            }
        }
        long[] ids = IntStream.range(0, n).asLongStream().toArray();
        long[] capIds = IntStream.range(0, 2 * n).asLongStream().toArray();
        Embeddings images = Embeddings.of(ids, img);
        Embeddings captions = Embeddings.of(capIds, cap);
        ModalityGap gap = ModalityGap.of(images, captions, owner);
        // brute force: every pair, the true pairs, the centroids
        double all = 0;
        double truth = 0;
        double[] mi = new double[3];
        double[] mc = new double[3];
        for (int c = 0; c < 2 * n; c++) {
            for (int i = 0; i < n; i++) {
                all += images.dot(captions.row(c), i) / (2.0 * n * n);
            }
            truth += images.dot(captions.row(c), owner[c]) / (2.0 * n);
            for (int k = 0; k < 3; k++) {
                mc[k] += cap[c][k] / (2.0 * n);
            }
        }
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                mi[k] += img[i][k] / (double) n;
            }
        }
        double dist = Math.sqrt(IntStream.range(0, 3).mapToDouble(k -> (mi[k] - mc[k]) * (mi[k] - mc[k])).sum());
        assertThat(gap.allPairCosine()).isCloseTo(all, offset(1e-6));
        assertThat(gap.truePairCosine()).isCloseTo(truth, offset(1e-6)).isGreaterThan(gap.allPairCosine());
        assertThat(gap.centroidDistance()).isCloseTo(dist, offset(1e-6)).isGreaterThan(0.8);
        assertThat(gap.describe()).startsWith("modality gap: |mean image − mean caption| = ");
    }

    @Test
    void coordinatesCsvRoundTripsAndSvgIsWellFormed() throws Exception {
        MapLayout layout = Projector.run(POINTS, MapParams.defaults(MapMethod.PCA), Progress.NONE, Projector.Frames.NONE);
        Path csv = dir.resolve("coords.csv");
        String[] groups = IntStream.range(0, POINTS.size()).mapToObj(i -> "group, " + i % 4).toArray(String[]::new);
        MapExport.writeCsv(csv, POINTS, layout, groups, null);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).startsWith("# 200 points (images) of the test set: PCA");
        assertThat(lines.get(1)).isEqualTo("kind,id,image_id,x,y,group");
        assertThat(lines.get(2)).startsWith("image,1,1,").endsWith(",\"group, 0\"");
        MapLayout back = MapExport.readCsv(csv, POINTS);
        assertThat(back.x()).containsExactly(layout.x());
        assertThat(back.y()).containsExactly(layout.y());

        Legend legend = Legend.of(ColourByTestSupport.labels(POINTS.size(), 4));
        String[] colours = IntStream.range(0, POINTS.size()).mapToObj(legend::colourOf).toArray(String[]::new);
        boolean[] visible = new boolean[POINTS.size()];
        Arrays.fill(visible, true);
        visible[0] = false;
        Path svg = dir.resolve("map.svg");
        MapExport.writeSvg(svg, POINTS, layout, colours, visible, true, legend.entries(), "a <map> & more",
                new MapExport.QueryMark(0, 0, "a red circle", new int[]{1, 2, 3}), null);
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        assertThat(doc.getElementsByTagName("circle").getLength()).isEqualTo(199);
        assertThat(doc.getElementsByTagName("line").getLength()).isEqualTo(3);
        assertThat(Files.readString(svg)).contains("a &lt;map&gt; &amp; more", "a red circle");
    }

    /** Group labels for legend tests. */
    static final class ColourByTestSupport {
        static String[] labels(int n, int groups) {
            return IntStream.range(0, n).mapToObj(i -> "cluster " + i % groups).toArray(String[]::new);
        }
    }

    /**
     * Layouts already on users' disks stay valid: the point-list identity (small, and long enough to be hashed in
     * several chunks) and the cache key are pinned to the values this version computes. The key is v2's: maps cached
     * before Barnes-Hut t-SNE searched its neighbours after PCA (and by HNSW at scale) are recomputed once.
     */
    @Test
    void pointIdentityAndCacheKeyStayTheSame() {
        MapPoints.Kind[] kinds = {MapPoints.Kind.IMAGE, MapPoints.Kind.CAPTION, MapPoints.Kind.CAPTION};
        MapPoints small = MapPoints.of("test split", Modality.BOTH, kinds, new long[]{7, 70, 71}, new long[]{7, 7, 7},
                Embeddings.of(new long[]{7, 70, 71}, new float[][]{{1, 0}, {0, 1}, {1, 1}}));
        int n = 20_000;
        long[] ids = IntStream.range(0, n).mapToLong(i -> 100_000L + i).toArray();
        MapPoints.Kind[] manyKinds = IntStream.range(0, n)
                .mapToObj(i -> i % 3 == 0 ? MapPoints.Kind.IMAGE : MapPoints.Kind.CAPTION).toArray(MapPoints.Kind[]::new);
        MapPoints many = MapPoints.of("all", Modality.BOTH, manyKinds, ids, ids,
                Embeddings.of(ids, new float[n * 2], 2));

        assertThat(small.identity()).isEqualTo("67c18d416d97e104690e59259656da3570f7a1439f91a70e8375ca8b6c243327");
        assertThat(many.identity()).isEqualTo("5db8d896ae01b91368a49f398da0a63650bf47f29526453187023eadf4f206e3");
        assertThat(MapCache.key("model-a", "data-a", small, new MapParams(MapMethod.BH_TSNE, 15, 100, 200, 1, 0.5, 15)))
                .isEqualTo("6b76cfa20d785122a75082bc5418e5a9");
    }
}
