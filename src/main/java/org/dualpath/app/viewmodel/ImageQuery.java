package org.dualpath.app.viewmodel;

import javafx.scene.image.Image;

import java.awt.image.BufferedImage;

/**
 * An image used as a query: its name for the query chip, a preview, the decoded pixels, and the dataset image
 * id when it is one of the dataset's images (then its ground truth is known), else null.
 */
public record ImageQuery(String name, Image preview, BufferedImage pixels, Long imageId) {
}
