package org.dualpath.app.viewmodel;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.dualpath.data.CocoCaption;
import org.dualpath.data.CocoImage;
import org.dualpath.data.Dataset;
import org.dualpath.data.ImageCategory;
import org.dualpath.search.Query;
import org.dualpath.search.QueryService;
import org.dualpath.search.Ranking;
import org.dualpath.store.SkippedImage;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The selected image: its file, ground-truth captions, categories and split, and its nearest captions by the
 * model with cosine scores; for an image the search embeddings skipped as unreadable, the decoder's reason
 * instead of nearest captions (it has no vector).
 */
public final class DetailsViewModel {
    private static final int NEAREST = 5;

    private final BackgroundJobs.Lane queries;
    private final ReadOnlyObjectProperty<OpenDataset> dataset;
    private final ReadOnlyObjectProperty<QueryService> searcher;
    private final ObjectProperty<CocoImage> selected;
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper heading = new ReadOnlyStringWrapper("select an image");
    private final ReadOnlyStringWrapper categories = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper nearestNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper unreadable = new ReadOnlyStringWrapper("");
    private final ObservableList<CocoCaption> truthCaptions = FXCollections.observableArrayList();
    private final ObservableList<CaptionResult> nearest = FXCollections.observableArrayList();

    DetailsViewModel(BackgroundJobs jobs, ReadOnlyObjectProperty<OpenDataset> dataset, ReadOnlyObjectProperty<QueryService> searcher,
                     Selection selection) {
        this.selected = selection.focusedProperty();
        this.queries = jobs.lane();
        this.dataset = dataset;
        this.searcher = searcher;
        selected.addListener((obs, old, image) -> refresh());
        searcher.addListener((obs, old, s) -> refresh());
        dataset.addListener((obs, old, d) -> selected.set(null));
    }

    private void refresh() {
        CocoImage image = selected.get();
        OpenDataset open = dataset.get();
        nearest.clear();
        queries.discard();
        unreadable.set("");
        if (image == null || open == null) {
            file.set(null);
            heading.set("select an image");
            truthCaptions.clear();
            categories.set("");
            nearestNote.set("");
            return;
        }
        Dataset d = open.dataset();
        file.set(d.imagePath(image));
        heading.set(String.format(Locale.ROOT, "%s · id %d · %s split · %d×%d", image.fileName(), image.id(),
                d.split(image.id()).id(), image.width(), image.height()));
        truthCaptions.setAll(d.captions(image.id()));
        List<ImageCategory> cats = d.categories(image.id());
        categories.set(cats.isEmpty() ? "none recorded" : cats.stream()
                .map(c -> c.category().name() + (c.instances() > 1 ? " ×" + c.instances() : ""))
                .collect(Collectors.joining(", ")));
        QueryService s = searcher.get();
        if (s == null) {
            nearestNote.set("needs a model");
            return;
        }
        SkippedImage skipped = s.store().skippedImage(image.id());
        if (skipped != null) {
            unreadable.set("This file cannot be read: " + skipped.reason()
                    + ". Repair or replace it and reopen the dataset to search it.");
            nearestNote.set("none: the image was left out of search");
            return;
        }
        nearestNote.set("computing…");
        queries.submit(p -> s.answer(new Query.Item(image.id(), image.fileName()), NEAREST, null).captions(),
                ranking -> showNearest(open, image, ranking),
                nearestNote::set);
    }

    private void showNearest(OpenDataset open, CocoImage image, Ranking ranking) {
        if (selected.get() != image) {
            return;
        }
        nearest.setAll(QueryViewModel.captions(open, ranking));
        nearestNote.set(ranking.truthRank() > 0
                ? String.format(Locale.ROOT, "cosine · best ground-truth caption at rank %d of %,d", ranking.truthRank(), ranking.gallerySize())
                : "cosine");
    }

    /** The image shown: the explorer's image in focus ({@link Selection#focusedProperty()}). */
    public ObjectProperty<CocoImage> selectedProperty() {
        return selected;
    }

    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty headingProperty() {
        return heading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty categoriesProperty() {
        return categories.getReadOnlyProperty();
    }

    /** Why the image's file cannot be read, as the search embeddings recorded it; empty when it was read. */
    public ReadOnlyStringProperty unreadableProperty() {
        return unreadable.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty nearestNoteProperty() {
        return nearestNote.getReadOnlyProperty();
    }

    public ObservableList<CocoCaption> truthCaptions() {
        return truthCaptions;
    }

    public ObservableList<CaptionResult> nearest() {
        return nearest;
    }
}
