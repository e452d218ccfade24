package org.dualpath.data;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One object annotation of a COCO instances file: a category instance with its box {@code [x, y, w, h]}. */
public record CocoObject(
        long id,
        @JsonProperty("image_id") long imageId,
        @JsonProperty("category_id") int categoryId,
        double area,
        double[] bbox,
        int iscrowd) {
}
