package org.dualpath.data.image;

import org.dualpath.common.InputException;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;

/**
 * Decodes image files (JPEG incl. progressive and CMYK/YCCK via TwelveMonkeys, PNG incl. alpha, 16-bit and
 * palette, BMP, GIF first frame) into upright 8-bit sRGB {@code TYPE_INT_RGB} images: EXIF orientation is
 * applied and transparency is composited on white. Every failure is an {@link InputException} whose one-line
 * message names the file and the problem.
 */
public final class ImageDecoder {
    private ImageDecoder() {
    }

    /** The whole image at full resolution. */
    public static BufferedImage decode(Path file) {
        return read(file, 0);
    }

    /**
     * The image scaled to fit a {@code maxSide x maxSide} box (never enlarged). The decoder skips pixels
     * (source subsampling by {@code floor(longSide / maxSide)}), so large photos are never held in memory at
     * full size; a high-quality downscale then gives the exact size.
     */
    public static BufferedImage decodeThumbnail(Path file, int maxSide) {
        if (maxSide <= 0) {
            throw new IllegalArgumentException("thumbnail size must be positive: " + maxSide);
        }
        BufferedImage image = read(file, maxSide);
        int[] size = Resampling.fit(image.getWidth(), image.getHeight(), maxSide);
        if (size[0] == image.getWidth() && size[1] == image.getHeight()) {
            return image;
        }
        return Resampling.resize(image, size[0], size[1]);
    }

    private static BufferedImage read(Path file, int maxSide) {
        checkFile(file);
        BufferedImage raw;
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new InputException(file + ": cannot open the file for reading");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new InputException(file + ": not an image (the content is not JPEG, PNG, BMP or GIF)");
            }
            ImageReader reader = readers.next();
            raw = decodeWith(reader, in, file, maxSide);
        } catch (IOException e) {
            throw new InputException(file + ": cannot read the file (" + e.getMessage() + ")", e);
        }
        return ExifOrientation.apply(toRgb(raw), ExifOrientation.read(file));
    }

    private static BufferedImage decodeWith(ImageReader reader, ImageInputStream in, Path file, int maxSide) {
        String format = formatName(reader);
        try {
            reader.setInput(in, true, true);
            ImageReadParam param = reader.getDefaultReadParam();
            if (maxSide > 0) {
                int longSide = Math.max(reader.getWidth(0), reader.getHeight(0));
                int step = Math.max(1, longSide / maxSide);
                param.setSourceSubsampling(step, step, 0, 0);
            }
            return reader.read(0, param);
        } catch (IOException | RuntimeException e) {
            // Readers report damaged data with IIOException but also with runtime exceptions
            // (index out of bounds, illegal state) from deep inside the codec.
            throw new InputException(file + ": corrupt or truncated " + format + " data (" + describe(e) + ")", e);
        } finally {
            reader.dispose();
        }
    }

    private static void checkFile(Path file) {
        if (!Files.exists(file)) {
            throw new InputException(file + ": file not found");
        }
        if (Files.isDirectory(file)) {
            throw new InputException(file + ": is a folder, not an image file");
        }
        if (!Files.isReadable(file)) {
            throw new InputException(file + ": no permission to read the file");
        }
        try {
            if (Files.size(file) == 0) {
                throw new InputException(file + ": empty file (0 bytes), not an image");
            }
        } catch (IOException e) {
            throw new InputException(file + ": cannot read the file (" + e.getMessage() + ")", e);
        }
    }

    private static String formatName(ImageReader reader) {
        try {
            return reader.getFormatName().toUpperCase(Locale.ROOT);
        } catch (IOException e) {
            return "image";
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.strip();
    }

    /** {@code src} as 8-bit sRGB TYPE_INT_RGB, transparent pixels composited on white. */
    static BufferedImage toRgb(BufferedImage src) {
        if (src.getType() == BufferedImage.TYPE_INT_RGB) {
            return src;
        }
        BufferedImage dst = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        ColorModel cm = src.getColorModel();
        if (cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY && !(cm instanceof IndexColorModel)) {
            grayToRgb(src, dst);
            return dst;
        }
        Graphics2D g = dst.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, src.getWidth(), src.getHeight());
            g.drawImage(src, 0, 0, null);
        } finally {
            g.dispose();
        }
        return dst;
    }

    /**
     * Gray samples copied as they are: Java2D's generic path treats the gray colour space as linear and
     * would brighten gray+alpha and 16-bit images, while gray PNG and JPEG samples are already gamma-encoded.
     */
    private static void grayToRgb(BufferedImage src, BufferedImage dst) {
        Raster raster = src.getRaster();
        ColorModel cm = src.getColorModel();
        double grayMax = (1 << cm.getComponentSize(0)) - 1;
        boolean alpha = cm.hasAlpha();
        double alphaMax = alpha ? (1 << cm.getComponentSize(cm.getNumComponents() - 1)) - 1 : 1;
        int alphaBand = raster.getNumBands() - 1;
        for (int y = 0; y < src.getHeight(); y++) {
            for (int x = 0; x < src.getWidth(); x++) {
                double v = raster.getSample(x, y, 0) / grayMax * 255.0;
                if (alpha) {
                    double a = raster.getSample(x, y, alphaBand) / alphaMax;
                    v = v * a + 255.0 * (1 - a);
                }
                int g = (int) Math.round(v);
                dst.setRGB(x, y, (g << 16) | (g << 8) | g);
            }
        }
    }
}
