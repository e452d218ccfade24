package org.dualpath.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.dualpath.common.AtomicFiles;
import org.dualpath.common.Hashes;
import org.dualpath.common.Npy;
import org.dualpath.common.Progress;
import org.dualpath.data.CocoImage;
import org.dualpath.data.Dataset;
import org.dualpath.data.UnreadableImage;
import org.dualpath.data.image.ImageDecodeException;
import org.dualpath.data.image.ImageDecoder;
import org.dualpath.data.image.ImagePreprocessor;
import org.dualpath.model.FeatureExtractor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Backbone features of dataset images, computed once and kept on disk. With a frozen backbone (training stage
 * I) every epoch reads the same features, so they are computed in one pass: images are decoded on a small
 * thread pool while the network runs on the previous batch. Each result is stored as {@code <key>.npy}
 * (float32 rows, numpy-readable) plus {@code <key>.json} (the key parts, the image ids in row order, the
 * dimension, the images that could not be decoded with the reasons). The key covers the backbone (kind and
 * parameter fingerprint), the preprocessing, the horizontal flip, and every image's id, file name, size and
 * modification time (or its absence), so a change to any of them computes the features again. An image that
 * cannot be decoded has no row: it is listed instead, so that one bad file does not stop a run.
 */
public final class FeatureCache {
    /** Manifest format name. */
    public static final String FORMAT = "dualpath-features";
    public static final int VERSION = 1;
    private static final int BATCH = 32;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What the features depend on. */
    public record Key(String backbone, String fingerprint, ImagePreprocessor.Config preprocessing, boolean flipped,
                      String images) {
    }

    /**
     * The JSON file beside each matrix: {@code ids} are the images of its rows; {@code unreadable} the images
     * without a row (null in entries written before images could be left out, read as none).
     */
    public record Manifest(String format, int version, Key key, int dim, List<Long> ids,
                           List<UnreadableImage> unreadable) {
        public Manifest {
            unreadable = unreadable == null ? List.of() : unreadable;
        }
    }

    /** The features of the images that decoded, one row each in the requested order, and the images that did not. */
    public record Features(float[][] rows, List<UnreadableImage> unreadable) {
    }

    private final Path dir;
    private final int decoders;

    /** A cache in {@code dir} (created when first written). */
    public FeatureCache(Path dir) {
        this.dir = dir;
        // the network already uses every core for its matrix products: a few decoders keep it fed
        this.decoders = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() - 1));
    }

    /** {@code $XDG_CACHE_HOME/dualpath/features}, or {@code ~/.cache/dualpath/features}. */
    public static Path defaultDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("dualpath").resolve("features");
    }

    public Path dir() {
        return dir;
    }

    /**
     * The features of {@code images} (of {@code dataset}), one row per image that decodes in the given order;
     * from the cache when its key matches, computed and stored otherwise.
     *
     * @param flipped features of the horizontally mirrored images (the paper adds them at test time)
     * @throws CancellationException when {@code progress} is cancelled
     */
    public Features features(FeatureExtractor backbone, Dataset dataset, List<CocoImage> images, boolean flipped,
                             Progress progress) {
        List<Path> files = images.stream().map(dataset::imagePath).toList();
        progress.update(0, images.size(), "checking the feature cache");
        Key key = new Key(backbone.kind().id(), backbone.fingerprint(), backbone.preprocessing(), flipped,
                imagesHash(images, files));
        String name = Hashes.sha256Builder().putString(json(key)).hexPrefix(16);
        Path matrix = dir.resolve(name + ".npy");
        Path manifest = dir.resolve(name + ".json");
        Features cached = cached(manifest, matrix, key, images, backbone.featureDim());
        if (cached != null) {
            progress.update(images.size(), images.size(), "features from the cache");
            return cached;
        }
        Features features = compute(backbone, images, files, flipped, progress);
        Set<Long> unreadable = idsOf(features.unreadable());
        List<Long> ids = images.stream().map(CocoImage::id).filter(id -> !unreadable.contains(id)).toList();
        Npy.write(matrix, features.rows(), backbone.featureDim());
        // the manifest goes last: a matrix without one is never trusted
        AtomicFiles.writeString(manifest, json(new Manifest(FORMAT, VERSION, key, backbone.featureDim(), ids,
                features.unreadable())));
        return features;
    }

    private static Features cached(Path manifestFile, Path matrix, Key key, List<CocoImage> images, int dim) {
        if (!Files.isRegularFile(manifestFile) || !Files.isRegularFile(matrix)) {
            return null;
        }
        try {
            Manifest m = JSON.readValue(manifestFile.toFile(), Manifest.class);
            Set<Long> unreadable = idsOf(m.unreadable());
            List<Long> ids = images.stream().map(CocoImage::id).filter(id -> !unreadable.contains(id)).toList();
            if (!FORMAT.equals(m.format()) || m.version() != VERSION || !key.equals(m.key())
                    || !ids.equals(m.ids()) || ids.size() + unreadable.size() != images.size() || m.dim() != dim) {
                return null;
            }
            float[][] rows = Npy.read(matrix);
            return rows.length == ids.size() && (rows.length == 0 || rows[0].length == dim)
                    ? new Features(rows, m.unreadable()) : null;
        } catch (IOException e) {
            // a damaged cache entry is simply computed again
            return null;
        }
    }

    private static Set<Long> idsOf(List<UnreadableImage> unreadable) {
        return unreadable.stream().map(u -> u.image().id()).collect(Collectors.toSet());
    }

    private Features compute(FeatureExtractor backbone, List<CocoImage> images, List<Path> files, boolean flipped,
                             Progress progress) {
        ImagePreprocessor preprocessor = new ImagePreprocessor(backbone.preprocessing());
        int n = files.size();
        List<float[]> out = new ArrayList<>(n);
        List<UnreadableImage> unreadable = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(decoders, r -> {
            Thread t = new Thread(r, "feature-decoder");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<float[]>> next = submit(pool, preprocessor, files, 0, flipped);
            for (int start = 0; start < n; start += BATCH) {
                progress.checkCancelled();
                List<Future<float[]>> current = next;
                // decode the next batch while the network works on this one
                next = submit(pool, preprocessor, files, start + BATCH, flipped);
                List<float[]> batch = new ArrayList<>(current.size());
                for (int i = 0; i < current.size(); i++) {
                    try {
                        batch.add(await(current.get(i)));
                    } catch (ImageDecodeException e) {
                        unreadable.add(new UnreadableImage(images.get(start + i), e.reason()));
                    }
                }
                if (!batch.isEmpty()) {
                    out.addAll(Arrays.asList(backbone.features(batch.toArray(float[][]::new))));
                }
                int done = start + current.size();
                progress.update(done, n, "image features " + done + "/" + n);
            }
            return new Features(out.toArray(float[][]::new), List.copyOf(unreadable));
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Future<float[]>> submit(ExecutorService pool, ImagePreprocessor preprocessor, List<Path> files,
                                                int start, boolean flipped) {
        List<Future<float[]>> futures = new ArrayList<>();
        for (int i = start; i < Math.min(files.size(), start + BATCH); i++) {
            Path file = files.get(i);
            futures.add(pool.submit(() -> preprocessor.evaluate(ImageDecoder.decode(file), flipped)));
        }
        return futures;
    }

    private static float[] await(Future<float[]> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * SHA-256 over every image's id, file name, size and modification time, in order; a file whose attributes
     * cannot be read (a missing one) counts as absent, and the decoder says what is wrong with it.
     */
    private static String imagesHash(List<CocoImage> images, List<Path> files) {
        Hashes.Sha256Builder sha = Hashes.sha256Builder();
        for (int i = 0; i < images.size(); i++) {
            String stamp;
            try {
                BasicFileAttributes a = Files.readAttributes(files.get(i), BasicFileAttributes.class);
                stamp = a.size() + "\t" + a.lastModifiedTime().toMillis();
            } catch (IOException e) {
                stamp = "absent";
            }
            sha.putString(images.get(i).id() + "\t" + images.get(i).fileName() + "\t" + stamp + "\n");
        }
        return sha.hex();
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
