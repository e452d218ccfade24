package org.dualpath.app.viewmodel;

import org.dualpath.data.CocoImage;
import org.dualpath.data.Split;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Set;
import java.util.prefs.BackingStoreException;

import static org.assertj.core.api.Assertions.assertThat;

/** The gallery and the details pane over the shared selection, without the JavaFX toolkit. */
class GalleryAndDetailsViewModelTest {
    @TempDir
    Path dir;
    private ViewModelFixture f;

    @BeforeEach
    void setUp() {
        f = new ViewModelFixture(dir);
    }

    @AfterEach
    void tearDown() throws BackingStoreException {
        f.close();
    }

    @Test
    void galleryNarrowsByCategorySplitAndMapPickAndSearchesUseTheSameIds() {
        GalleryViewModel gallery = new GalleryViewModel(f.open.getReadOnlyProperty(), f.selection);
        assertThat(gallery.items()).hasSize(10);
        assertThat(gallery.filterProperty().get()).isNull();
        assertThat(gallery.categories()).containsExactly("circle", "square");

        gallery.checkedCategories().add("circle");
        assertThat(gallery.items()).extracting(CocoImage::id).containsExactly(1L, 3L, 5L, 7L, 9L);
        assertThat(gallery.filterProperty().get().test(3)).isTrue();
        assertThat(gallery.filterProperty().get().test(4)).isFalse();
        assertThat(gallery.summaryProperty().get()).isEqualTo("5 of 10 images");

        f.selection.pickedProperty().set(Set.of(3L, 4L, 5L));
        assertThat(gallery.items()).extracting(CocoImage::id).containsExactly(3L, 5L);
        assertThat(gallery.summaryProperty().get()).isEqualTo("2 of 10 images · lasso selection on the map");

        gallery.checkedCategories().clear();
        f.selection.pickedProperty().set(null);
        gallery.splitProperty().set(Split.TEST);
        assertThat(gallery.items()).containsExactlyElementsOf(f.dataset.images(Split.TEST));
    }

    @Test
    void detailsShowTheFocusedImageWithItsNearestCaptionsFromItsStoredVector() {
        DetailsViewModel details = new DetailsViewModel(f.jobs, f.open.getReadOnlyProperty(),
                f.searcher.getReadOnlyProperty(), f.selection);
        CocoImage three = f.dataset.image(3);
        f.selection.focusedProperty().set(three);
        assertThat(details.headingProperty().get()).startsWith(three.fileName() + " · id 3 · ");
        assertThat(details.truthCaptions()).isEqualTo(f.dataset.captions(3));
        assertThat(details.categoriesProperty().get()).isEqualTo("circle");
        assertThat(details.nearestNoteProperty().get()).isEqualTo("needs a model");

        f.searcher.set(f.service);
        assertThat(details.nearest()).hasSize(5);
        assertThat(details.nearestNoteProperty().get()).startsWith("cosine");
        assertThat(f.encoder.imagePasses() + f.encoder.textPasses()).isZero();
        assertThat(details.selectedProperty()).isSameAs(f.selection.focusedProperty());

        f.open.set(null);
        assertThat(f.selection.focusedProperty().get()).isNull();
        assertThat(details.headingProperty().get()).isEqualTo("select an image");
    }
}
