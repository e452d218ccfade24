package org.dualpath.data.image;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Metadata;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifIFD0Directory;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;

/**
 * The EXIF orientation tag (1-8) and the transform that turns stored pixels upright. With {@code (x, y)} an
 * output pixel and {@code w x h} the stored size: 2 mirrors x, 3 rotates 180 degrees, 4 mirrors y,
 * 5 transposes, 6 rotates 90 degrees clockwise, 7 transverses, 8 rotates 90 degrees counter-clockwise;
 * 5-8 swap width and height.
 */
final class ExifOrientation {
    static final int NORMAL = 1;

    private ExifOrientation() {
    }

    /** The orientation stored in the image {@code in} holds, or {@link #NORMAL} when there is none or it cannot be read. */
    static int read(InputStream in) {
        try {
            Metadata metadata = ImageMetadataReader.readMetadata(in);
            ExifIFD0Directory dir = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (dir != null && dir.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                int value = dir.getInt(ExifIFD0Directory.TAG_ORIENTATION);
                return value >= 1 && value <= 8 ? value : NORMAL;
            }
        } catch (ImageProcessingException | IOException | MetadataException | RuntimeException e) {
            // Metadata is optional: pixels that decoded are usable even when the EXIF block is broken.
        }
        return NORMAL;
    }

    /** {@code src} (TYPE_INT_RGB) turned upright for {@code orientation}; the same image for 1. */
    static BufferedImage apply(BufferedImage src, int orientation) {
        if (orientation == NORMAL) {
            return src;
        }
        int w = src.getWidth();
        int h = src.getHeight();
        boolean swap = orientation >= 5;
        int dw = swap ? h : w;
        int dh = swap ? w : h;
        int[] in = src.getRGB(0, 0, w, h, null, 0, w);
        int[] out = new int[dw * dh];
        for (int y = 0; y < dh; y++) {
            for (int x = 0; x < dw; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    case 4 -> { sx = x; sy = h - 1 - y; }
                    case 5 -> { sx = y; sy = x; }
                    case 6 -> { sx = y; sy = h - 1 - x; }
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
                    case 8 -> { sx = w - 1 - y; sy = x; }
                    default -> throw new IllegalArgumentException("EXIF orientation " + orientation);
                }
                out[y * dw + x] = in[sy * w + sx];
            }
        }
        BufferedImage dst = new BufferedImage(dw, dh, BufferedImage.TYPE_INT_RGB);
        dst.setRGB(0, 0, dw, dh, out, 0, dw);
        return dst;
    }
}
