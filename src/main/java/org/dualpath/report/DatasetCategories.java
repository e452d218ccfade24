package org.dualpath.report;

import org.dualpath.data.Dataset;
import org.dualpath.vector.Embeddings;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The category names a dataset's instances give each row of an image matrix: what per-category recall counts. */
public final class DatasetCategories {
    private DatasetCategories() {
    }

    /** Image row to the names of its image's categories; rows without instances are left out. */
    public static Map<Integer, Set<String>> byRow(Dataset dataset, Embeddings images) {
        Map<Integer, Set<String>> byRow = new HashMap<>();
        for (int r = 0; r < images.size(); r++) {
            Set<String> names = dataset.categories(images.id(r)).stream().map(c -> c.category().name())
                    .collect(Collectors.toSet());
            if (!names.isEmpty()) {
                byRow.put(r, names);
            }
        }
        return byRow;
    }
}
