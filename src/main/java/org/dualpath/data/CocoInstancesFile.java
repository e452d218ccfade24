package org.dualpath.data;

import java.util.List;
import java.util.Map;

/** The content of a COCO instances JSON file ({@code instances_*.json}). */
public record CocoInstancesFile(
        Map<String, Object> info, List<CocoImage> images, List<CocoObject> annotations, List<CocoCategory> categories) {
}
