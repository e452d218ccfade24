package org.dualpath.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A category present in one image: how many instances it has and their summed area in pixels. */
public record ImageCategory(CocoCategory category, int instances, double area) {
    /**
     * Groups the objects of an instances file per image, largest area first. Objects whose image is not in
     * {@code imageIds} (the captions file's images) are reported to {@code problems} and left out.
     */
    static Map<Long, List<ImageCategory>> perImage(CocoInstancesFile instances, Set<Long> imageIds, Path file,
                                                   Problems problems) {
        Map<Integer, CocoCategory> categories = new HashMap<>();
        instances.categories().forEach(c -> categories.putIfAbsent(c.id(), c));
        Set<Long> instanceImages = new HashSet<>();
        instances.images().forEach(i -> instanceImages.add(i.id()));
        Map<Long, Map<Integer, double[]>> sums = new LinkedHashMap<>();
        for (CocoObject o : instances.annotations()) {
            if (!imageIds.contains(o.imageId())) {
                // images unknown to the instances file itself were already reported by its reader
                if (instanceImages.contains(o.imageId())) {
                    problems.report(DataProblem.UNKNOWN_IMAGE, file, "annotation id " + o.id() + ": image_id "
                            + o.imageId() + " is not in the captions file");
                }
                continue;
            }
            if (categories.containsKey(o.categoryId())) {
                double[] sum = sums.computeIfAbsent(o.imageId(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(o.categoryId(), k -> new double[2]);
                sum[0]++;
                sum[1] += o.area();
            }
        }
        Map<Long, List<ImageCategory>> out = new HashMap<>();
        sums.forEach((imageId, perCategory) -> {
            List<ImageCategory> list = new ArrayList<>(perCategory.size());
            perCategory.forEach((cat, sum) -> list.add(new ImageCategory(categories.get(cat), (int) sum[0], sum[1])));
            list.sort(Comparator.comparingDouble(ImageCategory::area).reversed());
            out.put(imageId, List.copyOf(list));
        });
        return out;
    }
}
