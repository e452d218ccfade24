package org.dualpath.data;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One entry of a COCO captions file's {@code annotations} array. */
public record CocoCaption(long id, @JsonProperty("image_id") long imageId, String caption) {
}
