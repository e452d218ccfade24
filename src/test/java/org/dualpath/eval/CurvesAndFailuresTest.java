package org.dualpath.eval;

import org.dualpath.common.InputException;
import org.dualpath.common.Progress;
import org.dualpath.eval.RecallReport.Evaluation;
import org.dualpath.vector.Embeddings;
import org.dualpath.vector.TopK;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CurvesAndFailuresTest {
    private static final float S = (float) Math.sqrt(0.5);

    /** The hand-computed set of RetrievalMetricsTest: image ranks 1, 3, 3 (i3 no query), caption ranks 2, 2, 4. */
    private static EvalGallery tiny() {
        Embeddings images = Embeddings.of(new long[]{100, 101, 102, 103}, new float[][]{{1, 0}, {S, S}, {0, 1}, {1, 0}});
        Embeddings captions = Embeddings.of(new long[]{10, 11, 12}, new float[][]{{1, 0}, {-1, 0}, {0, -1}});
        return new EvalGallery(images, captions, new int[]{0, 1, 2});
    }

    private static Evaluation evaluate(EvalGallery g) {
        return RetrievalMetrics.evaluate(g.images(), g.captions(), g.captionImage(),
                RetrievalMetrics.Options.standard("t"), Progress.NONE).results().get(0).evaluations().get(0);
    }

    @Test
    void recallCurveAndHistogramFromRanks() {
        RankCurves c = RankCurves.of(new int[]{1, 3, 3, 0, 7, 150}, 10);
        assertThat(c.recallAtK()).hasSize(10);
        assertThat(c.recallAtK()[0]).isCloseTo(20, within(1e-9));
        assertThat(c.recallAtK()[2]).isCloseTo(60, within(1e-9));
        assertThat(c.recallAtK()[9]).isCloseTo(80, within(1e-9));
        assertThat(c.histogram()).containsExactly(1, 2, 1, 0, 0, 0, 1);
        assertThat(RankCurves.BIN_LABELS).hasSameSizeAs(RankCurves.BIN_UPPER);
    }

    @Test
    void theCurveHoldsTheTablesRecallAtOneFiveAndTen() {
        Random random = new Random(7);
        float[][] im = new float[60][8];
        float[][] cap = new float[120][8];
        int[] owner = new int[120];
        for (int i = 0; i < 60; i++) {
            for (int d = 0; d < 8; d++) {
                im[i][d] = (float) random.nextGaussian();
            }
        }
        for (int j = 0; j < 120; j++) {
            owner[j] = j / 2;
            for (int d = 0; d < 8; d++) {
                cap[j][d] = im[owner[j]][d] + (float) random.nextGaussian();
            }
        }
        long[] imageIds = java.util.stream.LongStream.range(0, 60).toArray();
        long[] captionIds = java.util.stream.LongStream.range(1000, 1120).toArray();
        EvalGallery g = new EvalGallery(Embeddings.of(imageIds, im).normalized(), Embeddings.of(captionIds, cap).normalized(), owner);
        Evaluation e = evaluate(g);
        RankCurves i2t = RankCurves.of(e.imageRanks(), 100);
        RankCurves t2i = RankCurves.of(e.captionRanks(), 100);
        assertThat(i2t.recallAtK()[0]).isEqualTo(e.imageToText().r1());
        assertThat(i2t.recallAtK()[4]).isEqualTo(e.imageToText().r5());
        assertThat(i2t.recallAtK()[9]).isEqualTo(e.imageToText().r10());
        assertThat(t2i.recallAtK()[0]).isEqualTo(e.textToImage().r1());
        assertThat(t2i.recallAtK()[9]).isEqualTo(e.textToImage().r10());
        assertThat(t2i.recallAtK()[99]).isEqualTo(100);
    }

    @Test
    void failureCasesNameWhatOutrankedTheGroundTruth() {
        EvalGallery g = tiny();
        Evaluation e = evaluate(g);
        List<FailureCase> i2t = FailureCase.of(g, e, FailureCase.Direction.IMAGE_TO_TEXT, 5);
        // worst first: i1 and i2 at rank 3 (row order breaks the tie)
        assertThat(i2t).extracting(FailureCase::queryId).startsWith(101L, 102L);
        FailureCase i1 = i2t.get(0);
        assertThat(i1.rank()).isEqualTo(3);
        assertThat(i1.truthId()).isEqualTo(11);
        assertThat(i1.truthScore()).isCloseTo(-S, within(1e-6f));
        // a ranks ahead, c ties with b and so ranks ahead too: rank - 1 items above
        assertThat(i1.above()).extracting(TopK.Hit::id).containsExactly(10L, 12L);

        List<FailureCase> t2i = FailureCase.of(g, e, FailureCase.Direction.TEXT_TO_IMAGE, 2);
        FailureCase c = t2i.get(0);
        assertThat(c.queryId()).isEqualTo(12);
        assertThat(c.rank()).isEqualTo(4);
        assertThat(c.truthId()).isEqualTo(102);
        assertThat(c.above()).hasSize(2).allMatch(h -> h.score() >= c.truthScore());
    }

    @Test
    void aSubsetKeepsItsImagesAndTheirCaptions() {
        EvalGallery g = tiny();
        EvalGallery odd = EvalGallery.of(g.images(), g.captions(), g.captionImage(), r -> r % 2 == 1);
        assertThat(odd.images().ids()).containsExactly(101L, 103L);
        assertThat(odd.captions().ids()).containsExactly(11L);
        assertThat(odd.captionImage()).containsExactly(0);
        assertThatThrownBy(() -> EvalGallery.of(g.images(), g.captions(), g.captionImage(), r -> false))
                .isInstanceOf(InputException.class).hasMessageContaining("no image to evaluate");
    }
}
