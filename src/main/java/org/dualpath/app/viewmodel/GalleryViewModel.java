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
import org.dualpath.data.ImageCategory;
import org.dualpath.data.Split;

import java.util.HashSet;
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
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("no dataset");
    private final ReadOnlyObjectWrapper<LongPredicate> filter = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<Set<Long>> picked = new SimpleObjectProperty<>();

    GalleryViewModel(ReadOnlyObjectProperty<OpenDataset> dataset) {
        this.dataset = dataset;
        dataset.addListener((obs, old, open) -> {
            picked.set(null);
            checkedCategories.clear();
            checkedSupercategories.clear();
            List<CocoCategory> all = open == null ? List.of() : open.dataset().categories();
            categories.setAll(all.stream().map(CocoCategory::name).distinct().sorted().toList());
            supercategories.setAll(all.stream().map(CocoCategory::supercategory).filter(s -> s != null && !s.isBlank())
                    .distinct().sorted().toList());
            refilter();
        });
        ListChangeListener<String> onChecked = c -> refilter();
        checkedCategories.addListener(onChecked);
        checkedSupercategories.addListener(onChecked);
        split.addListener((obs, old, s) -> refilter());
        picked.addListener((obs, old, p) -> refilter());
    }

    private void refilter() {
        OpenDataset open = dataset.get();
        if (open == null) {
            items.clear();
            filter.set(null);
            summary.set("no dataset");
            return;
        }
        Dataset d = open.dataset();
        Set<String> cats = new HashSet<>(checkedCategories);
        Set<String> supers = new HashSet<>(checkedSupercategories);
        List<CocoImage> source = split.get() == null ? d.images() : d.images(split.get());
        Set<Long> only = picked.get();
        List<CocoImage> shown = cats.isEmpty() && supers.isEmpty() && only == null ? source
                : source.stream().filter(i -> matches(d.categories(i.id()), cats, supers)
                && (only == null || only.contains(i.id()))).toList();
        items.setAll(shown);
        if (shown.size() == d.images().size()) {
            filter.set(null);
        } else {
            Set<Long> ids = new HashSet<>(shown.size() * 2);
            shown.forEach(i -> ids.add(i.id()));
            filter.set(ids::contains);
        }
        summary.set(String.format(Locale.ROOT, "%,d of %,d images%s", shown.size(), d.images().size(),
                only == null ? "" : " · lasso selection on the map"));
    }

    private static boolean matches(List<ImageCategory> present, Set<String> cats, Set<String> supers) {
        boolean catOk = cats.isEmpty() || present.stream().anyMatch(c -> cats.contains(c.category().name()));
        boolean superOk = supers.isEmpty() || present.stream().anyMatch(c -> supers.contains(c.category().supercategory()));
        return catOk && superOk;
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

    /** Images picked on the map (a lasso selection), by id; null for no such restriction. */
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
