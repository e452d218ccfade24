package org.dualpath.data;

import java.util.List;

/**
 * One image of a Karpathy split file ({@code dataset_coco.json}, {@code dataset_flickr8k.json},
 * {@code dataset_flickr30k.json}). {@code id} is the COCO id when the file has one, else Karpathy's
 * {@code imgid}; {@code fileName} is {@code filepath/filename} (COCO) or {@code filename} (Flickr).
 */
public record KarpathyImage(long id, String fileName, Split split, List<String> sentences) {
}
