package org.dualpath.projection;

import org.dualpath.common.Hashes;
import org.dualpath.common.InputException;
import org.dualpath.store.EmbeddingStore;
import org.dualpath.vector.Embeddings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The set of embeddings one map lays out: the images of a subset (in the given order) and/or their captions
 * (after the images, in store order), each point with its kind, its id (image id or caption id), the id of its
 * image, and its L2-normalised vector.
 */
public final class MapPoints {
    /** What a point is. */
    public enum Kind { IMAGE, CAPTION }

    private final String description;
    private final Modality modality;
    private final Kind[] kinds;
    private final long[] ids;
    private final long[] imageIds;
    private final Embeddings vectors;
    private final Map<Long, Integer> imagePoint = new HashMap<>();
    private final Map<Long, Integer> captionPoint = new HashMap<>();

    private MapPoints(String description, Modality modality, Kind[] kinds, long[] ids, long[] imageIds,
                      Embeddings vectors) {
        this.description = description;
        this.modality = modality;
        this.kinds = kinds;
        this.ids = ids;
        this.imageIds = imageIds;
        this.vectors = vectors;
        for (int i = 0; i < kinds.length; i++) {
            (kinds[i] == Kind.IMAGE ? imagePoint : captionPoint).put(ids[i], i);
        }
    }

    /**
     * The images at {@code imageRows} of {@code store} and/or their captions. {@code description} says what the
     * subset is ("test split"), for users.
     */
    public static MapPoints of(EmbeddingStore store, int[] imageRows, Modality modality, String description) {
        if (imageRows.length == 0) {
            throw new InputException("the " + description + " holds no images; choose another set to map");
        }
        Embeddings images = store.images();
        Embeddings captions = store.captions();
        int[] captionImageRows = store.captionImageRows();
        Map<Integer, List<Integer>> captionsOf = new HashMap<>();
        for (int c = 0; c < captionImageRows.length; c++) {
            captionsOf.computeIfAbsent(captionImageRows[c], r -> new ArrayList<>()).add(c);
        }
        List<Kind> kinds = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        List<Long> owners = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        if (modality.images()) {
            for (int r : imageRows) {
                kinds.add(Kind.IMAGE);
                ids.add(images.id(r));
                owners.add(images.id(r));
                rows.add(images.row(r));
            }
        }
        if (modality.captions()) {
            for (int r : imageRows) {
                for (int c : captionsOf.getOrDefault(r, List.of())) {
                    kinds.add(Kind.CAPTION);
                    ids.add(captions.id(c));
                    owners.add(images.id(r));
                    rows.add(captions.row(c));
                }
            }
        }
        if (rows.isEmpty()) {
            throw new InputException("the " + description + " has no captions to map; choose images");
        }
        long[] idArray = ids.stream().mapToLong(Long::longValue).toArray();
        return new MapPoints(description, modality, kinds.toArray(Kind[]::new), idArray,
                owners.stream().mapToLong(Long::longValue).toArray(),
                Embeddings.of(idArray, rows.toArray(float[][]::new)));
    }

    /** Points given directly (tests, benchmarks): kinds, ids, image ids and one vector per point. */
    public static MapPoints of(String description, Modality modality, Kind[] kinds, long[] ids, long[] imageIds,
                               Embeddings vectors) {
        if (kinds.length != ids.length || ids.length != imageIds.length || ids.length != vectors.size()) {
            throw new IllegalArgumentException("kinds, ids, image ids and vectors differ in length");
        }
        return new MapPoints(description, modality, kinds.clone(), ids.clone(), imageIds.clone(), vectors);
    }

    public int size() {
        return ids.length;
    }

    public Kind kind(int point) {
        return kinds[point];
    }

    /** The image id of an image point, the caption id of a caption point. */
    public long id(int point) {
        return ids[point];
    }

    /** The id of the image of the point (itself for an image point). */
    public long imageId(int point) {
        return imageIds[point];
    }

    /** The point of an image id, or -1 when it is not mapped. */
    public int imagePoint(long imageId) {
        return imagePoint.getOrDefault(imageId, -1);
    }

    /** The point of a caption id, or -1 when it is not mapped. */
    public int captionPoint(long captionId) {
        return captionPoint.getOrDefault(captionId, -1);
    }

    /** The vectors in point order (L2-normalised). */
    public Embeddings vectors() {
        return vectors;
    }

    public Modality modality() {
        return modality;
    }

    public String description() {
        return description;
    }

    public int count(Kind kind) {
        int n = 0;
        for (Kind k : kinds) {
            n += k == kind ? 1 : 0;
        }
        return n;
    }

    /** "6,000 points (1,000 images + 5,000 captions) of the test split". */
    public String summary() {
        int images = count(Kind.IMAGE);
        int captions = size() - images;
        String parts = modality == Modality.BOTH
                ? String.format(Locale.ROOT, " (%,d images + %,d captions)", images, captions)
                : modality == Modality.IMAGES ? " (images)" : " (captions)";
        return String.format(Locale.ROOT, "%,d points%s of the %s", size(), parts, description);
    }

    /** A hash of which points, in which order: two maps of equal identity hold the same vectors in the same rows. */
    public String identity() {
        Hashes.Sha256Builder sha = Hashes.sha256Builder();
        for (int i = 0; i < ids.length; i++) {
            sha.putString((kinds[i] == Kind.IMAGE ? "i" : "c") + ids[i] + ",");
        }
        return sha.hex();
    }
}
