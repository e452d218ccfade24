package org.dualpath.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Unpacks a zip archive so that nothing half-unpacked ever looks complete: every entry goes into a hidden folder
 * beside the destination, each entry's CRC-32 and size checked against the archive's directory, and only when all
 * of them are there are the archive's top-level files and folders renamed into the destination (a top-level folder
 * that is already there, such as COCO's {@code annotations/} of another year, gets the new files renamed into it).
 * A damaged archive leaves nothing behind and says which entry is damaged.
 */
public final class Unzip {
    private static final int BUFFER = 1 << 16;

    private Unzip() {
    }

    /** The bytes {@code zip} unpacks to, from its central directory (nothing is inflated). */
    public static long unpackedSize(Path zip) {
        try (ZipFile archive = open(zip)) {
            return unpackedSize(archive);
        } catch (IOException e) {
            throw new InputException(zip + ": cannot be read (" + e.getMessage() + "); download it again");
        }
    }

    /**
     * Unpacks {@code zip} into {@code into}, checking every entry, with progress in unpacked bytes.
     *
     * @throws InputException when the archive or one of its entries is damaged, or an entry would land outside
     *                        {@code into}; nothing of the archive is left in {@code into} then
     */
    public static void unpack(Path zip, Path into, Progress progress) {
        Path staging = into.resolve("." + zip.getFileName() + ".unpacking");
        try {
            deleteTree(staging);
            Files.createDirectories(staging);
            try (ZipFile archive = open(zip)) {
                extract(zip, archive, staging, progress);
            }
            moveInto(staging, into);
            deleteTree(staging);
        } catch (RuntimeException e) {
            deleteQuietly(staging);
            throw e;
        } catch (IOException e) {
            deleteQuietly(staging);
            throw new InputException(zip + ": cannot unpack into " + into + " (" + e.getMessage()
                    + "); check the folder's space and permissions");
        }
    }

    private static ZipFile open(Path zip) throws IOException {
        try {
            return new ZipFile(zip.toFile());
        } catch (ZipException e) {
            throw new InputException(zip + ": not a complete zip archive (" + e.getMessage()
                    + "); download it again");
        }
    }

    private static long unpackedSize(ZipFile archive) {
        long total = 0;
        for (Enumeration<? extends ZipEntry> e = archive.entries(); e.hasMoreElements(); ) {
            total += Math.max(0, e.nextElement().getSize());
        }
        return total;
    }

    private static void extract(Path zip, ZipFile archive, Path staging, Progress progress) throws IOException {
        long total = unpackedSize(archive);
        long done = 0;
        byte[] buffer = new byte[BUFFER];
        String message = "unpacking " + zip.getFileName();
        progress.update(0, total, message);
        for (Enumeration<? extends ZipEntry> e = archive.entries(); e.hasMoreElements(); ) {
            ZipEntry entry = e.nextElement();
            Path target = staging.resolve(entry.getName()).normalize();
            if (!target.startsWith(staging) || target.equals(staging)) {
                throw new InputException(zip + ": entry " + Texts.quote(entry.getName())
                        + " would be written outside the destination folder; the archive is not a dataset archive, delete it");
            }
            if (entry.isDirectory()) {
                Files.createDirectories(target);
                continue;
            }
            Files.createDirectories(target.getParent());
            CRC32 crc = new CRC32();
            long size = 0;
            try (InputStream in = archive.getInputStream(entry); OutputStream out = Files.newOutputStream(target)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    out.write(buffer, 0, n);
                    crc.update(buffer, 0, n);
                    size += n;
                    done += n;
                    progress.update(done, total, message);
                    progress.checkCancelled();
                }
            } catch (ZipException ex) {
                throw damaged(zip, entry, ex.getMessage());
            }
            if (size != entry.getSize()) {
                throw damaged(zip, entry, size + " bytes unpacked, the archive says " + entry.getSize());
            }
            if (crc.getValue() != entry.getCrc()) {
                throw damaged(zip, entry, "CRC-32 mismatch");
            }
        }
        progress.update(total, total, message);
    }

    private static InputException damaged(Path zip, ZipEntry entry, String why) {
        return new InputException(zip + ": entry " + entry.getName() + " is damaged (" + why
                + "); download the archive again");
    }

    /** Renames each child of {@code from} into {@code to}; a folder already there gets the children renamed into it. */
    private static void moveInto(Path from, Path to) throws IOException {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(from)) {
            for (Path child : children) {
                Path target = to.resolve(child.getFileName().toString());
                if (Files.isDirectory(child) && Files.isDirectory(target)) {
                    moveInto(child, target);
                } else if (Files.isDirectory(target)) {
                    throw new IOException(target + " is a folder where the archive has a file");
                } else {
                    AtomicFiles.move(child, target);
                }
            }
        }
    }

    /** Deletes {@code dir} and everything under it; nothing when it does not exist. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            deleteTree(dir);
        } catch (IOException ignored) {
            // a hidden staging folder left behind is removed by the next unpack of the same archive
        }
    }
}
