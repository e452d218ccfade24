package org.dualpath.app.viewmodel;

import org.dualpath.common.Progress;
import org.dualpath.eval.FailureCase;
import org.dualpath.report.DescribedFailure;
import org.dualpath.eval.RecallReport;
import org.dualpath.eval.RetrievalMetrics;
import org.dualpath.store.EmbeddingStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.prefs.BackingStoreException;

import static org.assertj.core.api.Assertions.assertThat;

/** The Evaluate tab's view-model without the JavaFX toolkit. */
class EvaluateViewModelTest {
    @TempDir
    Path dir;
    private ViewModelFixture f;
    private QueryViewModel query;
    private EvaluateViewModel evaluate;
    private GalleryViewModel gallery;

    @BeforeEach
    void setUp() {
        f = new ViewModelFixture(dir);
        query = f.query();
        gallery = f.gallery();
        evaluate = new EvaluateViewModel(f.jobs, f.open.getReadOnlyProperty(), f.searcher.getReadOnlyProperty(),
                gallery, query);
        f.searcher.set(f.service);
    }

    @AfterEach
    void tearDown() throws BackingStoreException {
        f.close();
    }

    @Test
    void theFiguresAreThoseOfRetrievalMetricsOnTheSameVectorsBitForBit() {
        evaluate.scopeProperty().set(EvaluateViewModel.Scope.ALL);
        evaluate.evaluate();
        EvaluateViewModel.Result r = evaluate.resultProperty().get();
        EmbeddingStore store = f.service.store();
        RecallReport direct = RetrievalMetrics.evaluate(store.images(), store.captions(), store.captionImageRows(),
                RetrievalMetrics.Options.standard("all"), Progress.NONE);
        RecallReport.Evaluation e = direct.results().get(0).evaluations().get(0);
        assertThat(r.rows().get(0).r1()).isEqualTo(e.imageToText().r1());
        assertThat(r.rows().get(0).r10()).isEqualTo(e.imageToText().r10());
        assertThat(r.rows().get(0).chance1()).isEqualTo(e.imageToText().chance1());
        assertThat(r.rows().get(1).r5()).isEqualTo(e.textToImage().r5());
        assertThat(r.rows().get(1).medianRank()).isEqualTo(e.textToImage().medianRank());
        assertThat(r.rsum()).isEqualTo(e.rsum());
        assertThat(r.imageToText().recallAtK()[0]).isEqualTo(e.imageToText().r1());
        assertThat(r.rows().get(0).queries()).isEqualTo(10);
        assertThat(evaluate.noteProperty().get()).startsWith("all images · all test images · rsum ");
    }

    @Test
    void theTestSplitIsEvaluatedAloneAndAResultIsKeptForTheSession() {
        evaluate.evaluate();
        EvaluateViewModel.Result test = evaluate.resultProperty().get();
        long testImages = f.dataset.images(org.dualpath.data.Split.TEST).size();
        assertThat(test.rows().get(0).queries()).isEqualTo((int) testImages);
        evaluate.scopeProperty().set(EvaluateViewModel.Scope.ALL);
        evaluate.evaluate();
        evaluate.scopeProperty().set(EvaluateViewModel.Scope.TEST);
        evaluate.evaluate();
        assertThat(evaluate.resultProperty().get()).isSameAs(test);
        assertThat(evaluate.noteProperty().get()).endsWith("kept from earlier in this session");
    }

    @Test
    void failuresAreListedWorstFirstFilteredAndOpenTheirQuery() {
        evaluate.scopeProperty().set(EvaluateViewModel.Scope.ALL);
        evaluate.evaluate();
        assertThat(evaluate.failures()).isNotEmpty().allMatch(x -> x.direction() == FailureCase.Direction.TEXT_TO_IMAGE);
        for (int i = 1; i < evaluate.failures().size(); i++) {
            assertThat(evaluate.failures().get(i).rank()).isLessThanOrEqualTo(evaluate.failures().get(i - 1).rank());
        }
        DescribedFailure worst = evaluate.failures().get(0);
        assertThat(worst.above()).hasSize(Math.min(EvaluateViewModel.ABOVE, worst.rank() - 1));

        evaluate.failureDirectionProperty().set(FailureCase.Direction.IMAGE_TO_TEXT);
        assertThat(evaluate.failures()).allMatch(x -> x.direction() == FailureCase.Direction.IMAGE_TO_TEXT);
        evaluate.failureCategoryProperty().set("circle");
        assertThat(evaluate.failures()).isNotEmpty().allMatch(x -> x.categories().contains("circle"));
        evaluate.minRankProperty().set(1_000);
        assertThat(evaluate.failures()).isEmpty();

        evaluate.minRankProperty().set(1);
        DescribedFailure imageFailure = evaluate.failures().get(0);
        evaluate.open(imageFailure);
        assertThat(query.imageProperty().get().imageId()).isEqualTo(imageFailure.image().id());
        assertThat(query.captions()).anyMatch(CaptionResult::truth);

        evaluate.failureDirectionProperty().set(FailureCase.Direction.TEXT_TO_IMAGE);
        evaluate.open(evaluate.failures().get(0));
        assertThat(query.textProperty().get()).isEqualTo(evaluate.failures().get(0).query());
    }

    @Test
    void perCategoryRecallIsCountedOverTheImagesOfEachCategoryAndListedWeakestFirst() {
        evaluate.scopeProperty().set(EvaluateViewModel.Scope.ALL);
        evaluate.evaluate();
        EmbeddingStore store = f.service.store();
        RecallReport.Evaluation e = evaluate.resultProperty().get().report().results().get(0).evaluations().get(0);
        assertThat(evaluate.categories()).isNotEmpty()
                .extracting(RecallReport.CategoryRecall::category).contains("circle");
        for (RecallReport.CategoryRecall c : evaluate.categories()) {
            int queries = 0;
            int hits = 0;
            for (int i = 0; i < e.imageRanks().length; i++) {
                boolean has = f.dataset.categories(store.images().id(i)).stream()
                        .anyMatch(x -> x.category().name().equals(c.category()));
                if (has && e.imageRanks()[i] > 0) {
                    queries++;
                    hits += e.imageRanks()[i] == 1 ? 1 : 0;
                }
            }
            assertThat(c.imageQueries()).as(c.category()).isEqualTo(queries);
            assertThat(c.imageToText(1)).as(c.category()).isCloseTo(100.0 * hits / queries, org.assertj.core.data.Offset.offset(1e-9));
        }
        for (int k : RecallReport.CategoryRecall.KS) {
            evaluate.categoryKProperty().set(k);
            for (int i = 1; i < evaluate.categories().size(); i++) {
                RecallReport.CategoryRecall a = evaluate.categories().get(i - 1);
                RecallReport.CategoryRecall b = evaluate.categories().get(i);
                assertThat(a.imageToText(k) + a.textToImage(k)).isLessThanOrEqualTo(b.imageToText(k) + b.textToImage(k));
            }
        }
        RecallReport direct = RetrievalMetrics.evaluate(store.images(), store.captions(), store.captionImageRows(),
                RetrievalMetrics.Options.standard("all").withCategories(org.dualpath.report.DatasetCategories.byRow(f.dataset, store.images())), Progress.NONE);
        assertThat(evaluate.categories()).containsExactlyInAnyOrderElementsOf(
                direct.results().get(0).evaluations().get(0).categories());
    }

    @Test
    void aCaptionFailureOfTheTestSplitRanksInResultsAsInTheEvaluation() {
        evaluate.evaluate();
        DescribedFailure worst = evaluate.failures().get(0);
        evaluate.open(worst);
        assertThat(gallery.splitProperty().get()).isEqualTo(org.dualpath.data.Split.TEST);
        assertThat(query.summaryProperty().get()).contains("rank " + worst.rank() + " of "
                + f.dataset.images(org.dualpath.data.Split.TEST).size());
    }

    @Test
    void withoutAModelItSaysSo() {
        f.searcher.set(null);
        evaluate.evaluate();
        assertThat(evaluate.noteProperty().get()).isEqualTo("evaluation needs a model: " + ExplorerViewModel.NO_MODEL);
        assertThat(org.dualpath.report.PublishedFigures.forDataset("captions_val2014")).contains("COCO 1K test");
        assertThat(org.dualpath.report.PublishedFigures.forDataset("shapes-demo")).isEmpty();
    }
}
