package org.dualpath.data.image;

import org.dualpath.common.AtomicFiles;
import org.dualpath.common.Hashes;
import org.dualpath.common.InputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Thumbnails kept on disk as PNG files named by the SHA-256 of (absolute path, size, modification time, file
 * length), so an edited image gets a new entry. Entries are written atomically; any number of threads (and
 * processes) may share one directory, at worst decoding the same thumbnail twice.
 */
public final class ThumbnailCache {
    private static final Logger LOG = LoggerFactory.getLogger(ThumbnailCache.class);

    private final Path directory;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    /** A cache stored in {@code directory} (created when the first thumbnail is written). */
    public ThumbnailCache(Path directory) {
        this.directory = directory.toAbsolutePath();
    }

    /** A cache in {@link #defaultDirectory()}. */
    public ThumbnailCache() {
        this(defaultDirectory());
    }

    /** {@code $XDG_CACHE_HOME/dualpath/thumbnails}, or {@code ~/.cache/dualpath/thumbnails} without it. */
    public static Path defaultDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("dualpath").resolve("thumbnails");
    }

    public Path directory() {
        return directory;
    }

    /** The thumbnail of {@code image} fitting a {@code size x size} box, from the cache or freshly decoded. */
    public BufferedImage get(Path image, int size) {
        Path file = image.toAbsolutePath().normalize();
        Path entry = directory.resolve(key(file, size) + ".png");
        BufferedImage cached = readEntry(entry);
        if (cached != null) {
            hits.incrementAndGet();
            return cached;
        }
        misses.incrementAndGet();
        BufferedImage thumbnail = ImageDecoder.decodeThumbnail(file, size);
        try {
            // Through a memory cache: ImageIO's default for a plain stream is a temporary file per image.
            AtomicFiles.write(entry, out -> {
                try (ImageOutputStream png = new MemoryCacheImageOutputStream(out)) {
                    ImageIO.write(thumbnail, "png", png);
                }
            });
        } catch (UncheckedIOException e) {
            // A full or read-only cache only costs speed; the thumbnail itself is fine.
            LOG.warn("thumbnail cache: {}", e.getMessage());
        }
        return thumbnail;
    }

    /** Number of {@link #get} calls answered from disk. */
    public long hits() {
        return hits.get();
    }

    /** Number of {@link #get} calls that had to decode the image. */
    public long misses() {
        return misses.get();
    }

    private static String key(Path file, int size) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": file not found", e);
        } catch (IOException e) {
            throw new InputException(file + ": cannot read the file (" + e.getMessage() + ")", e);
        }
        return key(file.toString(), size, attributes.lastModifiedTime().toMillis(), attributes.size());
    }

    /** The entry name of an image file at {@code path} with that modification time and length, for a box size. */
    static String key(String path, int size, long modifiedMillis, long length) {
        return Hashes.sha256Hex(path + "\n" + size + "\n" + modifiedMillis + "\n" + length);
    }

    private static BufferedImage readEntry(Path entry) {
        if (!Files.isRegularFile(entry)) {
            return null;
        }
        try {
            BufferedImage image = ImageIO.read(entry.toFile());
            return image == null ? null : ImageDecoder.toRgb(image);
        } catch (IOException | RuntimeException e) {
            // A damaged entry (disk trouble, foreign file) is simply decoded again and overwritten.
            return null;
        }
    }
}
