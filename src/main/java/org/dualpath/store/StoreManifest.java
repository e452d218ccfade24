package org.dualpath.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.dualpath.common.Hashes;
import org.dualpath.data.CocoCaption;
import org.dualpath.data.CocoImage;
import org.dualpath.data.Dataset;
import org.dualpath.data.DatasetSource;
import org.dualpath.model.DualPathModel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a store's vectors belong to, as {@code manifest.json} holds it: the model (SHA-256 and path), a hash of the
 * dataset, the test-time options, the dimension, one entry per image row and per caption row (in row order) and
 * where the dataset's files are. The entries carry a stamp of each image file and a hash of each caption text, so
 * that a changed file or edited caption is noticed without reading the vectors. Images that could not be read
 * are not among the image rows but in {@code skipped} (left out of the JSON when there are none); the dataset hash
 * covers them too, so a store stays fresh until one of their files changes. Its components are the JSON fields in
 * their order: renaming or reordering them changes the format of stores already on users' disks.
 */
record StoreManifest(String format, int version, String modelHash, String modelFile, String datasetHash,
                     SourceEntry source, DualPathModel.Options options, int dimension, List<ImageEntry> images,
                     List<CaptionEntry> captions,
                     @JsonInclude(JsonInclude.Include.NON_EMPTY) List<SkippedImage> skipped) {
    static final String FORMAT = "dualpath-embeddings";
    /** The version of a manifest that skipped no image: every store's before images could be skipped. */
    static final int VERSION = 1;
    /**
     * The version of a manifest with skipped images: a program of version 1 would look for rows of images that
     * the store does not hold, so it refuses the store as too new (and rebuilds it) instead.
     */
    static final int VERSION_WITH_SKIPPED = 2;
    /** The stamp of an image file that cannot be looked at (missing, no permission): the decoder says why. */
    static final long UNREADABLE_STAMP = -1;

    StoreManifest {
        skipped = skipped == null ? List.of() : skipped;
    }

    /** One image row: its id, file name and a stamp of the file's size and modification time. */
    record ImageEntry(long id, String file, long stamp) {
    }

    /** One caption row: its id, its image's id and a hash of its text. */
    record CaptionEntry(long id, long imageId, long textHash) {
    }

    /** The dataset's files as absolute paths (instances and split may be null). */
    record SourceEntry(String captions, String images, String instances, String split, long splitSeed,
                       Integer valImages, Integer testImages) {
        static SourceEntry of(DatasetSource source) {
            return new SourceEntry(source.captions().toString(), source.images().toString(),
                    source.instances() == null ? null : source.instances().toString(),
                    source.split() == null ? null : source.split().toString(), source.splitSeed(), source.valImages(),
                    source.testImages());
        }

        DatasetSource toSource() {
            return new DatasetSource(Paths.get(captions), Paths.get(images),
                    instances == null ? null : Paths.get(instances), split == null ? null : Paths.get(split),
                    splitSeed, valImages, testImages);
        }
    }

    /**
     * The manifest of {@code imageList} (images of {@code dataset}, in row order) and their captions, each image's
     * in file order; {@code source} may be null. Stats every image file.
     */
    static StoreManifest of(String modelHash, Path modelFile, Dataset dataset, List<CocoImage> imageList,
                            DatasetSource source, DualPathModel.Options options, int dimension) {
        Hashes.Sha256Builder sha = Hashes.sha256Builder();
        List<ImageEntry> imageEntries = new ArrayList<>(imageList.size());
        List<CaptionEntry> captionEntries = new ArrayList<>();
        for (CocoImage image : imageList) {
            ImageEntry e = new ImageEntry(image.id(), image.fileName(), stamp(dataset.imagePath(image)));
            imageEntries.add(e);
            sha.putString(e.toString());
        }
        for (CocoImage image : imageList) {
            for (CocoCaption c : dataset.captions(image.id())) {
                CaptionEntry e = new CaptionEntry(c.id(), c.imageId(), textHash(c.caption()));
                captionEntries.add(e);
                sha.putString(e.toString());
            }
        }
        return new StoreManifest(FORMAT, VERSION, modelHash, modelFile.toAbsolutePath().normalize().toString(),
                sha.hex(), source == null ? null : SourceEntry.of(source), options, dimension, imageEntries,
                captionEntries, List.of());
    }

    /** This manifest with the {@code skipped} images taken out of the image rows and recorded as skipped. */
    StoreManifest withSkipped(List<SkippedImage> skipped) {
        Set<Long> ids = skipped.stream().map(SkippedImage::id).collect(Collectors.toSet());
        return new StoreManifest(format, skipped.isEmpty() ? VERSION : VERSION_WITH_SKIPPED, modelHash, modelFile,
                datasetHash, source, options, dimension, images.stream().filter(e -> !ids.contains(e.id())).toList(),
                captions, List.copyOf(skipped));
    }

    /** The entries of every image the manifest was made for: the image rows, then the skipped images. */
    List<ImageEntry> imagesWithSkipped() {
        return Stream.concat(images.stream(), skipped.stream().map(SkippedImage::entry)).toList();
    }

    /**
     * Size and modification time; a changed file almost always changes one of them, and stat is cheap. A file that
     * cannot be looked at gets {@link #UNREADABLE_STAMP}: its image is skipped with the decoder's reason, and its
     * stamp changes once the file is there.
     */
    private static long stamp(Path file) {
        try {
            return Files.size(file) * 31 + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return UNREADABLE_STAMP;
        }
    }

    /** 64-bit FNV-1a of the text: enough to notice an edited caption. */
    private static long textHash(String text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return h;
    }
}
