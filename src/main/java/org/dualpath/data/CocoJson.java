package org.dualpath.data;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import org.dualpath.common.AtomicFiles;
import org.dualpath.common.InputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes COCO-format JSON files. The readers validate as they go: structural problems (malformed
 * JSON, missing fields, wrong types, empty file) always throw an {@link InputException}; identity problems
 * (duplicate ids, annotations for unknown images, unsafe file names) go to a {@link Problems} collector,
 * which throws at the first one unless {@link DataChecker} asked to collect them all.
 */
public final class CocoJson {
    private static final String FIX = DataProblem.MALFORMED_ENTRY.fix();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private CocoJson() {
    }

    /** Reads a COCO captions file; throws {@link InputException} at the first problem. */
    public static CocoCaptionsFile readCaptions(Path file) {
        return parseCaptions(file, Problems.failFast());
    }

    /** Reads a COCO captions file, reporting identity problems to {@code problems}. */
    public static CocoCaptionsFile parseCaptions(Path file, Problems problems) {
        JsonInput in = new JsonInput(file, FIX);
        JsonNode root = in.read("COCO captions file (with \"images\" and \"annotations\")");
        List<CocoImage> images = parseImages(in, root, problems);
        Set<Long> imageIds = ids(images);
        JsonNode array = in.array(root, "annotations", "top level");
        List<CocoCaption> captions = new ArrayList<>(array.size());
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            try {
                JsonNode a = in.object(array.get(i), "annotations[" + i + "]");
                String where = "annotations[" + i + "]";
                long id = in.requireLong(a, "id", where);
                where += " (id " + id + ")";
                long imageId = in.requireLong(a, "image_id", where);
                String caption = in.requireText(a, "caption", where);
                checkAnnotation(file, problems, seen, imageIds, where, id, imageId);
                captions.add(new CocoCaption(id, imageId, caption));
            } catch (InputException e) {
                problems.malformed(file, e);
            }
        }
        return new CocoCaptionsFile(info(in, root), images, captions);
    }

    /** Reads a COCO instances file; throws {@link InputException} at the first problem. */
    public static CocoInstancesFile readInstances(Path file) {
        return parseInstances(file, Problems.failFast());
    }

    /** Reads a COCO instances file, reporting identity problems to {@code problems}. */
    public static CocoInstancesFile parseInstances(Path file, Problems problems) {
        JsonInput in = new JsonInput(file, FIX);
        JsonNode root = in.read("COCO instances file (with \"images\", \"annotations\" and \"categories\")");
        List<CocoImage> images = parseImages(in, root, problems);
        Set<Long> imageIds = ids(images);

        JsonNode cats = in.array(root, "categories", "top level");
        List<CocoCategory> categories = new ArrayList<>(cats.size());
        Set<Long> categoryIds = new HashSet<>();
        for (int i = 0; i < cats.size(); i++) {
            try {
                String where = "categories[" + i + "]";
                JsonNode c = in.object(cats.get(i), where);
                int id = in.requireInt(c, "id", where);
                where += " (id " + id + ")";
                String name = in.requireText(c, "name", where);
                String supercategory = in.requireText(c, "supercategory", where);
                if (!categoryIds.add((long) id)) {
                    problems.report(DataProblem.DUPLICATE_CATEGORY_ID, file, where + ": category id " + id + " is used twice");
                }
                categories.add(new CocoCategory(id, name, supercategory));
            } catch (InputException e) {
                problems.malformed(file, e);
            }
        }

        JsonNode array = in.array(root, "annotations", "top level");
        List<CocoObject> objects = new ArrayList<>(array.size());
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            try {
                String where = "annotations[" + i + "]";
                JsonNode a = in.object(array.get(i), where);
                long id = in.requireLong(a, "id", where);
                where += " (id " + id + ")";
                long imageId = in.requireLong(a, "image_id", where);
                int categoryId = in.requireInt(a, "category_id", where);
                double area = in.requireDouble(a, "area", where);
                double[] bbox = bbox(in, a, where);
                int iscrowd = a.has("iscrowd") ? in.requireInt(a, "iscrowd", where) : 0;
                checkAnnotation(file, problems, seen, imageIds, where, id, imageId);
                if (!categoryIds.contains((long) categoryId)) {
                    problems.report(DataProblem.UNKNOWN_CATEGORY, file,
                            where + ": category_id " + categoryId + " is not in \"categories\"");
                }
                objects.add(new CocoObject(id, imageId, categoryId, area, bbox, iscrowd));
            } catch (InputException e) {
                problems.malformed(file, e);
            }
        }
        return new CocoInstancesFile(info(in, root), images, objects, categories);
    }

    /** Writes {@code content} (a COCO file record or any Jackson-serialisable value) to {@code file}, atomically. */
    public static void write(Path file, Object content) {
        AtomicFiles.write(file, out -> JsonInput.MAPPER.writeValue(out, content));
    }

    private static List<CocoImage> parseImages(JsonInput in, JsonNode root, Problems problems) {
        JsonNode array = in.array(root, "images", "top level");
        List<CocoImage> images = new ArrayList<>(array.size());
        Set<Long> ids = new HashSet<>();
        Map<String, Long> fileNames = new HashMap<>();
        for (int i = 0; i < array.size(); i++) {
            try {
                images.add(parseImage(in, array.get(i), "images[" + i + "]", problems, ids, fileNames));
            } catch (InputException e) {
                problems.malformed(in.file(), e);
            }
        }
        return images;
    }

    /** One image; width and height are 0 when the file leaves them out (read from the image header later). */
    private static CocoImage parseImage(JsonInput in, JsonNode node, String where, Problems problems, Set<Long> ids,
                                        Map<String, Long> fileNames) {
        JsonNode img = in.object(node, where);
        long id = in.requireLong(img, "id", where);
        where += " (id " + id + ")";
        String fileName = in.requireText(img, "file_name", where);
        int width = in.optionalInt(img, "width", where, 0);
        int height = in.optionalInt(img, "height", where, 0);
        String cocoUrl = in.optionalText(img, "coco_url", where);
        String flickrUrl = in.optionalText(img, "flickr_url", where);
        if (!ids.add(id)) {
            problems.report(DataProblem.DUPLICATE_IMAGE_ID, in.file(), where + ": image id " + id + " is used twice");
        }
        String unsafe = ImagePaths.problem(fileName).orElse(null);
        if (unsafe != null) {
            problems.report(DataProblem.UNSAFE_FILE_NAME, in.file(), where + ": " + unsafe);
        }
        Long previous = fileNames.putIfAbsent(fileName, id);
        if (previous != null) {
            problems.report(DataProblem.DUPLICATE_FILE_NAME, in.file(),
                    where + ": file_name \"" + fileName + "\" is also used by image " + previous);
        }
        return new CocoImage(id, fileName, width, height, cocoUrl, flickrUrl);
    }

    private static void checkAnnotation(Path file, Problems problems, Set<Long> seen, Set<Long> imageIds,
                                        String where, long id, long imageId) {
        if (!seen.add(id)) {
            problems.report(DataProblem.DUPLICATE_ANNOTATION_ID, file, where + ": annotation id " + id + " is used twice");
        }
        if (!imageIds.contains(imageId)) {
            problems.report(DataProblem.UNKNOWN_IMAGE, file, where + ": image_id " + imageId + " is not in \"images\"");
        }
    }

    private static double[] bbox(JsonInput in, JsonNode a, String where) {
        JsonNode box = in.array(a, "bbox", where);
        if (box.size() != 4) {
            throw in.error(where, "field \"bbox\" must hold 4 numbers [x, y, width, height], found " + box.size());
        }
        double[] out = new double[4];
        for (int k = 0; k < 4; k++) {
            if (!box.get(k).isNumber()) {
                throw in.error(where, "field \"bbox\" must hold 4 numbers, element " + k + " is " + box.get(k));
            }
            out[k] = box.get(k).doubleValue();
        }
        return out;
    }

    private static Map<String, Object> info(JsonInput in, JsonNode root) {
        JsonNode info = root.get("info");
        if (info == null || info.isNull()) {
            return Map.of();
        }
        if (!info.isObject()) {
            throw in.error("top level", "field \"info\" must be an object");
        }
        return JsonInput.MAPPER.convertValue(info, MAP);
    }

    private static Set<Long> ids(List<CocoImage> images) {
        Set<Long> ids = new HashSet<>(images.size() * 2);
        for (CocoImage image : images) {
            ids.add(image.id());
        }
        return ids;
    }
}
