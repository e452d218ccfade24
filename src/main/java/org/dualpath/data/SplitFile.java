package org.dualpath.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dualpath.common.AtomicFiles;
import org.dualpath.common.InputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and writes split files: {@code {"source": "...", "seed": 42, "splits": {"train": [ids], "val": [...],
 * "test": [...]}}} (seed may be null). A Karpathy {@code dataset_*.json} is accepted as a split source too;
 * its images are matched to the dataset by file name (the last path component), because Karpathy's ids
 * differ from those of converted Flickr files.
 */
public final class SplitFile {
    private static final Pattern COCO_2014_PREFIX = Pattern.compile("^COCO_(train|val)2014_");
    private static final String FIX = "fix the split file or write a new one with 'dualpath data convert --split-out'";

    private SplitFile() {
    }

    /** Reads {@code file} and checks that it assigns every one of {@code images} to exactly one split. */
    public static SplitAssignment read(Path file, Collection<CocoImage> images) {
        JsonInput in = new JsonInput(file, FIX);
        JsonNode root = in.read("split file (with \"splits\") or Karpathy dataset_*.json");
        Map<Long, Split> splits = KarpathyJson.looksLikeKarpathy(root)
                ? fromKarpathy(file, KarpathyJson.parse(in, root), images)
                : fromSplitFile(in, root, images);
        String source = KarpathyJson.looksLikeKarpathy(root)
                ? "karpathy:" + file.getFileName()
                : in.optionalText(root, "source", "top level");
        Long seed = root.hasNonNull("seed") ? in.requireLong(root, "seed", "top level") : null;
        List<Long> unassigned = images.stream().map(CocoImage::id).filter(id -> !splits.containsKey(id)).toList();
        if (!unassigned.isEmpty()) {
            throw new InputException(file + ": " + unassigned.size() + " image(s) of the dataset are in no split (first: id "
                    + unassigned.get(0) + "); " + FIX);
        }
        return SplitAssignment.of(source == null ? file.getFileName().toString() : source, seed, splits);
    }

    /** Writes {@code assignment} to {@code file} atomically, ids ascending within each split. */
    public static void write(Path file, SplitAssignment assignment) {
        ObjectNode root = JsonInput.MAPPER.createObjectNode();
        root.put("source", assignment.record().source());
        root.put("seed", assignment.record().seed());
        ObjectNode splits = root.putObject("splits");
        for (Split s : Split.values()) {
            ArrayNode ids = splits.putArray(s.id());
            assignment.splits().entrySet().stream().filter(e -> e.getValue() == s).map(Map.Entry::getKey).sorted()
                    .forEach(ids::add);
        }
        AtomicFiles.write(file, out -> JsonInput.MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, root));
    }

    private static Map<Long, Split> fromSplitFile(JsonInput in, JsonNode root, Collection<CocoImage> images) {
        JsonNode splits = root.get("splits");
        if (splits == null || !splits.isObject()) {
            throw in.error("top level", "required object \"splits\" is missing or not an object");
        }
        Set<Long> known = new HashSet<>();
        images.forEach(i -> known.add(i.id()));
        Map<Long, Split> out = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : splits.properties()) {
            Split split = parseSplit(in, e.getKey());
            JsonNode ids = in.array(splits, e.getKey(), "splits");
            for (int i = 0; i < ids.size(); i++) {
                String where = "splits." + e.getKey() + "[" + i + "]";
                JsonNode idNode = ids.get(i);
                if (!idNode.isIntegralNumber() || !idNode.canConvertToLong()) {
                    throw in.error(where, "must be an image id (an integer), found " + idNode);
                }
                long id = idNode.longValue();
                if (!known.contains(id)) {
                    throw in.error(where, "image id " + id + " is not in the dataset");
                }
                Split previous = out.put(id, split);
                if (previous != null) {
                    throw in.error(where, "image id " + id + " is in both " + previous.id() + " and " + split.id());
                }
            }
        }
        return out;
    }

    private static Map<Long, Split> fromKarpathy(Path file, List<KarpathyImage> karpathy, Collection<CocoImage> images) {
        Map<String, Split> byName = new HashMap<>();
        karpathy.forEach(k -> byName.put(baseName(k.fileName()), k.split()));
        Map<Long, Split> out = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (CocoImage image : images) {
            Split s = byName.get(baseName(image.fileName()));
            if (s == null) {
                missing.add(image.fileName());
            } else {
                out.put(image.id(), s);
            }
        }
        if (!missing.isEmpty()) {
            throw new InputException(file + ": " + missing.size() + " image(s) of the dataset are not in this Karpathy file"
                    + " (first: " + missing.get(0) + "); use the Karpathy file of the same dataset");
        }
        return out;
    }

    private static Split parseSplit(JsonInput in, String key) {
        return switch (key.toLowerCase(Locale.ROOT)) {
            case "train" -> Split.TRAIN;
            case "val" -> Split.VAL;
            case "test" -> Split.TEST;
            default -> throw in.error("splits", "unknown split \"" + key + "\", expected train, val or test");
        };
    }

    /**
     * The last path component, with COCO 2014's {@code COCO_val2014_} prefix dropped: COCO 2017 names the same image
     * {@code 000000391895.jpg}, so Karpathy's {@code dataset_coco.json} splits 2017 files too.
     */
    private static String baseName(String fileName) {
        int slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
        return COCO_2014_PREFIX.matcher(fileName.substring(slash + 1)).replaceFirst("");
    }
}
