package org.dualpath.projection;

import org.dualpath.common.Hashes;
import org.dualpath.common.InputException;
import org.dualpath.common.Progress;
import org.dualpath.store.EmbeddingStore;

import java.util.List;
import java.util.Locale;

/**
 * Two models' maps of the same items, laid out so that an item sits in comparable places in both: model A's map
 * exactly as the Map tab lays it out (and caches it), model B's started from A's coordinates (where the method
 * takes a start, {@link Projector#run(MapPoints, MapParams, Progress, Projector.Frames, MapLayout)}) and then
 * moved onto A's by the {@link Procrustes} fit. Both are cached; B's key names A's layout too.
 */
public final class ComparedMaps {
    private ComparedMaps() {
    }

    /** The same items (same kinds and ids, same order) with each model's vectors. */
    public record Points(EmbeddingStore storeA, EmbeddingStore storeB, MapPoints a, MapPoints b) {
    }

    /** Both layouts (B's aligned to A's) and which came from the cache. */
    public record Layouts(MapLayout a, MapLayout b, boolean cachedA, boolean cachedB) {
    }

    /**
     * The images of {@code imageIds} (in that order) that both stores hold, and/or their captions, as
     * {@link MapPoints#of(EmbeddingStore, int[], Modality, String)} takes them; refused when B's captions of these
     * images are other ones than A's (the stores are then of different datasets).
     */
    public static Points of(EmbeddingStore a, EmbeddingStore b, List<Long> imageIds, Modality modality, String description) {
        List<Long> both = imageIds.stream().filter(id -> a.images().rowOf(id) >= 0 && b.images().rowOf(id) >= 0).toList();
        MapPoints pa = MapPoints.of(a, both.stream().mapToInt(a.images()::rowOf).toArray(), modality, description);
        MapPoints pb = MapPoints.of(b, both.stream().mapToInt(b.images()::rowOf).toArray(), modality, description);
        if (!pa.identity().equals(pb.identity())) {
            throw new InputException("model B's vectors of the " + description + " are of other items than model A's ("
                    + b.dir() + " against " + a.dir() + "); open model B again on this dataset");
        }
        return new Points(a, b, pa, pb);
    }

    /**
     * Lays out A's map (from {@code cache} when it holds it, as the Map tab's), then B's from A's coordinates,
     * aligned onto A's. {@code framesB} receives B's intermediate layouts already aligned.
     */
    public static Layouts layout(Points p, MapParams params, MapCache cache, Progress progress,
                                 Projector.Frames framesA, Projector.Frames framesB) {
        String keyA = MapCache.key(p.storeA().modelHash(), p.storeA().datasetHash(), p.a(), params);
        MapCache.Result a = cache.getOrCompute(keyA, p.a(), params, progress.prefixed("model A: "), framesA);
        String keyB = Hashes.sha256Builder().putString("dualpath-aligned-map v1\n"
                + MapCache.key(p.storeB().modelHash(), p.storeB().datasetHash(), p.b(), params) + "\n" + keyA).hexPrefix(16);
        MapLayout cachedB = cache.get(keyB, p.b());
        if (cachedB != null) {
            return new Layouts(a.layout(), cachedB, a.cached(), true);
        }
        MapLayout target = a.layout();
        Projector.Frames alignedFrames = (xy, it, total) -> {
            MapLayout frame = MapLayout.of(xy, "");
            MapLayout aligned = Procrustes.fit(frame, target).apply(frame, "");
            double[][] rows = new double[aligned.size()][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = new double[]{aligned.x()[i], aligned.y()[i]};
            }
            framesB.frame(rows, it, total);
        };
        MapLayout raw = Projector.run(p.b(), params, progress.prefixed("model B: "), alignedFrames, target);
        Procrustes fit = Procrustes.fit(raw, target);
        MapLayout b = fit.apply(raw, raw.note() + " · " + describe(fit));
        cache.put(keyB, p.b(), b);
        return new Layouts(a.layout(), b, a.cached(), false);
    }

    /** "aligned to model A's map (rotated 12°, mirrored, scale 0.93)" */
    static String describe(Procrustes fit) {
        return String.format(Locale.ROOT, "aligned to model A's map (rotated %.0f°%s, scale %.3g)",
                fit.degrees(), fit.reflects() ? ", mirrored" : "", fit.scale());
    }
}
