package org.dualpath.app.viewmodel;

import java.awt.image.BufferedImage;

/**
 * An image used as a query: its name for the query chip, the decoded pixels (the view draws the chip's preview
 * from them), and the dataset image id when it is one of the dataset's images (then its ground truth is known),
 * else null.
 */
public record ImageQuery(String name, BufferedImage pixels, Long imageId) {
}
