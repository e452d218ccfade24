package org.dualpath.data;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One entry of a COCO file's {@code images} array. URLs are optional and omitted when null. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CocoImage(
        long id,
        @JsonProperty("file_name") String fileName,
        int width,
        int height,
        @JsonProperty("coco_url") String cocoUrl,
        @JsonProperty("flickr_url") String flickrUrl) {

    public CocoImage(long id, String fileName, int width, int height) {
        this(id, fileName, width, height, null, null);
    }
}
