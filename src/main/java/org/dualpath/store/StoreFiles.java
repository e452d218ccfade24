package org.dualpath.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.dualpath.common.AtomicFiles;
import org.dualpath.common.InputException;
import org.dualpath.common.Npy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A store's folder: {@code manifest.json} (indented JSON of a {@link StoreManifest}) and the float32 matrices
 * {@code images.npy} and {@code captions.npy} (readable by {@code numpy.load}), one row per manifest entry. Reading
 * checks that the three agree and says how to recover when they do not; writing replaces them so that a folder
 * interrupted half-way reads as no store, never as vectors of other rows.
 */
final class StoreFiles {
    static final String MANIFEST = "manifest.json";
    static final String IMAGES = "images.npy";
    static final String CAPTIONS = "captions.npy";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** A store as read from its folder: the manifest and one vector per image and caption entry. */
    record Contents(StoreManifest manifest, float[][] images, float[][] captions) {
    }

    private StoreFiles() {
    }

    /** Whether {@code dir} has a manifest (a store, possibly damaged). */
    static boolean exists(Path dir) {
        return Files.exists(dir.resolve(MANIFEST));
    }

    /** The store in {@code dir}; InputException naming the damaged file and what to do. */
    static Contents read(Path dir) {
        StoreManifest m = readManifest(dir);
        return new Contents(m, readMatrix(dir, IMAGES, m.images().size(), m.dimension()),
                readMatrix(dir, CAPTIONS, m.captions().size(), m.dimension()));
    }

    /** Replaces the store in {@code dir}: the manifest goes first and comes back last. */
    static void write(Path dir, Contents contents) {
        try {
            // without a manifest a half-rewritten folder reads as "no store", never as stale vectors
            Files.deleteIfExists(dir.resolve(MANIFEST));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update " + dir + ": " + e.getMessage(), e);
        }
        int dimension = contents.manifest().dimension();
        Npy.write(dir.resolve(IMAGES), contents.images(), dimension);
        Npy.write(dir.resolve(CAPTIONS), contents.captions(), dimension);
        writeManifest(dir, contents.manifest());
    }

    /** Rewrites only the manifest, for a change that leaves every row as it is. */
    static void writeManifest(Path dir, StoreManifest m) {
        try {
            AtomicFiles.writeString(dir.resolve(MANIFEST), JSON.writeValueAsString(m));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(MANIFEST) + ": " + e.getMessage(), e);
        }
    }

    private static StoreManifest readManifest(Path dir) {
        Path file = dir.resolve(MANIFEST);
        StoreManifest m;
        try {
            m = JSON.readValue(file.toFile(), StoreManifest.class);
        } catch (IOException e) {
            throw damaged(file, "unreadable manifest: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (m == null || !StoreManifest.FORMAT.equals(m.format()) || m.images() == null || m.captions() == null
                || m.modelHash() == null || m.options() == null || m.dimension() <= 0) {
            throw damaged(file, "not a " + StoreManifest.FORMAT + " manifest");
        }
        if (m.version() > StoreManifest.VERSION_WITH_SKIPPED) {
            throw new InputException(file + ": store format version " + m.version() + " is newer than this program ("
                    + StoreManifest.VERSION_WITH_SKIPPED + "); update DualPath Explorer or rebuild the index");
        }
        return m;
    }

    private static float[][] readMatrix(Path dir, String name, int rows, int dimension) {
        Path file = dir.resolve(name);
        float[][] m;
        try {
            m = Npy.read(file);
        } catch (IOException e) {
            throw damaged(file, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        if (m.length != rows || (rows > 0 && m[0].length != dimension)) {
            throw damaged(file, "holds " + m.length + " x " + (m.length == 0 ? 0 : m[0].length)
                    + " values, the manifest says " + rows + " x " + dimension);
        }
        return m;
    }

    private static InputException damaged(Path file, String why) {
        return new InputException(file + ": embedding store damaged (" + why + "); delete "
                + file.getParent() + " and run 'dualpath embed' again");
    }
}
