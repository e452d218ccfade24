package org.dualpath.data;

import org.dualpath.common.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageFilesTest {
    @TempDir
    Path dir;

    @Test
    void readsSizeFromHeader() {
        assertThat(ImageFiles.size(Fixtures.jpeg(dir, "a.jpg", 7, 5))).isEqualTo(new ImageFiles.Size(7, 5));
    }

    @Test
    void classifiesFiles() throws Exception {
        Path good = Fixtures.jpeg(dir, "a.jpg", 3, 3);
        assertThat(ImageFiles.problem(good, false)).isEmpty();
        assertThat(ImageFiles.problem(good, true)).isEmpty();
        assertThat(ImageFiles.problem(dir.resolve("none.jpg"), false)).contains("file not found");
        assertThat(ImageFiles.problem(Files.createFile(dir.resolve("zero.jpg")), false)).contains("empty file (0 bytes)");
        assertThat(ImageFiles.problem(Fixtures.text(dir, "t.jpg", "hello world"), false))
                .contains("not an image (unknown file header)");
        Path truncated = Fixtures.text(dir, "trunc.jpg", "");
        Files.write(truncated, new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0, 0});
        assertThat(ImageFiles.problem(truncated, false)).isEmpty();
        assertThat(ImageFiles.problem(truncated, true)).hasValueSatisfying(p -> assertThat(p).startsWith("cannot be decoded"));
    }

    /** The first part of a real-looking JPEG decodes (grey below the cut); data check --decode reports it. */
    @Test
    void truncatedButDecodableJpegIsAProblemWhenDecoding() throws Exception {
        Path whole = Fixtures.jpeg(dir, "whole.jpg", 320, 240);
        java.awt.image.BufferedImage noisy = javax.imageio.ImageIO.read(whole.toFile());
        java.util.Random random = new java.util.Random(3);
        for (int y = 0; y < noisy.getHeight(); y++) {
            for (int x = 0; x < noisy.getWidth(); x++) {
                noisy.setRGB(x, y, random.nextInt(0xFFFFFF));
            }
        }
        javax.imageio.ImageIO.write(noisy, "jpg", whole.toFile());
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.jpg"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThat(ImageFiles.problem(cut, false)).isEmpty();
        assertThat(ImageFiles.problem(cut, true)).hasValueSatisfying(p -> assertThat(p)
                .startsWith("cannot be decoded: truncated or corrupt JPEG data (").doesNotContain(cut.toString()));
    }

    @Test
    void sizeOfTextFileIsRefused() {
        Path t = Fixtures.text(dir, "t.jpg", "hello world");
        assertThatThrownBy(() -> ImageFiles.size(t)).isInstanceOf(InputException.class)
                .hasMessage(t + ": not a readable image (unknown format); replace it with a JPEG or PNG");
        assertThatThrownBy(() -> ImageFiles.size(dir.resolve("x.jpg")))
                .hasMessageContaining("x.jpg: image file not found");
    }
}
