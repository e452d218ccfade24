package org.dualpath.data;

import org.dualpath.common.InputException;
import org.dualpath.data.image.ImageDecodeException;
import org.dualpath.data.image.ImageDecoder;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;

/** Cheap checks on image files: magic bytes, header dimensions, and (only when asked) a full decode. */
public final class ImageFiles {
    /** Image formats recognised by their first bytes. */
    public enum Format { JPEG, PNG, GIF, BMP, WEBP }

    /** The problem text of a file that does not exist. */
    public static final String NOT_FOUND = "file not found";

    /** Width and height in pixels as read from the file header. */
    public record Size(int width, int height) {
    }

    private ImageFiles() {
    }

    /** The format announced by the first bytes of {@code bytes}, or empty when none matches. */
    public static Optional<Format> sniff(byte[] bytes, int length) {
        if (length >= 3 && (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xD8 && (bytes[2] & 0xff) == 0xFF) {
            return Optional.of(Format.JPEG);
        }
        if (length >= 8 && (bytes[0] & 0xff) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G') {
            return Optional.of(Format.PNG);
        }
        if (length >= 4 && bytes[0] == 'G' && bytes[1] == 'I' && bytes[2] == 'F' && bytes[3] == '8') {
            return Optional.of(Format.GIF);
        }
        if (length >= 2 && bytes[0] == 'B' && bytes[1] == 'M') {
            return Optional.of(Format.BMP);
        }
        if (length >= 12 && bytes[0] == 'R' && bytes[1] == 'I' && bytes[2] == 'F' && bytes[3] == 'F'
                && bytes[8] == 'W' && bytes[9] == 'E' && bytes[10] == 'B' && bytes[11] == 'P') {
            return Optional.of(Format.WEBP);
        }
        return Optional.empty();
    }

    /**
     * Why {@code file} is not a usable image, or empty when it is. Reads only the first bytes unless
     * {@code decode} is set, in which case the whole image is decoded.
     */
    public static Optional<String> problem(Path file, boolean decode) {
        byte[] head = new byte[12];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (NoSuchFileException e) {
            return Optional.of(NOT_FOUND);
        } catch (IOException e) {
            return Optional.of("cannot be read (" + e.getMessage() + ")");
        }
        if (n == 0) {
            return Optional.of("empty file (0 bytes)");
        }
        if (sniff(head, n).isEmpty()) {
            return Optional.of("not an image (unknown file header)");
        }
        if (decode) {
            // the decoder every job uses, so its pixel budget and damage checks are what the check reports
            try {
                ImageDecoder.decode(file);
            } catch (ImageDecodeException e) {
                return Optional.of("cannot be decoded: " + e.reason());
            }
        }
        return Optional.empty();
    }

    /** Reads the dimensions from the header without decoding the pixels. */
    public static Size size(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InputException(file + ": image file not found; put it into the images folder or fix its file name");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new InputException(file + ": not a readable image (unknown format); replace it with a JPEG or PNG");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new Size(reader.getWidth(0), reader.getHeight(0));
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new InputException(file + ": cannot read the image header (" + e.getMessage()
                    + "); replace the file with a valid image", e);
        }
    }
}
