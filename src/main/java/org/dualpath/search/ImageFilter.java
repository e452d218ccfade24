package org.dualpath.search;

import org.dualpath.store.EmbeddingStore;
import org.dualpath.vector.Embeddings;
import org.dualpath.common.InputException;
import org.dualpath.data.CocoCategory;
import org.dualpath.data.Dataset;
import org.dualpath.data.ImageCategory;
import org.dualpath.data.Split;

import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntPredicate;

/**
 * Builds a predicate over image rows of an {@link EmbeddingStore}: an image passes when it is in one of the
 * chosen splits, has one of the chosen categories and one of the chosen supercategories (a criterion left
 * empty accepts every image). The result is computed once into a bit set.
 */
public final class ImageFilter {
    private final Dataset dataset;
    private final Embeddings images;
    private final Set<Split> splits = new HashSet<>();
    private final Set<String> categories = new HashSet<>();
    private final Set<String> supercategories = new HashSet<>();

    private ImageFilter(Dataset dataset, Embeddings images) {
        this.dataset = dataset;
        this.images = images;
    }

    /** A filter over the rows of {@code images} (ids = image ids of {@code dataset}) that accepts everything. */
    public static ImageFilter over(Dataset dataset, Embeddings images) {
        return new ImageFilter(dataset, images);
    }

    public ImageFilter split(Split split) {
        splits.add(split);
        return this;
    }

    /** Accepts images with this COCO category name; unknown names are refused with the known ones. */
    public ImageFilter category(String name) {
        categories.add(known(name, false));
        return this;
    }

    /** Accepts images with a category of this COCO supercategory. */
    public ImageFilter supercategory(String name) {
        supercategories.add(known(name, true));
        return this;
    }

    /** The predicate over image rows. */
    public IntPredicate build() {
        BitSet pass = new BitSet(images.size());
        for (int r = 0; r < images.size(); r++) {
            long id = images.id(r);
            if ((splits.isEmpty() || splits.contains(dataset.split(id)))
                    && has(id, categories, false) && has(id, supercategories, true)) {
                pass.set(r);
            }
        }
        return pass::get;
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
