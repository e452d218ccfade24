package org.dualpath.data;

import org.dualpath.common.Progress;

import java.nio.file.Path;

/**
 * The files a {@link Dataset} is loaded from, so that a saved artefact (an embedding store) can find its
 * dataset again. Paths are absolute; {@code instances} and {@code split} may be null. Without a split file the
 * split is drawn with {@code splitSeed}: {@code valImages} and {@code testImages} images when given (both or
 * neither), otherwise {@link SplitSpec#DEFAULT}.
 */
public record DatasetSource(Path captions, Path images, Path instances, Path split, long splitSeed,
                            Integer valImages, Integer testImages) {
    public DatasetSource {
        captions = captions.toAbsolutePath().normalize();
        images = images.toAbsolutePath().normalize();
        instances = instances == null ? null : instances.toAbsolutePath().normalize();
        split = split == null ? null : split.toAbsolutePath().normalize();
    }

    /** Reads and validates the dataset. */
    public Dataset load(Progress progress) {
        DatasetLoader loader = DatasetLoader.of(captions, images).seed(splitSeed);
        if (instances != null) {
            loader.instances(instances);
        }
        if (split != null) {
            loader.splitFile(split);
        } else if (valImages != null || testImages != null) {
            loader.splitSpec(SplitSpec.counts(valImages == null ? 0 : valImages, testImages == null ? 0 : testImages));
        }
        return loader.load(progress);
    }
}
