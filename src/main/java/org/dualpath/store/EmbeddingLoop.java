package org.dualpath.store;

import org.dualpath.common.InputException;
import org.dualpath.common.Progress;
import org.dualpath.data.CocoImage;
import org.dualpath.data.Dataset;
import org.dualpath.data.image.ImageDecodeException;
import org.dualpath.data.image.ImageDecoder;
import org.dualpath.model.DualPathModel;
import org.dualpath.store.StoreManifest.CaptionEntry;
import org.dualpath.store.StoreManifest.ImageEntry;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToLongFunction;

/**
 * Computes the vectors of a manifest's rows: rows whose entry is unchanged in a reusable earlier store are
 * copied from it, the rest are embedded in batches (images decoded in parallel, as decoding dominates for real
 * photos), with progress and cancellation between batches. Embedding only what changed is what makes reopening
 * a grown or edited dataset cheap. An image that cannot be decoded is skipped, not fatal: one bad file among
 * thousands should not cost a run per file; all of them are reported together in the store's
 * {@link SkippedImage}s. Images skipped before are tried again, so a repaired file is picked up.
 */
final class EmbeddingLoop {
    private static final int BATCH = 64;

    /** The store's contents (the manifest recording the skipped images) and how many rows were computed, not copied. */
    record Result(StoreFiles.Contents contents, int newImages, int newCaptions) {
    }

    /** A decoded image, or why its file could not be decoded. */
    private record Decoded(BufferedImage image, String problem) {
        static Decoded of(Path file) {
            try {
                return new Decoded(ImageDecoder.decode(file), null);
            } catch (ImageDecodeException e) {
                return new Decoded(null, e.reason());
            }
        }
    }

    private EmbeddingLoop() {
    }

    /**
     * The vectors of {@code m}, the manifest of {@code imageList} (images of {@code dataset}) and their captions;
     * rows of {@code reusable} (null: none) whose entries equal those of {@code m} are copied. InputException when
     * images were to be embedded and none of them could be read, which is a wrong folder rather than bad files.
     */
    static Result embed(DualPathModel model, Dataset dataset, List<CocoImage> imageList, StoreManifest m,
                        StoreFiles.Contents reusable, DualPathModel.Options options, Progress progress) {
        float[][] imageRows = new float[m.images().size()][];
        float[][] captionRows = new float[m.captions().size()][];
        List<Integer> imageTodo = reuse(m.images(), reusable == null ? List.of() : reusable.manifest().images(),
                reusable == null ? null : reusable.images(), imageRows, ImageEntry::id);
        List<Integer> captionTodo = reuse(m.captions(), reusable == null ? List.of() : reusable.manifest().captions(),
                reusable == null ? null : reusable.captions(), captionRows, CaptionEntry::id);
        List<String> texts = captionTexts(dataset, imageList);
        List<SkippedImage> skipped = new ArrayList<>();
        long total = imageTodo.size() + captionTodo.size();
        for (int start = 0; start < imageTodo.size(); start += BATCH) {
            progress.checkCancelled();
            List<Integer> rows = imageTodo.subList(start, Math.min(imageTodo.size(), start + BATCH));
            List<Decoded> decoded = rows.parallelStream()
                    .map(r -> Decoded.of(dataset.imagePath(imageList.get(r)))).toList();
            List<Integer> readRows = new ArrayList<>(rows.size());
            List<BufferedImage> readImages = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                Decoded d = decoded.get(i);
                if (d.image() != null) {
                    readRows.add(rows.get(i));
                    readImages.add(d.image());
                } else {
                    ImageEntry e = m.images().get(rows.get(i));
                    skipped.add(new SkippedImage(e.id(), e.file(), e.stamp(), d.problem()));
                }
            }
            float[][] e = readImages.isEmpty() ? new float[0][] : model.embedImages(readImages, options);
            for (int i = 0; i < readRows.size(); i++) {
                imageRows[readRows.get(i)] = e[i];
            }
            progress.update(start + rows.size(), total, "embedding images");
        }
        if (!imageList.isEmpty() && skipped.size() == imageList.size()) {
            throw new InputException("none of the " + imageList.size() + " images could be read: "
                    + SkippedImage.list(skipped, 3) + "; check that the images folder is the dataset's");
        }
        for (int start = 0; start < captionTodo.size(); start += BATCH) {
            progress.checkCancelled();
            List<Integer> rows = captionTodo.subList(start, Math.min(captionTodo.size(), start + BATCH));
            float[][] e = model.embedCaptions(rows.stream().map(texts::get).toList(), options);
            for (int i = 0; i < rows.size(); i++) {
                captionRows[rows.get(i)] = e[i];
            }
            progress.update(imageTodo.size() + start + rows.size(), total, "embedding captions");
        }
        float[][] embeddedImages = Arrays.stream(imageRows).filter(Objects::nonNull).toArray(float[][]::new);
        return new Result(new StoreFiles.Contents(m.withSkipped(skipped), embeddedImages, captionRows),
                imageTodo.size() - skipped.size(), captionTodo.size());
    }

    /** Copies unchanged rows from {@code oldRows} into {@code rows}; returns the rows still to embed. */
    private static <T> List<Integer> reuse(List<T> now, List<T> old, float[][] oldRows, float[][] rows,
                                           ToLongFunction<T> id) {
        Map<Long, Integer> oldRow = new HashMap<>(old.size() * 2);
        for (int i = 0; i < old.size(); i++) {
            oldRow.put(id.applyAsLong(old.get(i)), i);
        }
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < now.size(); i++) {
            Integer r = oldRow.get(id.applyAsLong(now.get(i)));
            if (r != null && old.get(r).equals(now.get(i))) {
                rows[i] = oldRows[r];
            } else {
                todo.add(i);
            }
        }
        return todo;
    }

    private static List<String> captionTexts(Dataset dataset, List<CocoImage> imageList) {
        List<String> texts = new ArrayList<>();
        for (CocoImage image : imageList) {
            dataset.captions(image.id()).forEach(c -> texts.add(c.caption()));
        }
        return texts;
    }
}
