package org.dualpath.search;

import org.dualpath.store.EmbeddingStore;
import org.dualpath.store.TinyDataset;
import org.dualpath.vector.Embeddings;
import org.dualpath.vector.TopK;
import org.dualpath.common.InputException;
import org.dualpath.common.Progress;
import org.dualpath.data.Dataset;
import org.dualpath.data.DatasetLoader;
import org.dualpath.data.Split;
import org.dualpath.data.image.ImageDecoder;
import org.dualpath.model.DualPathModel;
import org.dualpath.model.TinyModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SearchServiceTest {
    @TempDir
    static Path dir;

    static DualPathModel model;
    static Dataset dataset;
    static EmbeddingStore store;
    static SearchService search;

    @BeforeAll
    static void setUp() {
        Path modelFile = dir.resolve("model.zip");
        TinyModels.bundle(3).write(modelFile);
        model = DualPathModel.load(modelFile);
        TinyDataset d = TinyDataset.write(dir, 10);
        dataset = DatasetLoader.of(d.captions(), d.images()).instances(d.instances()).load(Progress.NONE);
        store = EmbeddingStore.openOrBuild(model, modelFile, dataset, dir.resolve("index"), DualPathModel.Options.PAPER,
                Progress.NONE);
        search = new SearchService(model, dataset, store);
    }

    /** Scores of {@code q} against every image, as the brute-force reference. */
    private static float[] imageScores(float[] q) {
        return TopK.scores(store.images(), q);
    }

    @Test
    void textQueryRanksImagesByCosine() {
        SearchResult r = search.textToImages("red circle", 10, null);
        assertThat(r.gallery()).isEqualTo(SearchResult.Gallery.IMAGES);
        assertThat(r.hits()).hasSize(10);
        float[] scores = imageScores(model.embedQuery("red circle", DualPathModel.Options.PAPER));
        for (int i = 0; i < 10; i++) {
            TopK.Hit h = r.hits().get(i);
            assertThat(h.score()).isEqualTo(scores[h.row()]);
            assertThat(h.id()).isEqualTo(store.images().id(h.row()));
            if (i > 0) {
                assertThat(h.score()).isLessThanOrEqualTo(r.hits().get(i - 1).score());
            }
        }
        assertThat(r.groundTruthRank()).isEmpty();
    }

    @Test
    void datasetCaptionGetsThePessimisticRankOfItsImage() {
        String caption = "a blue square left of a circle 4";
        SearchResult r = search.textToImages("  A blue square left of a circle 4 ", 1, null);
        assertThat(r.groundTruthRows()).containsExactly(3);
        float[] scores = imageScores(model.embedQuery(caption, DualPathModel.Options.PAPER));
        int expected = 1 + (int) IntStream.range(0, scores.length).filter(i -> i != 3 && scores[i] >= scores[3]).count();
        assertThat(r.groundTruthRank()).hasValue(expected);
        assertThat(r.hits()).hasSize(1);
    }

    @Test
    void imageIdQueryRanksItsOwnCaptionsEvenOutsideTopK() {
        SearchResult r = search.imageIdToTexts(5, 1);
        assertThat(r.gallery()).isEqualTo(SearchResult.Gallery.CAPTIONS);
        assertThat(r.groundTruthRows()).containsExactly(8, 9);
        float[] scores = TopK.scores(store.captions(), store.images().row(4));
        float best = Math.max(scores[8], scores[9]);
        int expected = 1 + (int) IntStream.range(0, scores.length).filter(j -> j != 8 && j != 9 && scores[j] >= best).count();
        assertThat(r.groundTruthRank()).hasValue(expected);
        assertThat(search.imageIdToImages(5, 3, null).hits().get(0).id()).isEqualTo(5);
        assertThatThrownBy(() -> search.imageIdToTexts(99, 5)).isInstanceOf(InputException.class)
                .hasMessageContaining("image id 99 is not in the index");
    }

    @Test
    void filtersRestrictHitsAndRank() {
        IntPredicate squares = ImageFilter.over(dataset, store.images()).category("square").build();
        SearchResult r = search.textToImages("a red circle", 10, squares);
        assertThat(r.hits()).hasSize(5).allMatch(h -> h.id() % 2 == 0);
        // the caption's own image (1) is a circle: filtered out, so there is no rank
        assertThat(r.groundTruthRank()).isEmpty();

        IntPredicate test = ImageFilter.over(dataset, store.images()).split(Split.TEST).supercategory("shape").build();
        assertThat(search.textToImages("circle", 10, test).hits())
                .allMatch(h -> dataset.split(h.id()) == Split.TEST)
                .hasSize(dataset.images(Split.TEST).size());
        assertThatThrownBy(() -> ImageFilter.over(dataset, store.images()).category("dog"))
                .isInstanceOf(InputException.class).hasMessage("unknown category \"dog\"; known: circle, square");
    }

    @Test
    void combinedQueryIsTheRenormalisedWeightedSum() {
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
        SearchResult r = search.combined(parts, 10, null);
        for (TopK.Hit h : r.hits()) {
            assertThat(h.score()).isCloseTo(scores[h.row()], within(1e-5f));
        }
        assertThat(WeightedQuery.parse("a red circle +blue square -left")).containsExactly(
                WeightedQuery.text("a red circle", 1), WeightedQuery.text("blue square", 1), WeightedQuery.text("left", -1));
        assertThat(WeightedQuery.parse("-red")).containsExactly(WeightedQuery.text("red", -1));
        assertThat(WeightedQuery.parse("red-blue")).containsExactly(WeightedQuery.text("red-blue", 1));
        assertThatThrownBy(() -> search.combined(List.of(WeightedQuery.text("red", 1), WeightedQuery.text("red", -1)), 3, null))
                .isInstanceOf(InputException.class).hasMessageContaining("cancel out");
    }

    @Test
    void textToTextsAndImageToTexts() {
        SearchResult t = search.textToTexts("a red circle", 3);
        assertThat(t.gallery()).isEqualTo(SearchResult.Gallery.CAPTIONS);
        assertThat(search.captionText(t.hits().get(0).row())).isEqualTo("a red circle");
        SearchResult i = search.imageToTexts(ImageDecoder.decode(dir.resolve("images/3.png")), 20);
        assertThat(i.hits()).hasSize(20);
        assertThat(search.imageToImages(ImageDecoder.decode(dir.resolve("images/3.png")), 1, null).hits().get(0).id())
                .isEqualTo(3);
    }
}
