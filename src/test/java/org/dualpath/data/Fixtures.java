package org.dualpath.data;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small dataset files written into a test's temporary folder. */
public final class Fixtures {
    private Fixtures() {
    }

    /** Writes {@code content} to {@code dir/name} and returns the path; single quotes become double quotes. */
    public static Path json(Path dir, String name, String content) {
        return text(dir, name, content.replace('\'', '"'));
    }

    public static Path text(Path dir, String name, String content) {
        try {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            return Files.writeString(p, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a real JPEG of the given size. */
    public static Path jpeg(Path dir, String name, int width, int height) {
        try {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "jpg", p.toFile());
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An 8 x 8 PNG (left half red, right half blue) as fixed bytes: file sizes in cache keys do not depend on the encoder. */
    private static final byte[] FIXED_PNG = java.util.Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAFUlEQVR4XmP4z8AAR0jM/8jMISABAOkwP8Gsy5I7AAAAAElFTkSuQmCC");

    /** Writes {@link #FIXED_PNG} to {@code file} with that modification time: an image whose stamp is always the same. */
    public static Path fixedPng(Path file, long modifiedMillis) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, FIXED_PNG);
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(modifiedMillis));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A valid captions file: images 1 (a.jpg, 2 captions) and 2 (b.jpg, 1 caption). */
    public static Path captions(Path dir) {
        return json(dir, "captions.json", """
                {'info': {'description': 'test'},
                 'images': [{'id': 1, 'file_name': 'a.jpg', 'width': 4, 'height': 3, 'coco_url': 'http://x/a.jpg'},
                            {'id': 2, 'file_name': 'b.jpg', 'width': 5, 'height': 6}],
                 'annotations': [{'id': 10, 'image_id': 1, 'caption': 'a cat on a mat'},
                                 {'id': 11, 'image_id': 1, 'caption': 'a cat'},
                                 {'id': 12, 'image_id': 2, 'caption': 'a dog'}]}
                """);
    }

    /** A captions file with {@code n} images (i.jpg, ids 1..n), each with one caption. */
    public static Path captions(Path dir, int n) {
        StringBuilder images = new StringBuilder();
        StringBuilder annotations = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            String sep = i == 1 ? "" : ",";
            images.append(sep).append("{'id': ").append(i).append(", 'file_name': '").append(i)
                    .append(".jpg', 'width': 1, 'height': 1}");
            annotations.append(sep).append("{'id': ").append(i).append(", 'image_id': ").append(i)
                    .append(", 'caption': 'caption ").append(i).append("'}");
        }
        return json(dir, "captions" + n + ".json", "{'images': [" + images + "], 'annotations': [" + annotations + "]}");
    }
}
