package org.dualpath.search;

import org.dualpath.common.InputException;
import org.dualpath.common.Progress;
import org.dualpath.data.Dataset;
import org.dualpath.data.DatasetLoader;
import org.dualpath.data.ImageFilter;
import org.dualpath.data.Split;
import org.dualpath.data.image.ImageDecoder;
import org.dualpath.model.DualPathModel;
import org.dualpath.model.TinyModels;
import org.dualpath.store.EmbeddingStore;
import org.dualpath.store.TinyDataset;
import org.dualpath.vector.Embeddings;
import org.dualpath.vector.TopK;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class QueryServiceTest {
    @TempDir
    static Path dir;

    static DualPathModel model;
    static Dataset dataset;
    static EmbeddingStore store;
    static CountingEncoder encoder;
    static QueryService service;

    @BeforeAll
    static void setUp() {
        Path modelFile = dir.resolve("model.zip");
        TinyModels.bundle(3).write(modelFile);
        model = DualPathModel.load(modelFile);
        TinyDataset d = TinyDataset.write(dir, 10);
        dataset = DatasetLoader.of(d.captions(), d.images()).instances(d.instances()).load(Progress.NONE);
        store = EmbeddingStore.openOrBuild(model, modelFile, dataset, dir.resolve("index"), DualPathModel.Options.PAPER,
                Progress.NONE);
        encoder = new CountingEncoder(QueryEncoder.of(model, DualPathModel.Options.PAPER));
        service = new QueryService(encoder, dataset, store);
    }

    @BeforeEach
    void resetCounts() {
        encoder.reset();
    }

    /** Scores of {@code q} against every image, as the brute-force reference. */
    private static float[] imageScores(float[] q) {
        return TopK.scores(store.images(), q);
    }

    @Test
    void typedTextIsEmbeddedOnceForBothRankings() {
        Answer a = service.answer(new Query.Text("red circle"), 10, null);
        assertThat(encoder.textPasses()).isEqualTo(1);
        assertThat(encoder.imagePasses()).isZero();
        float[] q = model.embedQuery("red circle", DualPathModel.Options.PAPER);
        assertThat(a.vector()).containsExactly(q);
        float[] scores = imageScores(q);
        assertThat(a.images().entries()).hasSize(10);
        for (int i = 0; i < 10; i++) {
            Ranking.Entry e = a.images().entries().get(i);
            assertThat(e.rank()).isEqualTo(i + 1);
            assertThat(e.score()).isEqualTo(scores[store.images().rowOf(e.id())]);
            if (i > 0) {
                assertThat(e.score()).isLessThanOrEqualTo(a.images().entries().get(i - 1).score());
            }
        }
        assertThat(a.images().truthRank()).isZero();
        assertThat(a.images().gallerySize()).isEqualTo(10);
        float[] captionScores = TopK.scores(store.captions(), q);
        assertThat(a.captions().entries().get(0).score()).isEqualTo(
                (float) IntStream.range(0, captionScores.length).mapToDouble(j -> captionScores[j]).max().orElseThrow());
        assertThat(a.captions().gallerySize()).isEqualTo(store.captions().size());
    }

    @Test
    void datasetCaptionGetsThePessimisticRankOfItsImage() {
        String caption = "a blue square left of a circle 4";
        Answer a = service.answer(new Query.Text("  A blue square left of a circle 4 "), 1, null);
        assertThat(a.images().truthIds()).containsExactly(4L);
        float[] scores = imageScores(model.embedQuery(caption, DualPathModel.Options.PAPER));
        int expected = 1 + (int) IntStream.range(0, scores.length).filter(i -> i != 3 && scores[i] >= scores[3]).count();
        assertThat(a.images().truthRank()).isEqualTo(expected);
        assertThat(a.images().entries()).hasSize(1);
    }

    @Test
    void datasetImageUsesItsStoredVectorAndRanksItsOwnCaptionsEvenOutsideTopK() {
        Answer a = service.answer(new Query.Item(5, "5.png"), 1, null);
        assertThat(encoder.imagePasses() + encoder.textPasses()).isZero();
        assertThat(a.vector()).containsExactly(store.images().row(4));
        long[] own = {store.captions().id(8), store.captions().id(9)};
        assertThat(a.captions().truthIds()).containsExactly(own);
        float[] scores = TopK.scores(store.captions(), store.images().row(4));
        float best = Math.max(scores[8], scores[9]);
        int expected = 1 + (int) IntStream.range(0, scores.length).filter(j -> j != 8 && j != 9 && scores[j] >= best).count();
        assertThat(a.captions().truthRank()).isEqualTo(expected);
        assertThat(a.images().entries().get(0).id()).isEqualTo(5);
        assertThat(a.images().entries().get(0).truth()).isTrue();
        assertThat(a.images().truthRank()).isEqualTo(1);
        assertThatThrownBy(() -> service.answer(new Query.Item(99, "99.png"), 5, null)).isInstanceOf(InputException.class)
                .hasMessageContaining("image id 99 is not in the index");
    }

    @Test
    void droppedPixelsAreEmbeddedOnceForBothRankings() {
        BufferedImage pixels = ImageDecoder.decode(dir.resolve("images/3.png"));
        Answer a = service.answer(new Query.Pixels("3.png", pixels), 20, null);
        assertThat(encoder.imagePasses()).isEqualTo(1);
        assertThat(encoder.textPasses()).isZero();
        assertThat(a.captions().entries()).hasSize(20);
        assertThat(a.images().entries().get(0).id()).isEqualTo(3);
        assertThat(a.images().truthIds()).isEmpty();
    }

    @Test
    void imageFilterByIdRestrictsHitsAndRank() {
        LongPredicate squares = ImageFilter.over(dataset).category("square").predicate();
        Answer a = service.answer(new Query.Text("a red circle"), 10, squares);
        assertThat(a.images().entries()).hasSize(5).allMatch(e -> e.id() % 2 == 0);
        assertThat(a.images().gallerySize()).isEqualTo(5);
        // the images with this caption are circles: filtered out, so there is no rank, but they are named
        assertThat(a.images().truthRank()).isZero();
        assertThat(a.images().truthIds()).containsExactly(1L, 3L, 5L, 7L, 9L);
        assertThat(a.captions().entries()).hasSize(10);

        LongPredicate test = ImageFilter.over(dataset).split(Split.TEST).supercategory("shape").predicate();
        assertThat(service.answer(new Query.Text("circle"), 10, test).images().entries())
                .allMatch(e -> dataset.split(e.id()) == Split.TEST)
                .hasSize(dataset.images(Split.TEST).size());
        assertThat(ImageFilter.over(dataset).predicate()).isNull();
        assertThat(ImageFilter.over(dataset).only(java.util.Set.of(2L, 3L)).images()).extracting(i -> i.id())
                .containsExactly(2L, 3L);
        assertThatThrownBy(() -> ImageFilter.over(dataset).category("dog"))
                .isInstanceOf(InputException.class).hasMessage("unknown category \"dog\"; known: circle, square");
    }

    @Test
    void combinedQueryIsTheRenormalisedWeightedSumWithOnePassPerPart() {
        BufferedImage image = ImageDecoder.decode(dir.resolve("images/2.png"));
        List<WeightedQuery> parts = List.of(WeightedQuery.text("red circle", 1), WeightedQuery.text("square", -0.5),
                WeightedQuery.image(image, 2));
        float[] a = model.embedQuery("red circle", DualPathModel.Options.PAPER);
        float[] b = model.embedQuery("square", DualPathModel.Options.PAPER);
        float[] c = model.embedImage(image, DualPathModel.Options.PAPER);
        float[] sum = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            sum[i] = a[i] - 0.5f * b[i] + 2 * c[i];
        }
        float[] scores = imageScores(Embeddings.normalize(sum));
        Answer r = service.answer(new Query.Combined("mix", parts), 10, null);
        assertThat(encoder.textPasses()).isEqualTo(2);
        assertThat(encoder.imagePasses()).isEqualTo(1);
        for (Ranking.Entry e : r.images().entries()) {
            assertThat(e.score()).isCloseTo(scores[store.images().rowOf(e.id())], within(1e-5f));
        }
        assertThat(r.captions().entries()).hasSize(10);
        assertThat(WeightedQuery.parse("a red circle +blue square -left")).containsExactly(
                WeightedQuery.text("a red circle", 1), WeightedQuery.text("blue square", 1), WeightedQuery.text("left", -1));
        assertThat(WeightedQuery.parse("-red")).containsExactly(WeightedQuery.text("red", -1));
        assertThat(WeightedQuery.parse("red-blue")).containsExactly(WeightedQuery.text("red-blue", 1));
        assertThatThrownBy(() -> service.answer(Query.typed("red -red"), 3, null))
                .isInstanceOf(InputException.class).hasMessageContaining("cancel out");
    }

    @Test
    void typedTextWithPartsIsCombinedAndPlainTextIsNot() {
        assertThat(Query.typed(" a red circle ")).isEqualTo(new Query.Text("a red circle"));
        Query combined = Query.typed("a red circle +star -square");
        assertThat(combined).isInstanceOf(Query.Combined.class);
        assertThat(((Query.Combined) combined).parts()).extracting(WeightedQuery::weight).containsExactly(1.0, 1.0, -1.0);
        assertThat(combined.label()).isEqualTo("“a red circle +star -square”");
        assertThatThrownBy(() -> Query.typed("red +")).isInstanceOf(InputException.class).hasMessageContaining("without words");
    }

    @Test
    void captionsAreFoundById() {
        Answer a = service.answer(new Query.Text("a red circle"), 3, null);
        assertThat(service.caption(a.captions().entries().get(0).id()).caption()).isEqualTo("a red circle");
        assertThat(service.caption(-7)).isNull();
    }

    /** The explorer opens search on a dataset with unreadable images: they are never ranked, their captions are. */
    @Test
    void aStoreWithSkippedImagesAnswersWithoutThemAndSaysWhyOneIsMissing() {
        TinyDataset d = TinyDataset.writeWithBadImages(dir.resolve("bad"), 6);
        Dataset bad = DatasetLoader.of(d.captions(), d.images()).instances(d.instances()).load(Progress.NONE);
        QueryService withSkipped = QueryService.open(model, dir.resolve("model.zip"), bad, d.captions(),
                dir.resolve("bad-cache"), DualPathModel.Options.PLAIN, Progress.NONE);
        assertThat(withSkipped.scope()).isEqualTo("3 images, 12 captions");

        Answer typed = withSkipped.answer(new Query.Text(TinyDataset.caption(2)), 10, null);
        assertThat(typed.images().entries()).extracting(Ranking.Entry::id).containsExactlyInAnyOrder(1L, 3L, 6L);
        assertThat(typed.captions().entries()).extracting(Ranking.Entry::id).contains(20L, 40L);
        // "a blue square" is the caption of images 2, 4 and 6: only 6 was embedded
        assertThat(typed.images().truthIds()).containsExactly(6L);
        assertThat(withSkipped.caption(21).caption()).isEqualTo(TinyDataset.caption(2) + " left of a circle 2");

        Answer item = withSkipped.answer(new Query.Item(3, "3.png"), 12, null);
        assertThat(item.captions().truthIds()).containsExactly(30L, 31L);
        assertThatThrownBy(() -> withSkipped.answer(new Query.Item(2, "2.png"), 3, null))
                .isInstanceOf(InputException.class)
                .hasMessage("image 2.png (id 2) is not in the index " + withSkipped.store().dir()
                        + ": it could not be read (empty file (0 bytes), not an image); repair the file and embed the dataset again");
    }
}
