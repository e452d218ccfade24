package org.dualpath.app.viewmodel;

import org.dualpath.data.CocoImage;
import org.dualpath.data.ImageFilter;
import org.dualpath.data.image.ImageFixtures;
import org.dualpath.search.Query;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.prefs.BackingStoreException;

import static org.assertj.core.api.Assertions.assertThat;

/** The query view-model without the JavaFX toolkit: same-thread jobs, a manual clock for the debounce. */
class QueryViewModelTest {
    @TempDir
    Path dir;
    private ViewModelFixture f;
    private QueryViewModel query;

    @BeforeEach
    void setUp() {
        f = new ViewModelFixture(dir);
        query = f.query();
        f.searcher.set(f.service);
        // the warm-up queries a new searcher runs
        f.encoder.reset();
    }

    @AfterEach
    void tearDown() throws BackingStoreException {
        f.close();
    }

    @Test
    void typingSearchesOnceTheDebounceHasPassedWithOneTextPass() {
        query.textProperty().set("a red");
        f.clock.advance(QueryViewModel.DEBOUNCE_MILLIS - 1);
        query.textProperty().set("a red circle");
        f.clock.advance(QueryViewModel.DEBOUNCE_MILLIS - 1);
        assertThat(query.images()).isEmpty();
        assertThat(f.encoder.textPasses()).isZero();

        f.clock.advance(1);
        assertThat(f.encoder.textPasses()).isEqualTo(1);
        assertThat(query.images()).hasSize(10);
        assertThat(query.captions()).hasSize(query.topKProperty().get());
        assertThat(query.summaryProperty().get()).startsWith("cosine similarity · ground-truth image (the text is a dataset caption): rank");
        assertThat(query.answerProperty().get().query()).isEqualTo(new Query.Text("a red circle"));
        assertThat(query.images()).filteredOn(ImageResult::truth).allMatch(r -> r.image().id() % 2 == 1);
    }

    @Test
    void enterSearchesAtOnceKeepsTheHistoryAndTheDebouncedSearchIsNotRepeated() {
        query.textProperty().set("a blue square");
        query.commit();
        assertThat(f.encoder.textPasses()).isEqualTo(1);
        assertThat(query.history()).containsExactly("a blue square");
        f.clock.advance(QueryViewModel.DEBOUNCE_MILLIS * 4);
        assertThat(f.encoder.textPasses()).isEqualTo(1);
    }

    @Test
    void plusAndMinusPartsAreQueryArithmetic() {
        query.textProperty().set("a red circle +square -blue");
        query.commit();
        assertThat(query.answerProperty().get().query()).isInstanceOf(Query.Combined.class);
        assertThat(f.encoder.textPasses()).isEqualTo(3);
        assertThat(query.summaryProperty().get())
                .contains("query arithmetic: a red circle + square − blue, so there is no ground truth");
        assertThat(query.images()).hasSize(10).noneMatch(ImageResult::truth);

        query.textProperty().set("red +");
        query.commit();
        assertThat(query.summaryProperty().get()).contains("'+' or '-' without words after it");
        assertThat(query.images()).isEmpty();
        assertThat(query.answerProperty().get()).isNull();
    }

    @Test
    void aDatasetImageIsAskedWithItsStoredVectorAndAFileOutsideWithOneImagePass() throws Exception {
        CocoImage five = f.dataset.image(5);
        query.searchDatasetImage(five);
        assertThat(f.encoder.imagePasses() + f.encoder.textPasses()).isZero();
        assertThat(query.imageProperty().get().imageId()).isEqualTo(5L);
        assertThat(query.summaryProperty().get()).contains("best ground-truth caption: rank");
        assertThat(query.images().get(0).image().id()).isEqualTo(5);
        assertThat(query.imagesHeadingProperty().get()).isEqualTo("Similar images");

        Path outside = Files.copy(f.dataset.imagePath(five), dir.resolve("copy.png"));
        query.searchImageFile(outside);
        assertThat(f.encoder.imagePasses()).isEqualTo(1);
        assertThat(query.imageProperty().get().imageId()).isNull();
        assertThat(query.summaryProperty().get()).contains("the image is not one of the dataset's images");

        query.textProperty().set("a red circle");
        assertThat(query.imageProperty().get()).as("typing replaces the image query").isNull();
    }

    @Test
    void aPasteThatCannotBeDecodedClearsTheAnswerAndSaysWhy() {
        query.textProperty().set("a red circle");
        query.commit();
        query.searchPixels("pasted image", null);
        assertThat(query.images()).isEmpty();
        assertThat(query.textProperty().get()).isEmpty();
        assertThat(f.notices).anySatisfy(n -> {
            assertThat(n.level()).isEqualTo(Notice.Level.ERROR);
            assertThat(n.title()).isEqualTo("Cannot search with pasted image");
        });
    }

    /** Pasted bytes are decoded like a file: an EXIF-rotated JPEG comes out upright, a cut PNG is refused. */
    @Test
    void pastedImageDataIsDecodedLikeAFile() throws IOException {
        byte[] rotated = ImageFixtures.withExifOrientation(
                ImageFixtures.jpeg(ImageFixtures.halves(40, 20, Color.RED, Color.BLUE), false), 6);
        query.searchImageData("pasted image", rotated);
        assertThat(f.encoder.imagePasses()).isEqualTo(1);
        ImageQuery pasted = query.imageProperty().get();
        assertThat(pasted.name()).isEqualTo("pasted image");
        assertThat(pasted.imageId()).isNull();
        assertThat(pasted.pixels().getWidth()).isEqualTo(20);
        assertThat(pasted.pixels().getHeight()).isEqualTo(40);
        assertThat(query.images()).isNotEmpty();

        byte[] png = Files.readAllBytes(f.dataset.imagePath(f.dataset.image(3)));
        query.searchImageData("pasted image", Arrays.copyOf(png, png.length / 2));
        assertThat(f.encoder.imagePasses()).isEqualTo(1);
        assertThat(f.notices).anySatisfy(n -> {
            assertThat(n.level()).isEqualTo(Notice.Level.ERROR);
            assertThat(n.title()).isEqualTo("Cannot search with pasted image");
            assertThat(n.text()).startsWith("pasted image: corrupt or truncated PNG data (")
                    .endsWith("; copy the image again, or open its file instead");
        });
    }

    @Test
    void theGalleryFilterNarrowsTheImagesAndIsNamed() {
        query.textProperty().set("a red circle");
        query.commit();
        f.filter.set(ImageFilter.over(f.dataset).category("square").predicate());
        assertThat(query.images()).hasSize(5).allMatch(r -> r.image().id() % 2 == 0);
        assertThat(query.summaryProperty().get()).endsWith(" · images limited by the gallery filters");
        assertThat(f.encoder.textPasses()).isEqualTo(2);
    }

    @Test
    void withoutAModelItSaysSo() {
        f.searcher.set(null);
        query.textProperty().set("a red circle");
        query.commit();
        assertThat(query.summaryProperty().get()).isEqualTo("search needs a model: " + ExplorerViewModel.NO_MODEL);
    }
}
