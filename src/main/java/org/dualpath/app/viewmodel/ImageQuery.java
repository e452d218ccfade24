package org.dualpath.app.viewmodel;

import javafx.scene.image.Image;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * An image used as a query: its name for the query chip, a preview, the decoded pixels, and the dataset image
 * id when it is one of the dataset's images (then its ground truth is known), else null; {@code file} may be null
 * for a pasted image.
 */
public record ImageQuery(String name, Image preview, BufferedImage pixels, Long imageId, Path file) {
}
