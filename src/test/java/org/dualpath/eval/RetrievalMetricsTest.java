package org.dualpath.eval;

import org.dualpath.vector.Embeddings;
import org.dualpath.common.InputException;
import org.dualpath.common.Progress;
import org.dualpath.eval.RecallReport.DirectionMetrics;
import org.dualpath.eval.RecallReport.Evaluation;
import org.dualpath.eval.RecallReport.RankedQuery;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RetrievalMetricsTest {
    private static final float S = (float) Math.sqrt(0.5);
    private static final double EPS = 1e-9;

    /**
     * Images i0 (1,0), i1 (s,s), i2 (0,1), i3 (1,0) without captions; captions a (1,0) of i0, b (-1,0) of i1,
     * c (0,-1) of i2. Scores (rows a b c): i0 1 -1 0; i1 s -s -s; i2 0 0 -1; i3 1 -1 0.
     * image -> text: i0 rank 1; i1 rank 3 (a ahead, c ties with b); i2 rank 3 (a and b tie ahead).
     * text -> image: a rank 2 (i3 ties with i0); b rank 2 (i2 ahead); c rank 4 (i0, i1, i3 ahead).
     */
    private static RecallReport tiny(RetrievalMetrics.Options options) {
        Embeddings images = Embeddings.of(new long[]{100, 101, 102, 103},
                new float[][]{{1, 0}, {S, S}, {0, 1}, {1, 0}});
        Embeddings captions = Embeddings.of(new long[]{10, 11, 12}, new float[][]{{1, 0}, {-1, 0}, {0, -1}});
        return RetrievalMetrics.evaluate(images, captions, new int[]{0, 1, 2}, options, Progress.NONE);
    }

    private static void assertDirection(DirectionMetrics d, int queries, double r1, double r5, double r10,
                                        double medR, double meanR) {
        assertThat(d.queries()).isEqualTo(queries);
        assertThat(d.r1()).isCloseTo(r1, within(EPS));
        assertThat(d.r5()).isCloseTo(r5, within(EPS));
        assertThat(d.r10()).isCloseTo(r10, within(EPS));
        assertThat(d.medianRank()).isCloseTo(medR, within(EPS));
        assertThat(d.meanRank()).isCloseTo(meanR, within(EPS));
    }

    @Test
    void handComputedRanksWithPessimisticTies() {
        RecallReport report = tiny(RetrievalMetrics.Options.standard("tiny")
                .withCategories(Map.of(0, Set.of("dog"), 1, Set.of("dog", "cat"), 2, Set.of("cat"))));
        assertThat(report.results()).hasSize(1);
        assertThat(report.results().get(0).protocol()).isEqualTo(Protocol.ALL);
        Evaluation e = report.results().get(0).evaluations().get(0);
        assertThat(e.imageRanks()).containsExactly(1, 3, 3, 0);
        assertThat(e.captionRanks()).containsExactly(2, 2, 4);
        assertDirection(e.imageToText(), 3, 100 / 3.0, 100, 100, 3, 7 / 3.0);
        assertDirection(e.textToImage(), 3, 0, 100, 100, 2, 8 / 3.0);
        assertThat(e.rsum()).isCloseTo(100 / 3.0 + 400, within(EPS));
        // text -> image chance K/N; image -> text with 1 of 3 captions: 1 - C(2,K)/C(3,K)
        assertThat(e.textToImage().chance1()).isCloseTo(25, within(EPS));
        assertThat(e.textToImage().chance5()).isCloseTo(100, within(EPS));
        assertThat(e.imageToText().chance1()).isCloseTo(100 / 3.0, within(EPS));
        assertThat(e.imageToText().chance10()).isCloseTo(100, within(EPS));
        assertThat(e.worstImageToText()).containsExactly(new RankedQuery(1, 101, 3), new RankedQuery(2, 102, 3),
                new RankedQuery(0, 100, 1));
        assertThat(e.worstTextToImage()).first().isEqualTo(new RankedQuery(2, 12, 4));
        assertThat(e.categories()).hasSize(2);
        RecallReport.CategoryRecall cat = e.categories().get(0);
        assertThat(cat.category()).isEqualTo("cat");
        assertThat(cat.imageQueries()).isEqualTo(2);
        assertThat(cat.imageToTextR1()).isZero();
        assertThat(cat.imageToTextR5()).isEqualTo(100);
        assertThat(cat.captionQueries()).isEqualTo(2);
        assertThat(cat.textToImageR1()).isZero();
        RecallReport.CategoryRecall dog = e.categories().get(1);
        assertThat(dog.category()).isEqualTo("dog");
        assertThat(dog.imageToTextR1()).isEqualTo(50);
        assertThat(dog.textToImageR5()).isEqualTo(100);
        assertThat(report.captions()).isEqualTo(new RecallReport.CaptionPolicy(5, 4, 3, 3, 0, 4, 1));
    }

    @Test
    void extraCaptionsBeyondFiveAreDroppedByCaptionId() {
        // image 0 has 7 captions: ids 7 and 6 (rows 0, 1) match it perfectly but are dropped, the kept five
        // (ids 1-5) score 0; image 1 has one caption (s,s) that scores s with image 0
        float[][] rows = {{1, 0}, {1, 0}, {0, 1}, {0, 1}, {0, 1}, {0, 1}, {0, 1}, {S, S}};
        Embeddings captions = Embeddings.of(new long[]{7, 6, 5, 4, 3, 2, 1, 8}, rows);
        Embeddings images = Embeddings.of(new long[]{1, 2}, new float[][]{{1, 0}, {0, 1}});
        int[] captionImage = {0, 0, 0, 0, 0, 0, 0, 1};
        RecallReport report = RetrievalMetrics.evaluate(images, captions, captionImage,
                RetrievalMetrics.Options.standard("x"), Progress.NONE);
        Evaluation e = report.results().get(0).evaluations().get(0);
        assertThat(e.captionRows()).containsExactly(2, 3, 4, 5, 6, 7);
        assertThat(e.imageRanks()).containsExactly(2, 6);
        assertThat(e.captionRanks()).containsExactly(2, 2, 2, 2, 2, 2);
        assertThat(report.captions()).isEqualTo(new RecallReport.CaptionPolicy(5, 2, 8, 6, 1, 1, 0));

        Evaluation all = RetrievalMetrics.evaluate(images, captions, captionImage,
                RetrievalMetrics.Options.standard("x").withCaptionsPerImage(0), Progress.NONE)
                .results().get(0).evaluations().get(0);
        // with all seven kept, image 0 ranks its perfect captions first; image 1 still has five captions ahead
        assertThat(all.imageRanks()).containsExactly(1, 6);
    }

    /** A unit vector in the positive octant on a 71 x 71 grid of directions, distinct for every i < 5041. */
    private static float[] direction(int i) {
        double a = 0.1 + 1.3 * (i / 71) / 70.0;
        double b = 0.5 + 0.9 * (i % 71) / 70.0;
        return new float[]{(float) (Math.cos(a) * Math.sin(b)), (float) (Math.sin(a) * Math.sin(b)),
                (float) Math.cos(b), 0};
    }

    /**
     * 5,000 images with unique directions; in fold f the first 500 + 100 f images are "good" (their five
     * captions equal the image: rank 1 both ways), the rest "bad" (captions on a fourth axis that scores 0
     * with every image: ranked last by pessimistic ties).
     */
    @Test
    void cocoFoldsAverageKnownPerFoldRecalls() {
        int n = 5000;
        float[][] imageRows = new float[n][];
        float[][] captionRows = new float[5 * n][];
        long[] imageIds = new long[n];
        long[] captionIds = new long[5 * n];
        int[] captionImage = new int[5 * n];
        for (int i = 0; i < n; i++) {
            imageRows[i] = direction(i);
            imageIds[i] = i;
            boolean good = i % 1000 < 500 + 100 * (i / 1000);
            for (int c = 0; c < 5; c++) {
                int j = 5 * i + c;
                captionRows[j] = good ? imageRows[i] : new float[]{0, 0, 0, 1};
                captionIds[j] = j;
                captionImage[j] = i;
            }
        }
        Embeddings images = Embeddings.of(imageIds, imageRows).normalized();
        Embeddings captions = Embeddings.of(captionIds, captionRows).normalized();
        RecallReport report = RetrievalMetrics.evaluate(images, captions, captionImage,
                RetrievalMetrics.Options.standard("synthetic 5K"), Progress.NONE);
        assertThat(report.results()).extracting(RecallReport.ProtocolResult::protocol)
                .containsExactly(Protocol.COCO_1K, Protocol.COCO_5K);

        RecallReport.ProtocolResult oneK = report.results().get(0);
        assertThat(oneK.evaluations()).hasSize(5);
        for (int f = 0; f < 5; f++) {
            Evaluation fold = oneK.evaluations().get(f);
            double good = 500 + 100 * f;
            assertThat(fold.images()).isEqualTo(1000);
            assertThat(fold.captions()).isEqualTo(5000);
            assertDirection(fold.imageToText(), 1000, good / 10, good / 10, good / 10, f == 0 ? 2498.5 : 1,
                    (good + (1000 - good) * 4996) / 1000);
            assertDirection(fold.textToImage(), 5000, good / 10, good / 10, good / 10, f == 0 ? 500.5 : 1,
                    (good + (1000 - good) * 1000) / 1000);
            assertThat(fold.textToImage().chance1()).isCloseTo(0.1, within(EPS));
        }
        RecallReport.FoldSummary s = oneK.folds();
        assertThat(s.folds()).isEqualTo(5);
        assertThat(s.imageToText().r1().mean()).isCloseTo(70, within(1e-9));
        assertThat(s.imageToText().r1().std()).isCloseTo(Math.sqrt(200), within(1e-9));
        assertThat(s.textToImage().r10().mean()).isCloseTo(70, within(1e-9));
        assertThat(s.textToImage().medianRank().mean()).isCloseTo((500.5 + 4) / 5, within(1e-9));
        assertThat(s.rsum().mean()).isCloseTo(420, within(1e-9));
        assertThat(s.rsum().std()).isCloseTo(6 * Math.sqrt(200), within(1e-9));

        Evaluation fiveK = report.results().get(1).evaluations().get(0);
        assertDirection(fiveK.imageToText(), 5000, 70, 70, 70, 1, (3500 + 1500 * 24996) / 5000.0);
        assertDirection(fiveK.textToImage(), 25000, 70, 70, 70, 1, (3500 + 1500 * 5000) / 5000.0);
        assertThat(fiveK.rsum()).isCloseTo(420, within(1e-9));

        String table = report.toTable();
        assertThat(table).contains("split: synthetic 5K", "COCO 1K", "COCO 5K", "image -> text", "text -> image",
                "70.0\u00b114.1 (0.10)", "R@1 (chance)");
        String json = report.toJson();
        assertThat(json).contains("\"COCO_1K\"", "\"folds\"", "\"worstImageToText\"").doesNotContain("imageRanks");
    }

    @Test
    void rejectsUnnormalisedInputAndWrongProtocolSizes() {
        Embeddings images = Embeddings.of(new long[]{1}, new float[][]{{2, 0}});
        Embeddings captions = Embeddings.of(new long[]{1}, new float[][]{{1, 0}});
        assertThatThrownBy(() -> RetrievalMetrics.evaluate(images, captions, new int[]{0},
                RetrievalMetrics.Options.standard("x"), Progress.NONE))
                .isInstanceOf(InputException.class).hasMessageContaining("not L2-normalised");
        assertThatThrownBy(() -> RetrievalMetrics.evaluate(images.normalized(), captions, new int[]{0},
                RetrievalMetrics.Options.standard("x").withProtocol(Protocol.COCO_5K), Progress.NONE))
                .hasMessageContaining("exactly 5,000");
        assertThatThrownBy(() -> RetrievalMetrics.evaluate(images.normalized(), captions, new int[]{3},
                RetrievalMetrics.Options.standard("x"), Progress.NONE))
                .hasMessageContaining("outside");
    }

    @Test
    void chanceKeepsTwoSignificantDigitsWithoutExponents() {
        assertThat(RecallReport.chance(0.1)).isEqualTo("0.10");
        assertThat(RecallReport.chance(1)).isEqualTo("1.0");
        assertThat(RecallReport.chance(0.0123)).isEqualTo("0.012");
        assertThat(RecallReport.chance(100)).isEqualTo("100");
    }
}
