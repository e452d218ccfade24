package org.dualpath.data;

import org.dualpath.common.InputException;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongPredicate;

/**
 * Which of a dataset's images the gallery shows, a search ranks and a command lists: an image passes when it is
 * in one of the chosen splits, has one of the chosen categories, one of the chosen supercategories, and is one of
 * the picked ids when ids are picked (a criterion left empty accepts every image). The gallery, the explorer's
 * searches and {@code dualpath query} all narrow images with it, by image id.
 */
public final class ImageFilter {
    private final Dataset dataset;
    private final Set<Split> splits = new HashSet<>();
    private final Set<String> categories = new HashSet<>();
    private final Set<String> supercategories = new HashSet<>();
    private Set<Long> picked;
    /** The images that pass, computed once per set of criteria (the gallery asks for them and for the predicate). */
    private List<CocoImage> accepted;

    private ImageFilter(Dataset dataset) {
        this.dataset = dataset;
    }

    /** A filter over the images of {@code dataset} that accepts everything. */
    public static ImageFilter over(Dataset dataset) {
        return new ImageFilter(dataset);
    }

    public ImageFilter split(Split split) {
        splits.add(split);
        accepted = null;
        return this;
    }

    /** Accepts images with this COCO category name; unknown names are refused with the known ones. */
    public ImageFilter category(String name) {
        categories.add(known(name, false));
        accepted = null;
        return this;
    }

    /** Accepts images with a category of this COCO supercategory. */
    public ImageFilter supercategory(String name) {
        supercategories.add(known(name, true));
        accepted = null;
        return this;
    }

    /** Accepts only these image ids (a lasso selection on the map). */
    public ImageFilter only(Set<Long> imageIds) {
        picked = Set.copyOf(imageIds);
        accepted = null;
        return this;
    }

    /** True when no criterion is set: every image passes. */
    public boolean acceptsAll() {
        return splits.isEmpty() && categories.isEmpty() && supercategories.isEmpty() && picked == null;
    }

    /** Whether the image with this id passes. */
    public boolean accepts(long imageId) {
        return (splits.isEmpty() || splits.contains(dataset.split(imageId)))
                && has(imageId, categories, false) && has(imageId, supercategories, true)
                && (picked == null || picked.contains(imageId));
    }

    /** The images that pass, in the dataset's order. */
    public List<CocoImage> images() {
        if (accepted == null) {
            List<CocoImage> source = splits.size() == 1 ? dataset.images(splits.iterator().next()) : dataset.images();
            accepted = acceptsAll() ? source : source.stream().filter(i -> accepts(i.id())).toList();
        }
        return accepted;
    }

    /** The ids that pass as a predicate computed once, or null when every image passes (no narrowing). */
    public LongPredicate predicate() {
        if (acceptsAll()) {
            return null;
        }
        Set<Long> ids = new HashSet<>();
        images().forEach(i -> ids.add(i.id()));
        return ids::contains;
    }

    private boolean has(long imageId, Set<String> wanted, boolean superCategory) {
        if (wanted.isEmpty()) {
            return true;
        }
        for (ImageCategory c : dataset.categories(imageId)) {
            if (wanted.contains(superCategory ? c.category().supercategory() : c.category().name())) {
                return true;
            }
        }
        return false;
    }

    private String known(String name, boolean superCategory) {
        Set<String> names = new TreeSet<>();
        for (CocoCategory c : dataset.categories()) {
            names.add(superCategory ? c.supercategory() : c.name());
        }
        if (!names.contains(name)) {
            String kind = superCategory ? "supercategory" : "category";
            throw new InputException(names.isEmpty()
                    ? "cannot filter by " + kind + " \"" + name + "\": the dataset has no instances file; give one with --instances"
                    : "unknown " + kind + " \"" + name + "\"; known: " + String.join(", ", names));
        }
        return name;
    }
}
