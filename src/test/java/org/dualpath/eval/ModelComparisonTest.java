package org.dualpath.eval;

import org.dualpath.common.InputException;
import org.dualpath.common.Progress;
import org.dualpath.eval.ModelComparison.DirectionComparison;
import org.dualpath.eval.ModelComparison.QueryRanks;
import org.dualpath.vector.Embeddings;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * A hand-built pair of models on images 100, 101, 102 with captions 10, 11, 12 (one each, in that order). Model A
 * (2-d) ranks the ground truth: image → text 2, 3, 1; text → image 1, 2, 3. Model B (3-d, rows in another order)
 * ranks it: image → text 3, 2, 1; text → image 3, 1, 1.
 */
class ModelComparisonTest {
    private static EvalGallery modelA() {
        Embeddings images = Embeddings.of(new long[]{100, 101, 102}, new float[][]{{1, 0}, {0, 1}, {-1, 0}});
        Embeddings captions = Embeddings.of(new long[]{10, 11, 12}, new float[][]{{1, 0}, {1, 0}, {0, 1}});
        return new EvalGallery(images, captions, new int[]{0, 1, 2});
    }

    /** B's rows: images 102, 100, 101 and captions 12, 10, 11, so queries can only be matched by id. */
    private static EvalGallery modelB() {
        Embeddings images = Embeddings.of(new long[]{102, 100, 101}, new float[][]{{0, 0, 1}, {1, 0, 0}, {0, 1, 0}});
        Embeddings captions = Embeddings.of(new long[]{12, 10, 11}, new float[][]{{0, 0, 1}, {0, 1, 0}, {0, 1, 0}});
        return new EvalGallery(images, captions, new int[]{0, 1, 2});
    }

    @Test
    void ranksAreMatchedByIdAndTheChangesAreKnown() {
        ModelComparison c = ModelComparison.of("test", modelA(), modelB(), 5, Progress.NONE);
        assertThat(c.images()).isEqualTo(3);
        assertThat(c.captions()).isEqualTo(3);
        assertThat(c.imagesLeftOut()).isZero();
        assertThat(c.imageToText().queries()).containsExactly(new QueryRanks(100, 2, 3), new QueryRanks(101, 3, 2),
                new QueryRanks(102, 1, 1));
        assertThat(c.textToImage().queries()).containsExactly(new QueryRanks(10, 1, 3), new QueryRanks(11, 2, 1),
                new QueryRanks(12, 3, 1));

        assertThat(c.imageToText().improved()).containsExactly(new QueryRanks(101, 3, 2));
        assertThat(c.imageToText().regressed()).containsExactly(new QueryRanks(100, 2, 3));
        assertThat(c.imageToText().unchanged()).isEqualTo(1);
        assertThat(c.textToImage().improved()).extracting(QueryRanks::queryId).containsExactly(12L, 11L);
        assertThat(c.textToImage().regressed()).extracting(QueryRanks::change).containsExactly(-2);
        assertThat(c.textToImage().unchanged()).isZero();
    }

    @Test
    void theFiguresAreEachModelsOwnEvaluationAndTheirDifference() {
        ModelComparison c = ModelComparison.of("test", modelA(), modelB(), 5, Progress.NONE);
        RecallReport.Evaluation a = evaluate(modelA());
        RecallReport.Evaluation b = evaluate(modelB());
        assertThat(c.textToImage().a()).isEqualTo(a.textToImage());
        assertThat(c.textToImage().b()).isEqualTo(b.textToImage());
        assertThat(c.imageToText().a()).isEqualTo(a.imageToText());
        assertThat(c.textToImage().change().r1()).isCloseTo(100.0 * 2 / 3 - 100.0 / 3, within(1e-9));
        assertThat(c.textToImage().change().medianRank()).isEqualTo(1 - 2);
        assertThat(c.imageToText().change().r1()).isZero();
        assertThat(c.rsumChange()).isEqualTo(b.rsum() - a.rsum());
    }

    @Test
    void equalChangesPutTheQueryNearerTheTopFirstThenTheSmallerId() {
        RecallReport.DirectionMetrics any = new RecallReport.DirectionMetrics(7, 0, 0, 0, 0, 0, 0, 0, 0);
        DirectionComparison d = DirectionComparison.of(FailureCase.Direction.TEXT_TO_IMAGE, any, any, List.of(
                new QueryRanks(5, 10, 8), new QueryRanks(7, 4, 2), new QueryRanks(3, 4, 2), new QueryRanks(4, 30, 20),
                new QueryRanks(2, 5, 7), new QueryRanks(1, 1, 3), new QueryRanks(9, 2, 2)));
        assertThat(d.improved()).extracting(QueryRanks::queryId).containsExactly(4L, 3L, 7L, 5L);
        assertThat(d.regressed()).extracting(QueryRanks::queryId).containsExactly(1L, 2L);
        assertThat(d.unchanged()).isEqualTo(1);
        assertThat(d.improvedCount()).isEqualTo(4);
    }

    @Test
    void anImageOnlyOneModelHoldsIsLeftOutAndCounted() {
        EvalGallery a = modelA();
        Embeddings images = Embeddings.of(new long[]{100, 101, 102, 103}, new float[][]{{1, 0}, {0, 1}, {-1, 0}, {0, -1}});
        Embeddings captions = Embeddings.of(new long[]{10, 11, 12, 13}, new float[][]{{1, 0}, {1, 0}, {0, 1}, {0, -1}});
        EvalGallery withExtra = new EvalGallery(images, captions, new int[]{0, 1, 2, 3});
        ModelComparison c = ModelComparison.of("test", withExtra, modelB(), 5, Progress.NONE);
        assertThat(c.imagesLeftOut()).isEqualTo(1);
        assertThat(c.textToImage().queries()).isEqualTo(ModelComparison.of("test", a, modelB(), 5, Progress.NONE)
                .textToImage().queries());
    }

    @Test
    void theJsonHoldsBothModelsFiguresAndEveryQuerysRanks() {
        String json = ModelComparison.of("test", modelA(), modelB(), 5, Progress.NONE)
                .toJson(Map.of("modelA", "a.zip"));
        assertThat(json).startsWith("{\n  \"modelA\" : \"a.zip\"").contains("\"rsumChange\"", "\"imageToText\"",
                "\"improvedCount\" : 2", "{\n      \"queryId\" : 12,\n      \"rankA\" : 3,\n      \"rankB\" : 1\n    }");
    }

    @Test
    void modelsWithoutASharedImageOrWithOtherCaptionsAreRefused() {
        Embeddings other = Embeddings.of(new long[]{200}, new float[][]{{1, 0}});
        Embeddings otherCaption = Embeddings.of(new long[]{20}, new float[][]{{1, 0}});
        assertThatThrownBy(() -> ModelComparison.of("test", modelA(), new EvalGallery(other, otherCaption, new int[]{0}),
                5, Progress.NONE)).isInstanceOf(InputException.class).hasMessageContaining("share no image");
        EvalGallery b = modelB();
        EvalGallery fewerCaptions = new EvalGallery(b.images(), b.captions().rows(new int[]{0, 1}), new int[]{0, 1});
        assertThatThrownBy(() -> ModelComparison.of("test", modelA(), fewerCaptions, 5, Progress.NONE))
                .isInstanceOf(InputException.class).hasMessage("model A's vectors hold 3 captions of the shared images, "
                        + "model B's 2; embed the same captions file with both models");
    }

    private static RecallReport.Evaluation evaluate(EvalGallery g) {
        return RetrievalMetrics.evaluate(g.images(), g.captions(), g.captionImage(),
                RetrievalMetrics.Options.standard("test").withProtocol(Protocol.ALL), Progress.NONE)
                .results().get(0).evaluations().get(0);
    }
}
