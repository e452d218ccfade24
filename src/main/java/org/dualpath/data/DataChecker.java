package org.dualpath.data;

import org.dualpath.common.InputException;
import org.dualpath.common.Progress;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a dataset before it is used and reports every problem instead of stopping at the first: identity
 * problems in the files, missing or unreadable images (by their first bytes; fully decoded only on request),
 * images without captions, empty and very long captions. Broken JSON still throws an {@link InputException},
 * since nothing else can be checked then.
 */
public final class DataChecker {
    private DataChecker() {
    }

    /** Checks {@code captions} against {@code imagesDir}; {@code instances} may be null. */
    public static CheckReport check(Path captions, Path imagesDir, Path instances, boolean decode, Progress progress) {
        Problems problems = Problems.collecting();
        CocoCaptionsFile file = CocoJson.parseCaptions(captions, problems);

        Map<Long, Integer> perImage = new HashMap<>(file.images().size() * 2);
        file.images().forEach(i -> perImage.putIfAbsent(i.id(), 0));
        for (CocoCaption c : file.annotations()) {
            perImage.computeIfPresent(c.imageId(), (id, n) -> n + 1);
            checkCaption(captions, problems, c);
        }

        int categories = 0;
        if (instances != null) {
            CocoInstancesFile inst = CocoJson.parseInstances(instances, problems);
            categories = inst.categories().size();
            ImageCategory.perImage(inst, perImage.keySet(), instances, problems);
        }

        checkImages(file.images(), imagesDir, decode, captions, problems, perImage, progress);

        int min = perImage.values().stream().mapToInt(Integer::intValue).min().orElse(0);
        int max = perImage.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        double mean = perImage.values().stream().mapToInt(Integer::intValue).average().orElse(0);
        return new CheckReport(captions, imagesDir, file.images().size(), file.annotations().size(),
                min, mean, max, categories, problems);
    }

    /**
     * The header's size against the file's width/height fields, or, where the file leaves them out, a note that
     * the header's are used (a header that cannot be read is reported above).
     */
    private static void checkSize(CocoImage image, Path path, Path file, Problems problems) {
        ImageFiles.Size size;
        try {
            size = ImageFiles.size(path);
        } catch (InputException e) {
            return;
        }
        if (image.width() <= 0 || image.height() <= 0) {
            problems.report(DataProblem.SIZE_FROM_HEADER, file, image.fileName() + " (image id " + image.id() + "): "
                    + size.width() + " x " + size.height() + " from the header");
        } else if (size.width() != image.width() || size.height() != image.height()) {
            problems.report(DataProblem.SIZE_MISMATCH, file, image.fileName() + " (image id " + image.id() + "): "
                    + image.width() + " x " + image.height() + " in the file, " + size.width() + " x " + size.height()
                    + " in the image");
        }
    }

    private static void checkCaption(Path file, Problems problems, CocoCaption c) {
        String text = c.caption().strip();
        String where = "annotation id " + c.id() + " (image " + c.imageId() + ")";
        if (text.isEmpty()) {
            problems.report(DataProblem.EMPTY_CAPTION, file, where + ": empty caption");
            return;
        }
        int tokens = text.split("\\s+").length;
        if (tokens > DataProblem.LONG_CAPTION_TOKENS) {
            problems.report(DataProblem.LONG_CAPTION, file, where + ": " + tokens + " tokens: \""
                    + text.substring(0, Math.min(60, text.length())) + "...\"");
        }
    }

    private static void checkImages(List<CocoImage> images, Path imagesDir, boolean decode, Path file,
                                    Problems problems, Map<Long, Integer> perImage, Progress progress) {
        if (images.isEmpty()) {
            problems.report(DataProblem.NO_IMAGES, file, "the \"images\" array is empty");
            return;
        }
        if (!Files.isDirectory(imagesDir)) {
            // one line for the folder, not one "file not found" per image
            problems.report(DataProblem.IMAGES_FOLDER_MISSING, file, imagesDir + ": no such folder");
            return;
        }
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < images.size(); i++) {
            CocoImage image = images.get(i);
            if (i % 256 == 0) {
                progress.checkCancelled();
                progress.update(i, images.size(), "checking images");
            }
            // a duplicated id was reported by the reader; its first image stands for it
            if (!seen.add(image.id())) {
                continue;
            }
            if (perImage.get(image.id()) == 0) {
                problems.report(DataProblem.IMAGE_WITHOUT_CAPTIONS, file,
                        "image id " + image.id() + " (" + image.fileName() + ") has no caption");
            }
            // unsafe names were reported (and refused) by the reader; they are never opened
            if (ImagePaths.problem(image.fileName()).isPresent()) {
                continue;
            }
            Path path = ImagePaths.resolve(imagesDir, image.fileName());
            var problem = ImageFiles.problem(path, decode);
            problem.ifPresent(p -> problems.report(
                    p.equals(ImageFiles.NOT_FOUND) ? DataProblem.IMAGE_MISSING : DataProblem.IMAGE_UNREADABLE,
                    file, image.fileName() + " (image id " + image.id() + "): " + p));
            if (problem.isEmpty()) {
                checkSize(image, path, file, problems);
            }
        }
        progress.update(images.size(), images.size(), "checked images");
    }
}
