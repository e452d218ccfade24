package org.dualpath.projection;

import org.dualpath.common.Hashes;
import org.dualpath.common.Progress;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Computed layouts on disk, one CSV file ({@link MapExport#writeCsv}) per key. The key is a hash of the model
 * (SHA-256 of its file), the dataset, exactly which points in which order, and the method with every parameter
 * that changes its layout (seed included): an unchanged request reopens instantly with the same layout, any
 * change computes a new one. Files are written atomically; an unreadable or mismatching file counts as missing.
 */
public final class MapCache {
    private final Path dir;

    public MapCache(Path dir) {
        this.dir = dir;
    }

    /** A layout and whether it came from the cache. */
    public record Result(MapLayout layout, boolean cached) {
    }

    /**
     * The cache key of a map of {@code points} by {@code params} for this model and dataset; v2 since Barnes-Hut
     * t-SNE searches its neighbours after PCA, approximately above 5,000 points.
     */
    public static String key(String modelHash, String datasetHash, MapPoints points, MapParams params) {
        String text = "dualpath-map v2\n" + modelHash + "\n" + datasetHash + "\n" + points.identity() + "\n" + params.key();
        return Hashes.sha256Builder().putString(text).hexPrefix(16);
    }

    /** The file of a key. */
    public Path file(String key) {
        return dir.resolve("map-" + key + ".csv");
    }

    /** The cached layout of {@code key} for {@code points}, or null. */
    public MapLayout get(String key, MapPoints points) {
        Path file = file(key);
        return Files.isRegularFile(file) ? MapExport.readCsv(file, points) : null;
    }

    public void put(String key, MapPoints points, MapLayout layout) {
        MapExport.writeCsv(file(key), points, layout, null, null);
    }

    /** The cached layout, or a new one computed by {@link Projector#run} and stored. */
    public Result getOrCompute(String key, MapPoints points, MapParams params, Progress progress,
                               Projector.Frames frames) {
        MapLayout cached = get(key, points);
        if (cached != null) {
            return new Result(cached, true);
        }
        MapLayout layout = Projector.run(points, params, progress, frames);
        put(key, points, layout);
        return new Result(layout, false);
    }
}
