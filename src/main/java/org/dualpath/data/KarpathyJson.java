package org.dualpath.data;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads Karpathy's split files ({@code dataset_coco.json} and the Flickr8k/30k ones): images with their
 * raw sentences and split. "restval" counts as {@link Split#TRAIN}, as in the standard protocol.
 */
public final class KarpathyJson {
    private static final String FIX = "fix the file or download Karpathy's dataset_*.json again";

    private KarpathyJson() {
    }

    /** True when {@code root} looks like a Karpathy file (an "images" array whose entries have "sentences"). */
    static boolean looksLikeKarpathy(JsonNode root) {
        JsonNode images = root.get("images");
        return images != null && images.isArray() && !images.isEmpty() && images.get(0).has("sentences");
    }

    /** Reads and validates {@code file}; throws {@link org.dualpath.common.InputException} at the first problem. */
    public static List<KarpathyImage> read(Path file) {
        JsonInput in = new JsonInput(file, FIX);
        return parse(in, in.read("Karpathy split file (dataset_*.json)"));
    }

    static List<KarpathyImage> parse(JsonInput in, JsonNode root) {
        JsonNode array = in.array(root, "images", "top level");
        List<KarpathyImage> images = new ArrayList<>(array.size());
        Set<Long> ids = new HashSet<>();
        Problems problems = Problems.failFast();
        for (int i = 0; i < array.size(); i++) {
            String where = "images[" + i + "]";
            JsonNode img = in.object(array.get(i), where);
            long id = img.hasNonNull("cocoid") ? in.requireLong(img, "cocoid", where) : in.requireLong(img, "imgid", where);
            where += " (id " + id + ")";
            String filename = in.requireText(img, "filename", where);
            String filepath = in.optionalText(img, "filepath", where);
            String fileName = filepath == null || filepath.isEmpty() ? filename : filepath + "/" + filename;
            Split split = split(in, in.requireText(img, "split", where), where);
            JsonNode sentences = in.array(img, "sentences", where);
            List<String> raw = new ArrayList<>(sentences.size());
            for (int s = 0; s < sentences.size(); s++) {
                String sw = where + ".sentences[" + s + "]";
                JsonNode sentence = in.object(sentences.get(s), sw);
                raw.add(in.requireText(sentence, "raw", sw));
                in.array(sentence, "tokens", sw);
            }
            if (!ids.add(id)) {
                problems.report(DataProblem.DUPLICATE_IMAGE_ID, in.file(), where + ": image id " + id + " is used twice");
            }
            String unsafe = ImagePaths.problem(fileName).orElse(null);
            if (unsafe != null) {
                problems.report(DataProblem.UNSAFE_FILE_NAME, in.file(), where + ": " + unsafe);
            }
            images.add(new KarpathyImage(id, fileName, split, List.copyOf(raw)));
        }
        return images;
    }

    private static Split split(JsonInput in, String value, String where) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "train", "restval" -> Split.TRAIN;
            case "val" -> Split.VAL;
            case "test" -> Split.TEST;
            default -> throw in.error(where, "field \"split\" is \"" + value + "\", expected train, restval, val or test");
        };
    }
}
