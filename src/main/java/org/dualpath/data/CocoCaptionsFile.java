package org.dualpath.data;

import java.util.List;
import java.util.Map;

/** The content of a COCO captions JSON file ({@code captions_*.json}). */
public record CocoCaptionsFile(Map<String, Object> info, List<CocoImage> images, List<CocoCaption> annotations) {
}
