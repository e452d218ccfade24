package org.dualpath.data.image;

import org.dualpath.common.InputException;
import org.dualpath.common.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dualpath.data.image.ImageFixtures.bytes;
import static org.dualpath.data.image.ImageFixtures.halves;

class ImageDecoderTest {
    @TempDir
    Path dir;

    private static void assertColor(BufferedImage image, int x, int y, int r, int g, int b, int tolerance) {
        Color c = new Color(image.getRGB(x, y));
        assertThat(c.getRed()).as("red at %d,%d", x, y).isCloseTo(r, org.assertj.core.data.Offset.offset(tolerance));
        assertThat(c.getGreen()).as("green at %d,%d", x, y).isCloseTo(g, org.assertj.core.data.Offset.offset(tolerance));
        assertThat(c.getBlue()).as("blue at %d,%d", x, y).isCloseTo(b, org.assertj.core.data.Offset.offset(tolerance));
    }

    @Test
    void baselineJpeg() throws IOException {
        Path file = bytes(dir.resolve("a.jpg"), ImageFixtures.jpeg(halves(64, 48, Color.RED, Color.BLUE), false));
        BufferedImage image = ImageDecoder.decode(file);
        assertThat(image.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(image.getWidth()).isEqualTo(64);
        assertThat(image.getHeight()).isEqualTo(48);
        assertColor(image, 8, 24, 255, 0, 0, 12);
        assertColor(image, 56, 24, 0, 0, 255, 12);
    }

    @Test
    void progressiveJpeg() throws IOException {
        byte[] jpeg = ImageFixtures.jpeg(halves(64, 48, Color.GREEN, Color.YELLOW), true);
        assertThat(containsMarker(jpeg, 0xC2)).as("SOF2 marker").isTrue();
        BufferedImage image = ImageDecoder.decode(bytes(dir.resolve("p.jpg"), jpeg));
        assertColor(image, 8, 24, 0, 255, 0, 12);
        assertColor(image, 56, 24, 255, 255, 0, 12);
    }

    @Test
    void cmykJpegIsConvertedToRgb() throws IOException {
        Path file = bytes(dir.resolve("cmyk.jpg"), ImageFixtures.cmykJpeg(32, 16, 0, 255, 255, 0));
        BufferedImage image = ImageDecoder.decode(file);
        assertThat(image.getWidth()).isEqualTo(32);
        Color c = new Color(image.getRGB(16, 8));
        assertThat(c.getRed()).isGreaterThan(180);
        assertThat(c.getGreen()).isLessThan(90);
        assertThat(c.getBlue()).isLessThan(90);
    }

    @Test
    void grayscaleJpegAndPngKeepTheirGrayLevel() throws IOException {
        BufferedImage gray = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                gray.getRaster().setSample(x, y, 0, 100);
            }
        }
        assertColor(ImageDecoder.decode(ImageFixtures.write(gray, "png", dir.resolve("g.png"))), 3, 3, 100, 100, 100, 0);
        Path jpeg = bytes(dir.resolve("g.jpg"), ImageFixtures.jpeg(gray, false));
        assertColor(ImageDecoder.decode(jpeg), 3, 3, 100, 100, 100, 3);
    }

    @Test
    void exifOrientationSixRotatesClockwise() throws IOException {
        byte[] jpeg = ImageFixtures.jpeg(halves(40, 20, Color.RED, Color.BLUE), false);
        Path file = bytes(dir.resolve("rot.jpg"), ImageFixtures.withExifOrientation(jpeg, 6));
        BufferedImage image = ImageDecoder.decode(file);
        assertThat(image.getWidth()).isEqualTo(20);
        assertThat(image.getHeight()).isEqualTo(40);
        // The stored left half (red) ends up on top after a clockwise quarter turn.
        assertColor(image, 10, 5, 255, 0, 0, 12);
        assertColor(image, 10, 35, 0, 0, 255, 12);
    }

    @Test
    void exifOrientationTransformsAllEightCases() {
        BufferedImage src = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        // pixel values 1..6 row by row: [1 2 3; 4 5 6]
        for (int i = 0; i < 6; i++) {
            src.setRGB(i % 3, i / 3, i + 1);
        }
        assertThat(pixels(ExifOrientation.apply(src, 1))).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(pixels(ExifOrientation.apply(src, 2))).containsExactly(3, 2, 1, 6, 5, 4);
        assertThat(pixels(ExifOrientation.apply(src, 3))).containsExactly(6, 5, 4, 3, 2, 1);
        assertThat(pixels(ExifOrientation.apply(src, 4))).containsExactly(4, 5, 6, 1, 2, 3);
        assertThat(pixels(ExifOrientation.apply(src, 5))).containsExactly(1, 4, 2, 5, 3, 6);
        assertThat(pixels(ExifOrientation.apply(src, 6))).containsExactly(4, 1, 5, 2, 6, 3);
        assertThat(pixels(ExifOrientation.apply(src, 7))).containsExactly(6, 3, 5, 2, 4, 1);
        assertThat(pixels(ExifOrientation.apply(src, 8))).containsExactly(3, 6, 2, 5, 1, 4);
    }

    private static int[] pixels(BufferedImage image) {
        int[] rgb = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return java.util.Arrays.stream(rgb).map(p -> p & 0xFFFFFF).toArray();
    }

    @Test
    void pngAlphaIsCompositedOnWhite() throws IOException {
        BufferedImage argb = new BufferedImage(3, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x00000000);
        argb.setRGB(1, 0, 0x80FF0000);
        argb.setRGB(2, 0, 0xFF0000FF);
        BufferedImage image = ImageDecoder.decode(ImageFixtures.write(argb, "png", dir.resolve("alpha.png")));
        assertColor(image, 0, 0, 255, 255, 255, 0);
        assertColor(image, 1, 0, 255, 127, 127, 2);
        assertColor(image, 2, 0, 0, 0, 255, 0);
    }

    @Test
    void sixteenBitPngsAreScaledToEightBits() throws IOException {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = cm.createCompatibleWritableRaster(4, 4);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                raster.setPixel(x, y, new int[]{0xFFFF, 128 * 257, 0});
            }
        }
        BufferedImage rgb16 = new BufferedImage(cm, raster, false, null);
        assertColor(ImageDecoder.decode(ImageFixtures.write(rgb16, "png", dir.resolve("rgb16.png"))), 1, 1, 255, 128, 0, 1);

        BufferedImage gray16 = new BufferedImage(4, 4, BufferedImage.TYPE_USHORT_GRAY);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                gray16.getRaster().setSample(x, y, 0, 100 * 257);
            }
        }
        assertColor(ImageDecoder.decode(ImageFixtures.write(gray16, "png", dir.resolve("gray16.png"))), 2, 2, 100, 100, 100, 0);
    }

    @Test
    void palettePng() throws IOException {
        byte[] r = {(byte) 255, 0, 0, 10};
        byte[] g = {0, (byte) 255, 0, 20};
        byte[] b = {0, 0, (byte) 255, 30};
        BufferedImage indexed = new BufferedImage(4, 1, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(2, 4, r, g, b));
        for (int x = 0; x < 4; x++) {
            indexed.getRaster().setSample(x, 0, 0, x);
        }
        BufferedImage image = ImageDecoder.decode(ImageFixtures.write(indexed, "png", dir.resolve("pal.png")));
        assertColor(image, 0, 0, 255, 0, 0, 0);
        assertColor(image, 2, 0, 0, 0, 255, 0);
        assertColor(image, 3, 0, 10, 20, 30, 0);
    }

    @Test
    void bmp() throws IOException {
        Path file = ImageFixtures.write(halves(10, 6, Color.ORANGE, Color.CYAN), "bmp", dir.resolve("x.bmp"));
        BufferedImage image = ImageDecoder.decode(file);
        assertColor(image, 1, 1, 255, 200, 0, 0);
        assertColor(image, 8, 4, 0, 255, 255, 0);
    }

    @Test
    void gifGivesTheFirstFrame() throws IOException {
        BufferedImage red = halves(8, 8, Color.RED, Color.RED);
        BufferedImage blue = halves(8, 8, Color.BLUE, Color.BLUE);
        BufferedImage image = ImageDecoder.decode(bytes(dir.resolve("anim.gif"), ImageFixtures.twoFrameGif(red, blue)));
        assertColor(image, 4, 4, 255, 0, 0, 0);
    }

    @Test
    void zeroByteFile() throws IOException {
        Path file = Files.createFile(dir.resolve("empty.jpg"));
        assertThatThrownBy(() -> ImageDecoder.decode(file)).isInstanceOf(InputException.class)
                .hasMessage(file + ": empty file (0 bytes), not an image")
                .isInstanceOfSatisfying(ImageDecodeException.class, e -> {
                    assertThat(e.source()).isEqualTo(file.toString());
                    assertThat(e.reason()).isEqualTo("empty file (0 bytes), not an image");
                });
    }

    @Test
    void textFileNamedJpg() {
        Path file = bytes(dir.resolve("notes.jpg"), "hello, not a picture\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> ImageDecoder.decode(file)).isInstanceOf(InputException.class)
                .hasMessage(file + ": not an image (the content is not JPEG, PNG, BMP or GIF)");
    }

    @Test
    void corruptJpeg() {
        byte[] garbage = new byte[600];
        new java.util.Random(1).nextBytes(garbage);
        garbage[0] = (byte) 0xFF;
        garbage[1] = (byte) 0xD8;
        Path file = bytes(dir.resolve("bad.jpg"), garbage);
        assertThatThrownBy(() -> ImageDecoder.decode(file)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(file + ": corrupt or truncated JPEG data (")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    /** The first half of a 64 x 64 image file in {@code format}, as cut.FORMAT. */
    private Path firstHalf(String format) throws IOException {
        Path full = ImageFixtures.write(halves(64, 64, Color.RED, Color.GREEN), format, dir.resolve("full." + format));
        byte[] bytes = Files.readAllBytes(full);
        return bytes(dir.resolve("cut." + format), java.util.Arrays.copyOf(bytes, bytes.length / 2));
    }

    @Test
    void truncatedPng() throws IOException {
        Path file = firstHalf("png");
        assertThatThrownBy(() -> ImageDecoder.decode(file)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(file + ": corrupt or truncated PNG data (")
                .hasMessageEndingWith("); replace the file with a complete copy");
    }

    /** A cut colour profile (met by the fuzz test) is ignored by the reader; the intact pixels decode. */
    @Test
    void aJpegWithACutColourProfileDecodes() throws IOException {
        byte[] jpeg = ImageFixtures.jpeg(halves(32, 16, Color.RED, Color.BLUE), false);
        // a profile header announcing 3144 bytes, of which the file holds the 128-byte header only
        byte[] profile = new byte[128];
        java.nio.ByteBuffer.wrap(profile).putInt(0, 3144).put(8, (byte) 2)
                .put(12, "mntrRGB XYZ ".getBytes(StandardCharsets.US_ASCII))
                .put(36, "acsp".getBytes(StandardCharsets.US_ASCII));
        byte[] marker = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream segment = new ByteArrayOutputStream();
        int length = 2 + marker.length + 2 + profile.length;
        segment.writeBytes(new byte[]{(byte) 0xFF, (byte) 0xE2, (byte) (length >> 8), (byte) length});
        segment.writeBytes(marker);
        segment.writeBytes(new byte[]{1, 1});
        segment.writeBytes(profile);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(jpeg, 0, 2);
        file.writeBytes(segment.toByteArray());
        file.write(jpeg, 2, jpeg.length - 2);
        BufferedImage image = ImageDecoder.decode(bytes(dir.resolve("cut-profile.jpg"), file.toByteArray()));
        assertColor(image, 4, 8, 255, 0, 0, 12);
        assertColor(image, 28, 8, 0, 0, 255, 12);
    }

    /** A thumbnail step wider than the image (found by the fuzz test) once made the BMP reader refuse it. */
    @Test
    void thumbnailsOfImagesNarrowerThanTheirStepKeepOneColumn() throws IOException {
        for (String format : List.of("bmp", "png", "gif")) {
            Path file = ImageFixtures.write(halves(3, 5000, Color.RED, Color.RED), format, dir.resolve("tall." + format));
            BufferedImage thumbnail = ImageDecoder.decodeThumbnail(file, 96);
            assertThat(thumbnail.getHeight()).as(format).isEqualTo(96);
            assertThat(thumbnail.getWidth()).as(format).isEqualTo(1);
            assertColor(thumbnail, 0, 50, 255, 0, 0, 0);
        }
    }

    /** A codec's end of file comes without a message: the reason says what it means, not the exception's name. */
    @Test
    void truncatedBmpSaysTheDataEndsEarly() throws IOException {
        Path file = firstHalf("bmp");
        assertThatThrownBy(() -> ImageDecoder.decode(file)).isInstanceOf(InputException.class)
                .hasMessage(file + ": corrupt or truncated BMP data (the data ends early); replace the file with a"
                        + " complete copy");
    }

    /** A decompression bomb is refused from its header, before any pixel is decoded. */
    @Test
    void imageBeyondThePixelLimitIsRefusedWithItsDimensions() throws IOException {
        Path bomb = ImageFixtures.flatPng(dir.resolve("bomb.png"), 40_000, 40_000);
        assertThat(Files.size(bomb)).isLessThan(2_000_000);
        assertThatThrownBy(() -> ImageDecoder.decode(bomb)).isInstanceOf(InputException.class)
                .hasMessage(bomb + ": 40000 x 40000 pixels (1600 megapixels) is more than the 1000-megapixel limit;"
                        + " scale the image down first");
        assertThatThrownBy(() -> ImageDecoder.decodeThumbnail(bomb, 96)).isInstanceOf(InputException.class)
                .hasMessageContaining("40000 x 40000 pixels");
    }

    /** Between the full-size and the refusal limits the reader subsamples, so the decoded image stays small. */
    @Test
    void imageAboveTheFullSizeBudgetIsReadSubsampled() throws IOException {
        Path large = ImageFixtures.flatPng(dir.resolve("large.png"), 12_000, 10_000);
        BufferedImage image = ImageDecoder.decode(large);
        assertThat((long) image.getWidth() * image.getHeight()).isLessThanOrEqualTo(ImageDecoder.SUBSAMPLED_PIXELS);
        assertThat(image.getWidth()).isEqualTo(4_000);
        assertThat(image.getHeight()).isEqualTo(3_334);
        assertThat(image.getRGB(100, 100) & 0xFFFFFF).isZero();
    }

    /** A cut JPEG decodes with a grey rest and only a warning from the codec: it is refused like a cut PNG. */
    @Test
    void truncatedJpegIsRefusedWithTheDecodersWarning() throws IOException {
        Path full = ImageFixtures.bytes(dir.resolve("full.jpg"), ImageFixtures.jpeg(halves(256, 192, Color.RED, Color.BLUE), false));
        assertThat(ImageDecoder.decode(full).getWidth()).isEqualTo(256);
        byte[] jpeg = Files.readAllBytes(full);
        Path cut = bytes(dir.resolve("cut.jpg"), java.util.Arrays.copyOf(jpeg, jpeg.length * 2 / 3));
        assertThatThrownBy(() -> ImageDecoder.decode(cut)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(cut + ": truncated or corrupt JPEG data (")
                .hasMessageContaining("premature end")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> ImageDecoder.decodeThumbnail(cut, 64)).isInstanceOf(InputException.class);
    }

    /**
     * Pasted or dropped bytes go through the file's decoding: an EXIF-rotated JPEG comes out rotated, CMYK,
     * 16-bit, palette, progressive, BMP and GIF content alike, pixel for pixel.
     */
    @Test
    void bytesDecodeExactlyLikeTheFileWithTheirContent() throws IOException {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        BufferedImage rgb16 = new BufferedImage(cm, cm.createCompatibleWritableRaster(6, 4), false, null);
        List<Path> files = List.of(
                bytes(dir.resolve("rot.jpg"), ImageFixtures.withExifOrientation(
                        ImageFixtures.jpeg(halves(40, 20, Color.RED, Color.BLUE), false), 6)),
                bytes(dir.resolve("cmyk.jpg"), ImageFixtures.cmykJpeg(32, 16, 0, 255, 255, 0)),
                bytes(dir.resolve("p.jpg"), ImageFixtures.jpeg(halves(64, 48, Color.GREEN, Color.YELLOW), true)),
                ImageFixtures.write(rgb16, "png", dir.resolve("rgb16.png")),
                ImageFixtures.write(halves(10, 6, Color.ORANGE, Color.CYAN), "bmp", dir.resolve("x.bmp")),
                bytes(dir.resolve("anim.gif"), ImageFixtures.twoFrameGif(halves(8, 8, Color.RED, Color.RED),
                        halves(8, 8, Color.BLUE, Color.BLUE))));
        for (Path file : files) {
            BufferedImage fromFile = ImageDecoder.decode(file);
            BufferedImage fromBytes = ImageDecoder.decode(Files.readAllBytes(file), "pasted image");
            assertThat(fromBytes.getType()).as(file.toString()).isEqualTo(BufferedImage.TYPE_INT_RGB);
            assertThat(pixels(fromBytes)).as(file.toString()).containsExactly(pixels(fromFile));
            assertThat(fromBytes.getWidth()).as(file.toString()).isEqualTo(fromFile.getWidth());
        }
        BufferedImage rotated = ImageDecoder.decode(Files.readAllBytes(files.get(0)), "pasted image");
        assertThat(rotated.getWidth()).isEqualTo(20);
        assertThat(rotated.getHeight()).isEqualTo(40);
        assertColor(rotated, 10, 5, 255, 0, 0, 12);
    }

    /** A cut PNG pasted is refused as the file is, named as the paste and advising what a paste can do. */
    @Test
    void truncatedPngBytesAreRefusedLikeTheFile() throws IOException {
        Path file = firstHalf("png");
        String fileReason = reasonOf(() -> ImageDecoder.decode(file));
        assertThatThrownBy(() -> ImageDecoder.decode(Files.readAllBytes(file), "pasted image (image/png)"))
                .isInstanceOfSatisfying(ImageDecodeException.class, e -> {
                    assertThat(e.getMessage()).startsWith("pasted image (image/png): corrupt or truncated PNG data (")
                            .endsWith("); copy the image again, or open its file instead").doesNotContain("\n");
                    assertThat(e.reason().replace(ImageDecoder.COPY_AGAIN, ImageDecoder.REPLACE_FILE))
                            .isEqualTo(fileReason);
                });
        Path bomb = ImageFixtures.flatPng(dir.resolve("bomb.png"), 40_000, 40_000);
        assertThatThrownBy(() -> ImageDecoder.decode(Files.readAllBytes(bomb), "dropped image"))
                .hasMessage("dropped image: 40000 x 40000 pixels (1600 megapixels) is more than the 1000-megapixel"
                        + " limit; scale the image down first");
        assertThatThrownBy(() -> ImageDecoder.decode(new byte[0], "pasted image"))
                .hasMessage("pasted image: no image data (0 bytes); copy the image again");
        assertThatThrownBy(() -> ImageDecoder.decode("some text".getBytes(StandardCharsets.UTF_8), "pasted image"))
                .hasMessage("pasted image: not an image (the content is not JPEG, PNG, BMP or GIF)");
    }

    private static String reasonOf(org.assertj.core.api.ThrowableAssert.ThrowingCallable decode) {
        try {
            decode.call();
        } catch (ImageDecodeException e) {
            return e.reason();
        } catch (Throwable t) {
            throw new AssertionError("expected an ImageDecodeException", t);
        }
        throw new AssertionError("expected the decode to fail");
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("nowhere.png");
        assertThatThrownBy(() -> ImageDecoder.decode(file)).isInstanceOf(InputException.class)
                .hasMessage(file + ": file not found");
    }

    @Test
    void allSharedFlickrImagesDecode() throws IOException {
        Path images = SharedData.require("data/flickr8k-1k/images");
        List<Path> files;
        try (Stream<Path> s = Files.list(images)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(files).hasSize(1000);
        long start = System.nanoTime();
        for (Path f : files) {
            BufferedImage image = ImageDecoder.decode(f);
            assertThat(Math.max(image.getWidth(), image.getHeight())).isBetween(1, 256);
        }
        System.out.printf("decoded %d flickr8k-1k images in %.2f s%n", files.size(), (System.nanoTime() - start) / 1e9);
    }

    private static boolean containsMarker(byte[] jpeg, int marker) {
        for (int i = 0; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == marker) {
                return true;
            }
        }
        return false;
    }
}
