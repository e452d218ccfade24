package org.dualpath.projection;

import org.dualpath.text.StopWords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Regions of a constructed map: two dense blobs whose captions differ in known words, and three lone points. */
class MapRegionsTest {
    @TempDir
    Path dir;

    /**
     * 64 points in a disc of radius 0.4 at (0, 0) and 64 at (10, 0) (sunflower patterns: evenly dense, no ties of
     * distance), then three far apart (noise).
     */
    private static MapLayout layout(double unit) {
        List<double[]> xy = new ArrayList<>();
        for (double cx : new double[]{0, 10}) {
            for (int i = 0; i < 64; i++) {
                double r = 0.05 * Math.sqrt(i + 0.5);
                double angle = i * Math.PI * (3 - Math.sqrt(5));
                xy.add(new double[]{unit * (cx + r * Math.cos(angle)), unit * r * Math.sin(angle)});
            }
        }
        xy.add(new double[]{unit * 5, unit * 20});
        xy.add(new double[]{unit * -20, unit * 5});
        xy.add(new double[]{unit * 20, unit * -20});
        return MapLayout.of(xy.toArray(double[][]::new), "constructed");
    }

    /** The left blob's captions name a red circle, the right one's a blue square; all share "picture". */
    private static ClusterLabels.PointWords[] words() {
        ClusterLabels.PointWords[] words = new ClusterLabels.PointWords[131];
        for (int i = 0; i < words.length; i++) {
            String caption = i < 64 ? (i % 2 == 0 ? "a picture of a red circle" : "there is a red circle in the picture")
                    : i < 128 ? (i % 2 == 0 ? "a picture of a blue square" : "the blue square of a picture")
                    : "a picture with a green star";
            // an image point's text is all its captions: give every third point two
            words[i] = ClusterLabels.wordsOf(i % 3 == 0 ? List.of(caption, caption) : List.of(caption));
        }
        return words;
    }

    @Test
    void theLabelsNameTheWordsThatSetEachBlobApartInCaptionOrder() {
        MapRegions regions = MapRegions.of(layout(1), words());
        for (MapRegions.Level level : regions.levels()) {
            MapClusters clusters = level.clusters();
            assertThat(clusters.count()).isEqualTo(2);
            assertThat(clusters.members(0)).containsExactly(IntStream.range(0, 64).toArray());
            assertThat(clusters.members(1)).containsExactly(IntStream.range(64, 128).toArray());
            assertThat(IntStream.range(128, 131).map(clusters::cluster)).containsOnly(MapClusters.NOISE);
            assertThat(level.regions()).extracting(MapRegions.Region::label).containsExactly("red circle", "blue square");
            assertThat(level.label(MapClusters.NOISE)).isEmpty();
            MapRegions.Region left = level.regions().get(0);
            assertThat(Math.hypot(left.x(), left.y())).isLessThan(0.1);
        }
        assertThat(regions.describe()).matches("regions: 2 coarse \\(DBSCAN radius [0-9.eE+-]+\\), 2 fine \\(radius [0-9.eE+-]+\\); "
                + "red circle \\(64 points\\), blue square \\(64 points\\)");
    }

    @Test
    void clusteringIsDeterministicAndIndependentOfTheLayoutsUnits() {
        MapRegions once = MapRegions.of(layout(1), words());
        MapRegions again = MapRegions.of(layout(1), words());
        MapRegions scaled = MapRegions.of(layout(250), words());
        for (int l = 0; l < once.levels().size(); l++) {
            int[] a = clusterOf(once.levels().get(l).clusters());
            assertThat(clusterOf(again.levels().get(l).clusters())).isEqualTo(a);
            assertThat(clusterOf(scaled.levels().get(l).clusters())).isEqualTo(a);
            assertThat(scaled.levels().get(l).clusters().radius())
                    .isCloseTo(250 * once.levels().get(l).clusters().radius(), org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    @Test
    void labelsThatWouldOverlapAreLeftOutAndTheFineLevelComesWhenFewOfItsLabelsAreOnScreen() {
        MapRegions regions = MapRegions.of(layout(1), words());
        MapRegions.ToScreen far = screen(1);
        assertThat(regions.place(0, far, 13, 800, 600, i -> true)).hasSize(2);
        // squeezed into a few pixels, the two labels collide: only the first (largest) is drawn
        MapRegions.ToScreen squeezed = screen(0.1);
        assertThat(regions.place(0, squeezed, 13, 800, 600, i -> true)).extracting(p -> p.region().label())
                .containsExactly("red circle");
        // a label at the view's edge is moved inside it; one whose place is off screen is left out
        MapRegions.Placed edge = regions.place(0, far, 13, 510, 600, i -> true).get(1);
        assertThat(edge.left() + edge.width()).isEqualTo(510);
        assertThat(regions.place(0, far, 13, 300, 600, i -> true)).hasSize(1);
        // a region whose points are all hidden gets no label
        assertThat(regions.place(0, far, 13, 800, 600, i -> i >= 64)).extracting(p -> p.region().label())
                .containsExactly("blue square");
        assertThat(regions.levelFor(2, far, 800, 600)).isEqualTo(1);
        assertThat(regions.levelFor(1, far, 800, 600)).isZero();
    }

    @Test
    void theCsvGivesEveryPointItsClusterAndLabelAtBothLevelsAndTheSvgDrawsTheLabels() throws Exception {
        MapLayout layout = layout(1);
        MapRegions regions = MapRegions.of(layout, words());
        MapPoints.Kind[] kinds = new MapPoints.Kind[131];
        Arrays.fill(kinds, MapPoints.Kind.IMAGE);
        long[] ids = IntStream.range(0, 131).mapToLong(i -> i + 1).toArray();
        float[][] vectors = new float[131][];
        Arrays.fill(vectors, new float[]{1, 0});
        MapPoints points = MapPoints.of("constructed set", Modality.IMAGES, kinds, ids, ids,
                org.dualpath.vector.Embeddings.of(ids, vectors));
        Path csv = dir.resolve("map.csv");
        MapExport.writeCsv(csv, points, layout, null, regions);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(1)).isEqualTo("kind,id,image_id,x,y,cluster,label,fine_cluster,fine_label");
        assertThat(lines.get(2)).endsWith(",0,red circle,0,red circle");
        assertThat(lines.get(2 + 64)).endsWith(",1,blue square,1,blue square");
        assertThat(lines.get(2 + 130)).endsWith(",-1,,-1,");
        assertThat(MapExport.readCsv(csv, points).x()).isEqualTo(layout.x());

        Path svg = dir.resolve("map.svg");
        boolean[] visible = new boolean[131];
        Arrays.fill(visible, true);
        MapExport.writeSvg(svg, points, layout, new String[131], visible, false, List.of(), "regions", null, regions);
        assertThat(Files.readString(svg)).contains(">red circle</text>", ">blue square</text>");
    }

    @Test
    void stopWordsAreLeftOutOfAPointsWords() {
        ClusterLabels.PointWords w = ClusterLabels.wordsOf(List.of("There is a red circle on the left of it"));
        assertThat(w.words()).containsExactly("red", "circle", "left");
        assertThat(w.places()).containsExactly(0, 0.5, 1);
        assertThat(StopWords.contains("the")).isTrue();
        assertThat(StopWords.contains("above")).isFalse();
    }

    private static MapRegions.ToScreen screen(double pixelsPerUnit) {
        return new MapRegions.ToScreen() {
            @Override
            public double x(double mapX) {
                return 100 + pixelsPerUnit * 40 * mapX;
            }

            @Override
            public double y(double mapY) {
                return 300 - pixelsPerUnit * 40 * mapY;
            }
        };
    }

    private static int[] clusterOf(MapClusters clusters) {
        return IntStream.range(0, clusters.points()).map(clusters::cluster).toArray();
    }
}
