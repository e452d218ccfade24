package org.dualpath.common;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files so that a reader never sees a half-written one: write a temporary sibling, then rename it. The
 * temporary file is created like any other file (mode 0666 less the umask, where {@code Files.createTempFile}
 * would give 0600 and leave a shared model unreadable to others); temporary files of the same target that a
 * killed process left behind are removed by the next write.
 */
public final class AtomicFiles {
    /** A temporary file untouched this long belongs to a writer that died: a live writer keeps writing to it. */
    static final Duration STALE_AFTER = Duration.ofMinutes(10);
    private static final String SUFFIX = ".tmp";
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /** Something that writes the whole content of a file to a stream. */
    @FunctionalInterface
    public interface StreamWriter {
        void write(OutputStream out) throws IOException;
    }

    /** Writes {@code target} atomically; on failure the previous content (if any) is left untouched. */
    public static void write(Path target, StreamWriter writer) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            removeStaleTemporaries(absolute);
            tmp = dir.resolve(prefix(absolute) + Long.toUnsignedString(RANDOM.nextLong(), 36) + SUFFIX);
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writer.write(out);
            }
            move(tmp, absolute);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    /** Writes a UTF-8 string atomically. */
    public static void writeString(Path target, String content) {
        write(target, out -> out.write(content.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** Renames {@code source} over {@code target}, atomically where the file system allows it. */
    public static void move(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Hidden, named after the target: {@code .model.zip.} + random + {@code .tmp}. */
    private static String prefix(Path target) {
        return "." + target.getFileName() + ".";
    }

    /** Deletes the temporary files of {@code target} that no writer has touched for {@link #STALE_AFTER}. */
    static void removeStaleTemporaries(Path target) {
        String prefix = prefix(target);
        Instant staleBefore = Instant.now().minus(STALE_AFTER);
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(target.getParent(), p -> {
            String name = p.getFileName().toString();
            return name.startsWith(prefix) && name.endsWith(SUFFIX);
        })) {
            for (Path p : siblings) {
                try {
                    if (Files.getLastModifiedTime(p).toInstant().isBefore(staleBefore)) {
                        Files.deleteIfExists(p);
                    }
                } catch (IOException ignored) {
                    // another process removed or renamed it meanwhile
                }
            }
        } catch (IOException ignored) {
            // cannot list the folder: the write itself will report the problem
        }
    }

    private static void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // the temporary file is hidden and harmless; nothing more to do
        }
    }
}
