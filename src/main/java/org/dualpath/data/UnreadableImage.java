package org.dualpath.data;

/**
 * A dataset image whose file could not be decoded, and why (the decoder's reason, without the file name): a
 * training run leaves such images out and lists them.
 */
public record UnreadableImage(CocoImage image, String reason) {
}
