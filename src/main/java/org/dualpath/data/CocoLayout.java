package org.dualpath.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The dataset in a folder that {@link CocoDownloads} filled: a year's captions file and its images folder, with the
 * instances file and Karpathy's {@code dataset_coco.json} when they are there (null otherwise).
 */
public record CocoLayout(Path captions, Path images, Path instances, Path karpathySplit) {
    /**
     * The dataset of {@code year} in {@code folder}: the validation images when they are there (the smaller set),
     * else the training images; empty when no images folder has its captions file beside it.
     */
    public static Optional<CocoLayout> find(Path folder, int year) {
        for (String set : new String[]{"val", "train"}) {
            Path images = folder.resolve(set + year);
            Path captions = folder.resolve("annotations").resolve("captions_" + set + year + ".json");
            if (Files.isDirectory(images) && Files.isRegularFile(captions)) {
                Path instances = folder.resolve("annotations").resolve("instances_" + set + year + ".json");
                Path karpathy = folder.resolve(CocoDownloads.KARPATHY_FILE);
                return Optional.of(new CocoLayout(captions, images, Files.isRegularFile(instances) ? instances : null,
                        Files.isRegularFile(karpathy) ? karpathy : null));
            }
        }
        return Optional.empty();
    }
}
