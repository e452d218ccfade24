package org.dualpath.app.viewmodel;

import org.dualpath.data.CocoImage;

import java.nio.file.Path;

/** A ranked image: its rank, the image and its file, the cosine score, and whether it is the ground truth. */
public record ImageResult(int rank, CocoImage image, Path file, float score, boolean truth) {
}
