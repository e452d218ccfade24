package org.dualpath.data.image;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the small test images the image tests (and the paste tests) decode; everything is generated, nothing is committed. */
public final class ImageFixtures {
    private ImageFixtures() {
    }

    /**
     * A black {@code w x h} 1-bit grayscale PNG streamed row by row: a decompression bomb (40000 x 40000 is about
     * 200 KB on disk) that the test never holds decoded in memory.
     */
    static Path flatPng(Path file, int w, int h) throws IOException {
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (var z = new java.util.zip.DeflaterOutputStream(idat, new java.util.zip.Deflater(9))) {
            byte[] row = new byte[1 + (w + 7) / 8];
            for (int y = 0; y < h; y++) {
                z.write(row);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        pngChunk(png, "IHDR", ByteBuffer.allocate(13).putInt(w).putInt(h).put(new byte[]{1, 0, 0, 0, 0}).array());
        pngChunk(png, "IDAT", idat.toByteArray());
        pngChunk(png, "IEND", new byte[0]);
        return bytes(file, png.toByteArray());
    }

    private static void pngChunk(ByteArrayOutputStream png, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(name);
        crc.update(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        png.writeBytes(name);
        png.writeBytes(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** A {@code w x h} image whose left half is {@code left} and right half is {@code right}. */
    public static BufferedImage halves(int w, int h, Color left, Color right) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(left);
        g.fillRect(0, 0, w / 2, h);
        g.setColor(right);
        g.fillRect(w / 2, 0, w - w / 2, h);
        g.dispose();
        return image;
    }

    static Path write(BufferedImage image, String format, Path file) throws IOException {
        if (!ImageIO.write(image, format, file.toFile())) {
            throw new IllegalStateException("no writer for " + format);
        }
        return file;
    }

    /** A JPEG; {@code progressive} selects the progressive (SOF2) encoding. */
    public static byte[] jpeg(BufferedImage image, boolean progressive) throws IOException {
        return encodeJpeg(new IIOImage(image, null, null), progressive);
    }

    /**
     * A CMYK JPEG as Photoshop writes them: a 4-band raster plus an Adobe APP14 segment (transform 0, no
     * colour transform) and, by Adobe convention, inverted samples (255 = no ink). All pixels get the given
     * ink amounts 0-255.
     */
    static byte[] cmykJpeg(int w, int h, int c, int m, int y, int k) throws IOException {
        var raster = Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE, w, h, 4, null);
        for (int yy = 0; yy < h; yy++) {
            for (int xx = 0; xx < w; xx++) {
                raster.setPixel(xx, yy, new int[]{255 - c, 255 - m, 255 - y, 255 - k});
            }
        }
        byte[] jpeg = encodeJpeg(new IIOImage(raster, null, null), false);
        byte[] adobe = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0};
        return insertAfterSoi(jpeg, adobe);
    }

    private static byte[] insertAfterSoi(byte[] jpeg, byte[] segment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.writeBytes(segment);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    private static byte[] encodeJpeg(IIOImage content, boolean progressive) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.95f);
            if (progressive) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            writer.write(null, content, param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** {@code jpeg} with an APP1 Exif segment holding only the orientation tag, inserted right after SOI. */
    public static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(26);
        tiff.put("MM".getBytes(StandardCharsets.US_ASCII)).putShort((short) 42).putInt(8);
        tiff.putShort((short) 1);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);
        byte[] exif = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);
        int length = 2 + exif.length + tiff.capacity();
        ByteArrayOutputStream segment = new ByteArrayOutputStream();
        segment.write(0xFF);
        segment.write(0xE1);
        segment.write(length >> 8);
        segment.write(length & 0xFF);
        segment.writeBytes(exif);
        segment.writeBytes(tiff.array());
        return insertAfterSoi(jpeg, segment.toByteArray());
    }

    /** Two GIF frames, the first {@code first}, the second {@code second}. */
    static byte[] twoFrameGif(BufferedImage first, BufferedImage second) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (BufferedImage frame : new BufferedImage[]{first, second}) {
                ImageTypeSpecifier type = ImageTypeSpecifier.createFromRenderedImage(frame);
                writer.writeToSequence(new IIOImage(frame, null, writer.getDefaultImageMetadata(type, null)), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    static Path bytes(Path file, byte[] content) {
        try {
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
