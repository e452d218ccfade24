package org.dualpath.data;

import org.dualpath.common.InputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An image-caption dataset ready for training and exploring: its images (in file order), the captions of
 * each image, optional object categories per image, and the split of every image with its
 * {@link SplitRecord}. Built by {@link DatasetLoader}; immutable.
 */
public final class Dataset {
    private final String name;
    private final Path imagesDir;
    private final List<CocoImage> images;
    private final Map<Long, CocoImage> byId;
    private final Map<Long, List<CocoCaption>> captions;
    private final int captionCount;
    private final List<CocoCategory> categories;
    private final Map<Long, List<ImageCategory>> imageCategories;
    private final SplitAssignment split;
    private final Map<Split, List<CocoImage>> bySplit;

    Dataset(String name, Path imagesDir, CocoCaptionsFile file, List<CocoCategory> categories,
            Map<Long, List<ImageCategory>> imageCategories, SplitAssignment split) {
        this.name = name;
        this.imagesDir = imagesDir;
        this.images = List.copyOf(file.images());
        this.byId = new HashMap<>(images.size() * 2);
        Map<Long, List<CocoCaption>> perImage = new LinkedHashMap<>(images.size() * 2);
        for (CocoImage image : images) {
            byId.put(image.id(), image);
            perImage.put(image.id(), new ArrayList<>());
        }
        file.annotations().forEach(c -> perImage.get(c.imageId()).add(c));
        perImage.replaceAll((id, list) -> List.copyOf(list));
        this.captions = perImage;
        this.captionCount = file.annotations().size();
        this.categories = List.copyOf(categories);
        this.imageCategories = Map.copyOf(imageCategories);
        this.split = split;
        this.bySplit = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            bySplit.put(s, images.stream().filter(i -> split.splits().get(i.id()) == s).toList());
        }
    }

    /** A short name for the dataset (by default the captions file name without ".json"). */
    public String name() {
        return name;
    }

    /** The folder the images' file names are relative to. */
    public Path imagesDir() {
        return imagesDir;
    }

    /** All images, in the order of the captions file. */
    public List<CocoImage> images() {
        return images;
    }

    /** The images of one split, in file order. */
    public List<CocoImage> images(Split split) {
        return bySplit.get(split);
    }

    /** The image with {@code id}; throws {@link InputException} when there is none. */
    public CocoImage image(long id) {
        CocoImage image = byId.get(id);
        if (image == null) {
            throw new InputException("dataset " + name + " has no image with id " + id + "; use an id from its captions file");
        }
        return image;
    }

    /** Where {@code image} is on disk, resolved safely inside {@link #imagesDir()}. */
    public Path imagePath(CocoImage image) {
        return ImagePaths.resolve(imagesDir, image.fileName());
    }

    /** The captions of the image with {@code imageId}, in file order (empty when it has none). */
    public List<CocoCaption> captions(long imageId) {
        return captions.getOrDefault(imageId, List.of());
    }

    /** The total number of captions. */
    public int captionCount() {
        return captionCount;
    }

    /** The object categories (empty without an instances file). */
    public List<CocoCategory> categories() {
        return categories;
    }

    /** The categories present in one image, largest total area first (empty when none or no instances file). */
    public List<ImageCategory> categories(long imageId) {
        return imageCategories.getOrDefault(imageId, List.of());
    }

    /** The split of the image with {@code imageId}. */
    public Split split(long imageId) {
        Split s = split.splits().get(imageId);
        if (s == null) {
            throw new InputException("dataset " + name + " has no image with id " + imageId + "; use an id from its captions file");
        }
        return s;
    }

    /** The split of every image with its record; pass it to {@link SplitFile#write} to save it. */
    public SplitAssignment splitAssignment() {
        return split;
    }

    /** Where the split came from and how many images each part has. */
    public SplitRecord splitRecord() {
        return split.record();
    }

    /** Every image's split, by image id. */
    public Map<Long, Split> splits() {
        return Collections.unmodifiableMap(split.splits());
    }

    /**
     * This dataset without the images {@code ids}, their captions and their categories: what a training run uses
     * when it leaves out images it cannot decode. The split keeps its source and seed and counts the images left.
     */
    public Dataset without(Set<Long> ids) {
        if (ids.isEmpty()) {
            return this;
        }
        List<CocoImage> kept = images.stream().filter(i -> !ids.contains(i.id())).toList();
        List<CocoCaption> keptCaptions = kept.stream().flatMap(i -> captions(i.id()).stream()).toList();
        Map<Long, List<ImageCategory>> keptCategories = new HashMap<>(imageCategories);
        keptCategories.keySet().removeAll(ids);
        Map<Long, Split> keptSplits = new HashMap<>(split.splits());
        keptSplits.keySet().removeAll(ids);
        SplitRecord record = split.record();
        return new Dataset(name, imagesDir, new CocoCaptionsFile(Map.of(), kept, keptCaptions), categories,
                keptCategories, SplitAssignment.of(record.source(), record.seed(), keptSplits));
    }
}
