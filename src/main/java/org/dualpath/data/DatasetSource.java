package org.dualpath.data;

import org.dualpath.common.Progress;

import java.nio.file.Path;

/**
 * The files a {@link Dataset} is loaded from, so that a saved artefact (an embedding store) can find its
 * dataset again. Paths are absolute; {@code instances} and {@code split} may be null.
 */
public record DatasetSource(Path captions, Path images, Path instances, Path split, long splitSeed) {
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
        }
        return loader.load(progress);
    }
}
