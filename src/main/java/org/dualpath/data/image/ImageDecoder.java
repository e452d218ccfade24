package org.dualpath.data.image;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Decodes image files (JPEG incl. progressive and CMYK/YCCK via TwelveMonkeys, PNG incl. alpha, 16-bit and
 * palette, BMP, GIF first frame) into upright 8-bit sRGB {@code TYPE_INT_RGB} images: EXIF orientation is
 * applied and transparency is composited on white. Every failure is an {@link ImageDecodeException} whose
 * one-line message names the file and the problem.
 *
 * <p>A pixel budget guards against decompression bombs (a flat 40000 x 40000 PNG is 1.5 MB on disk and 6.4 GB
 * decoded): images up to {@link #FULL_SIZE_PIXELS} decode at full size; larger ones up to {@link #MAX_PIXELS}
 * are read with source subsampling to at most {@link #SUBSAMPLED_PIXELS}, so the decoded image never exceeds
 * the budget whatever the file says; beyond {@link #MAX_PIXELS} the file is refused before any pixel is read.
 */
public final class ImageDecoder {
    /**
     * Decoder warnings that mean pixels are missing or wrong (a truncated or corrupt JPEG decodes with a grey
     * rest); other warnings, such as an ICC profile class being ignored, leave the image intact.
     */
    private static final Pattern DAMAGE_WARNING = Pattern.compile("(?i)truncat|premature end|huffman|corrupt");
    /**
     * A damaged colour profile that the reader says it ignores ("Truncated ICC Profile data. Ignoring ICC
     * profile."): the pixels are intact (the fuzz test met photos refused for a cut profile).
     */
    private static final Pattern PROFILE_WARNING = Pattern.compile("(?i)ignoring icc profile");
    /** Largest image decoded at full size: 100 megapixels (a 10,000 x 10,000 photo). */
    public static final long FULL_SIZE_PIXELS = 100_000_000L;
    /** Largest image accepted at all: 1,000 megapixels. */
    public static final long MAX_PIXELS = 1_000_000_000L;
    /** Size to which images between the two limits are subsampled while reading: at most 25 megapixels. */
    public static final long SUBSAMPLED_PIXELS = 25_000_000L;

    private ImageDecoder() {
    }

    /** What a message on a damaged file advises. */
    static final String REPLACE_FILE = "replace the file with a complete copy";
    /** What a message on damaged pasted or dropped data advises. */
    static final String COPY_AGAIN = "copy the image again, or open its file instead";

    /**
     * Encoded image data to decode: where its pixels and its EXIF block are read from (each opened once), the
     * name messages give it, and what they advise when the data is damaged.
     */
    private record Source(String name, Opener<ImageInputStream> pixels, Opener<InputStream> metadata,
                          String whenDamaged) {
        static Source of(Path file) {
            return new Source(file.toString(), () -> ImageIO.createImageInputStream(file.toFile()),
                    () -> new BufferedInputStream(Files.newInputStream(file)), REPLACE_FILE);
        }

        static Source of(byte[] data, String name) {
            return new Source(name, () -> new MemoryCacheImageInputStream(new ByteArrayInputStream(data)),
                    () -> new ByteArrayInputStream(data), COPY_AGAIN);
        }
    }

    @FunctionalInterface
    private interface Opener<T> {
        T open() throws IOException;
    }

    /** The whole image at full resolution. */
    public static BufferedImage decode(Path file) {
        checkFile(file);
        return read(Source.of(file), 0);
    }

    /**
     * Encoded image data held in memory (a pasted or dropped image) decoded exactly as a file with that content:
     * EXIF orientation, CMYK, 16-bit, the pixel budget and the damage checks alike. {@code name} stands for the
     * file in messages, e.g. "pasted image (image/png)".
     */
    public static BufferedImage decode(byte[] data, String name) {
        if (data.length == 0) {
            throw new ImageDecodeException(name, "no image data (0 bytes); copy the image again");
        }
        return read(Source.of(data, name), 0);
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
        checkFile(file);
        BufferedImage image = read(Source.of(file), maxSide);
        int[] size = Resampling.fit(image.getWidth(), image.getHeight(), maxSide);
        if (size[0] == image.getWidth() && size[1] == image.getHeight()) {
            return image;
        }
        return Resampling.resize(image, size[0], size[1]);
    }

    private static BufferedImage read(Source source, int maxSide) {
        BufferedImage raw;
        try (ImageInputStream in = source.pixels().open()) {
            if (in == null) {
                throw new ImageDecodeException(source.name(), "cannot open the file for reading");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ImageDecodeException(source.name(), "not an image (the content is not JPEG, PNG, BMP or GIF)");
            }
            ImageReader reader = readers.next();
            raw = decodeWith(reader, in, source, maxSide);
        } catch (IOException e) {
            throw new ImageDecodeException(source.name(), "cannot read the image data (" + e.getMessage() + ")", e);
        }
        return ExifOrientation.apply(toRgb(raw), orientation(source));
    }

    /** The EXIF orientation of {@code source}, upright when it has none or its metadata cannot be read. */
    private static int orientation(Source source) {
        try (InputStream in = source.metadata().open()) {
            return ExifOrientation.read(in);
        } catch (IOException e) {
            return ExifOrientation.NORMAL;
        }
    }

    private static BufferedImage decodeWith(ImageReader reader, ImageInputStream in, Source source, int maxSide) {
        String format = formatName(reader);
        try {
            reader.setInput(in, true, true);
            ImageReadParam param = reader.getDefaultReadParam();
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            int step = budgetStep(source.name(), width, height);
            if (maxSide > 0) {
                step = Math.max(step, Math.max(width, height) / maxSide);
            }
            if (step > 1) {
                // a step wider than the image leaves no column for TwelveMonkeys' BMP reader (a zero-width
                // raster); one column is what every reader keeps then
                param.setSourceSubsampling(Math.min(step, width), Math.min(step, height), 0, 0);
            }
            List<String> damage = new ArrayList<>();
            reader.addIIOReadWarningListener((imageReader, warning) -> {
                if (warning != null && DAMAGE_WARNING.matcher(warning).find() && !PROFILE_WARNING.matcher(warning).find()) {
                    damage.add(warning.strip());
                    // the rest would only be filled with grey: a small file claiming a huge size stops here
                    reader.abort();
                }
            });
            BufferedImage image = reader.read(0, param);
            if (!damage.isEmpty()) {
                // the JPEG decoder fills what is missing with grey and only warns: treat it as the damage it is
                throw new ImageDecodeException(source.name(), "truncated or corrupt " + format + " data ("
                        + String.join("; ", damage) + "); " + source.whenDamaged());
            }
            return image;
        } catch (ImageDecodeException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Readers report damaged data with IIOException but also with runtime exceptions
            // (index out of bounds, illegal state) from deep inside the codec.
            throw new ImageDecodeException(source.name(), "corrupt or truncated " + format + " data (" + describe(e)
                    + "); " + source.whenDamaged(), e);
        } finally {
            reader.dispose();
        }
    }

    /** The subsampling step that keeps a {@code width x height} image within the pixel budget; refuses beyond it. */
    static int budgetStep(String source, int width, int height) {
        long pixels = (long) width * height;
        if (pixels > MAX_PIXELS) {
            throw new ImageDecodeException(source, width + " x " + height + " pixels (" + pixels / 1_000_000
                    + " megapixels) is more than the " + MAX_PIXELS / 1_000_000
                    + "-megapixel limit; scale the image down first");
        }
        if (pixels <= FULL_SIZE_PIXELS) {
            return 1;
        }
        return (int) Math.ceil(Math.sqrt((double) pixels / SUBSAMPLED_PIXELS));
    }

    private static void checkFile(Path file) {
        if (!Files.exists(file)) {
            throw new ImageDecodeException(file.toString(), "file not found");
        }
        if (Files.isDirectory(file)) {
            throw new ImageDecodeException(file.toString(), "is a folder, not an image file");
        }
        if (!Files.isReadable(file)) {
            throw new ImageDecodeException(file.toString(), "no permission to read the file");
        }
        try {
            if (Files.size(file) == 0) {
                throw new ImageDecodeException(file.toString(), "empty file (0 bytes), not an image");
            }
        } catch (IOException e) {
            throw new ImageDecodeException(file.toString(), "cannot read the file (" + e.getMessage() + ")", e);
        }
    }

    private static String formatName(ImageReader reader) {
        try {
            return reader.getFormatName().toUpperCase(Locale.ROOT);
        } catch (IOException e) {
            return "image";
        }
    }

    /**
     * The codec's own words, on one line: an end of file without a message says so; an exception from inside the
     * codec (an index out of bounds) gives its name, since its message alone can be a bare number.
     */
    private static String describe(Exception e) {
        String message = e.getMessage() == null ? "" : e.getMessage().strip().replaceAll("\\s*\\R\\s*", " ");
        if (message.isEmpty()) {
            return e instanceof EOFException ? "the data ends early" : e.getClass().getSimpleName();
        }
        return e instanceof IOException ? message : e.getClass().getSimpleName() + ": " + message;
    }

    /** {@code src} as 8-bit sRGB TYPE_INT_RGB, transparent pixels composited on white. */
    public static BufferedImage toRgb(BufferedImage src) {
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
