package org.dualpath.app.viewmodel;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.dualpath.data.CocoCategory;
import org.dualpath.data.CocoImage;
import org.dualpath.data.Dataset;
import org.dualpath.data.ImageFilter;
import org.dualpath.data.Split;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * The gallery: the dataset's images narrowed by category, supercategory (any checked one matches) and split.
 * Image searches are narrowed the same way.
 */
public final class GalleryViewModel {
    private final ReadOnlyObjectProperty<OpenDataset> dataset;
    private final ObservableList<CocoImage> items = FXCollections.observableArrayList();
    private final ObservableList<String> categories = FXCollections.observableArrayList();
    private final ObservableList<String> supercategories = FXCollections.observableArrayList();
    private final ObservableList<String> checkedCategories = FXCollections.observableArrayList();
    private final ObservableList<String> checkedSupercategories = FXCollections.observableArrayList();
    private final ObjectProperty<Split> split = new SimpleObjectProperty<>();
    /** Empty without a dataset: the sidebar's collection already says there is none. */
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<LongPredicate> filter = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<Set<Long>> picked;

    GalleryViewModel(ReadOnlyObjectProperty<OpenDataset> dataset, Selection selection) {
        this.dataset = dataset;
        this.picked = selection.pickedProperty();
        dataset.addListener((obs, old, open) -> show(open));
        ListChangeListener<String> onChecked = c -> refilter();
        checkedCategories.addListener(onChecked);
        checkedSupercategories.addListener(onChecked);
        split.addListener((obs, old, s) -> refilter());
        picked.addListener((obs, old, p) -> refilter());
        show(dataset.get());
    }

    /** A newly opened dataset (or none): all its images, no filter checked. */
    private void show(OpenDataset open) {
        picked.set(null);
        checkedCategories.clear();
        checkedSupercategories.clear();
        List<CocoCategory> all = open == null ? List.of() : open.dataset().categories();
        categories.setAll(all.stream().map(CocoCategory::name).distinct().sorted().toList());
        supercategories.setAll(all.stream().map(CocoCategory::supercategory).filter(s -> s != null && !s.isBlank())
                .distinct().sorted().toList());
        refilter();
    }

    private void refilter() {
        OpenDataset open = dataset.get();
        if (open == null) {
            items.clear();
            filter.set(null);
            summary.set("");
            return;
        }
        Dataset d = open.dataset();
        ImageFilter shown = ImageFilter.over(d);
        checkedCategories.forEach(shown::category);
        checkedSupercategories.forEach(shown::supercategory);
        if (split.get() != null) {
            shown.split(split.get());
        }
        if (picked.get() != null) {
            shown.only(picked.get());
        }
        List<CocoImage> images = shown.images();
        items.setAll(images);
        filter.set(images.size() == d.images().size() ? null : shown.predicate());
        summary.set(String.format(Locale.ROOT, "%,d of %,d images%s", images.size(), d.images().size(),
                picked.get() == null ? "" : " · lasso selection on the map"));
    }

    public ObservableList<CocoImage> items() {
        return items;
    }

    public ObservableList<String> categories() {
        return categories;
    }

    public ObservableList<String> supercategories() {
        return supercategories;
    }

    /** The checked categories; the view keeps it in step with its check boxes. */
    public ObservableList<String> checkedCategories() {
        return checkedCategories;
    }

    public ObservableList<String> checkedSupercategories() {
        return checkedSupercategories;
    }

    /** Images picked on the map (the explorer's {@link Selection#pickedProperty()}), by id; null for no restriction. */
    public ObjectProperty<Set<Long>> pickedProperty() {
        return picked;
    }

    /** The split shown; null for all. */
    public ObjectProperty<Split> splitProperty() {
        return split;
    }

    /** The images the filters let through, by id; null when nothing is filtered. Searches use it too. */
    public ReadOnlyObjectProperty<LongPredicate> filterProperty() {
        return filter.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }
}
