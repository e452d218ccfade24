package org.dualpath.search;

import org.dualpath.common.Hashes;
import org.dualpath.common.InputException;
import org.dualpath.common.Progress;
import org.dualpath.data.CocoCaption;
import org.dualpath.data.Dataset;
import org.dualpath.model.DualPathModel;
import org.dualpath.store.EmbeddingStore;
import org.dualpath.store.SkippedImage;
import org.dualpath.vector.Embeddings;
import org.dualpath.vector.TopK;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.function.LongPredicate;
import java.util.stream.IntStream;

/**
 * The one query pipeline of the command line and the explorer: {@link #answer} embeds a {@link Query} once (a
 * dataset image not at all: its stored vector is used), ranks the stored images and captions by cosine with
 * {@link TopK}, and gives the pessimistic rank of the ground truth when the query has one: a dataset image's own
 * captions and itself, or the image of the dataset caption a typed text exactly is. An image filter (by image id)
 * narrows the ranked images, and the ground-truth rank counts only the images it accepts. Images the store
 * skipped as unreadable are never ranked; their captions are, without a ground-truth image.
 */
public final class QueryService {
    /** Below this share of captions with a known word, the model was trained on other data. */
    private static final double MIN_KNOWN_CAPTIONS = 0.5;

    private final QueryEncoder encoder;
    private final Dataset dataset;
    private final EmbeddingStore store;
    private final int[] captionImageRows;
    private final List<CocoCaption> captionByRow;
    private final Map<String, List<Integer>> captionRowsByText = new HashMap<>();

    public QueryService(QueryEncoder encoder, Dataset dataset, EmbeddingStore store) {
        if (encoder.dimension() != store.images().dimension()) {
            throw new InputException("the model embeds in " + encoder.dimension() + " dimensions, the index "
                    + store.dir() + " holds " + store.images().dimension() + "; use the model the index was built with");
        }
        this.encoder = encoder;
        this.dataset = dataset;
        this.store = store;
        this.captionImageRows = store.captionImageRows();
        Set<Long> stored = new HashSet<>();
        Embeddings images = store.images();
        for (int r = 0; r < images.size(); r++) {
            stored.add(images.id(r));
        }
        store.skippedImages().forEach(s -> stored.add(s.id()));
        // caption rows follow the dataset's images, those skipped as unreadable included
        this.captionByRow = new ArrayList<>(store.captions().size());
        for (var image : dataset.images()) {
            if (stored.contains(image.id())) {
                captionByRow.addAll(dataset.captions(image.id()));
            }
        }
        if (captionByRow.size() != store.captions().size()) {
            throw new InputException("the index " + store.dir() + " holds " + store.captions().size()
                    + " captions, the dataset " + captionByRow.size() + "; rebuild the index with 'dualpath embed'");
        }
        for (int j = 0; j < captionByRow.size(); j++) {
            captionRowsByText.computeIfAbsent(key(captionByRow.get(j).caption()), t -> new ArrayList<>()).add(j);
        }
    }

    /**
     * Opens or builds the embeddings of {@code dataset} by {@code model} under {@code cacheDir} (one folder per
     * captions file and model file), after checking that the model's vocabulary covers the dataset's captions.
     */
    public static QueryService open(DualPathModel model, Path modelFile, Dataset dataset, Path captionsFile,
                                    Path cacheDir, DualPathModel.Options options, Progress progress) {
        checkVocabulary(model, dataset);
        Path dir = cacheDir.resolve(folderName(captionsFile, modelFile));
        EmbeddingStore store = EmbeddingStore.openOrBuild(model, modelFile, dataset, dir, options, progress);
        return new QueryService(QueryEncoder.of(model, options), dataset, store);
    }

    private static void checkVocabulary(DualPathModel model, Dataset dataset) {
        long all = 0;
        long known = 0;
        for (var image : dataset.images()) {
            for (CocoCaption c : dataset.captions(image.id())) {
                all++;
                known += model.vocabulary().encode(c.caption()).length > 0 ? 1 : 0;
            }
        }
        if (all > 0 && known < MIN_KNOWN_CAPTIONS * all) {
            throw new InputException(String.format(Locale.ROOT,
                    "the model does not match dataset %s: only %d of %d captions contain a word of its vocabulary; "
                            + "open the model trained on this dataset", dataset.name(), known, all));
        }
    }

    /** The store's folder name: the first 8 bytes of the SHA-256 of both absolute paths (the caches' names so far). */
    private static String folderName(Path captionsFile, Path modelFile) {
        String id = captionsFile.toAbsolutePath().normalize() + "\n" + modelFile.toAbsolutePath().normalize();
        return Hashes.sha256Hex(id).substring(0, 16);
    }

    /**
     * Answers {@code query}: the {@code k} best images (among those {@code imageFilter} accepts; null: all) and
     * the {@code k} best captions, from one query vector.
     */
    public Answer answer(Query query, int k, LongPredicate imageFilter) {
        if (k < 1) {
            throw new InputException("top-K needs K >= 1, got " + k);
        }
        Embeddings images = store.images();
        IntPredicate imageRows = imageFilter == null ? null : row -> imageFilter.test(images.id(row));
        List<String> unknown = List.of();
        float[] q;
        int[] imageTruth = new int[0];
        int[] captionTruth = new int[0];
        if (query instanceof Query.Text t) {
            unknown = encoder.unknownWords(t.text());
            q = encoder.text(t.text());
            imageTruth = captionRowsByText.getOrDefault(key(t.text()), List.of()).stream()
                    .mapToInt(j -> captionImageRows[j]).filter(r -> r != EmbeddingStore.NO_IMAGE).distinct().toArray();
        } else if (query instanceof Query.Pixels p) {
            q = encoder.image(p.image());
        } else if (query instanceof Query.Item item) {
            int row = imageRow(item.imageId());
            q = images.row(row);
            imageTruth = new int[]{row};
            captionTruth = IntStream.range(0, captionImageRows.length).filter(j -> captionImageRows[j] == row).toArray();
        } else {
            Query.Combined c = (Query.Combined) query;
            unknown = c.parts().stream().filter(part -> part.text() != null)
                    .flatMap(part -> encoder.unknownWords(part.text()).stream()).distinct().toList();
            q = combine(c.parts());
        }
        return new Answer(query, q, rank(images, q, k, imageRows, imageTruth), rank(store.captions(), q, k, null, captionTruth),
                unknown);
    }

    /** {@code normalize(sum_i weight_i * embed(part_i))}; parts that cancel out are refused. */
    private float[] combine(List<WeightedQuery> parts) {
        float[] sum = new float[encoder.dimension()];
        for (WeightedQuery part : parts) {
            float[] v = part.text() != null ? encoder.text(part.text()) : encoder.image(part.image());
            for (int i = 0; i < sum.length; i++) {
                sum[i] += (float) (part.weight() * v[i]);
            }
        }
        float[] q = Embeddings.normalize(sum);
        if (IntStream.range(0, q.length).allMatch(i -> q[i] == 0)) {
            throw new InputException("the query parts cancel out (their weighted sum is zero); change a weight or a part");
        }
        return q;
    }

    private static Ranking rank(Embeddings gallery, float[] q, int k, IntPredicate filter, int[] truthRows) {
        float[] scores = TopK.scores(gallery, q);
        List<TopK.Hit> hits = TopK.topKOfScores(gallery, scores, k, filter);
        IntPredicate counted = filter == null ? r -> true : filter;
        BitSet truth = new BitSet(scores.length);
        IntStream.of(truthRows).forEach(truth::set);
        List<Ranking.Entry> entries = new ArrayList<>(hits.size());
        for (int i = 0; i < hits.size(); i++) {
            TopK.Hit h = hits.get(i);
            entries.add(new Ranking.Entry(i + 1, h.id(), h.score(), truth.get(h.row())));
        }
        boolean truthCounted = IntStream.of(truthRows).anyMatch(counted::test);
        int truthRank = truthCounted ? TopK.pessimisticRank(scores, scores.length,
                r -> truth.get(r) && counted.test(r), counted) : 0;
        int gallerySize = filter == null ? gallery.size() : (int) IntStream.range(0, gallery.size()).filter(filter).count();
        return new Ranking(entries, IntStream.of(truthRows).mapToLong(gallery::id).toArray(), truthRank, gallerySize);
    }

    private int imageRow(long imageId) {
        int row = store.images().rowOf(imageId);
        if (row < 0) {
            SkippedImage skipped = store.skippedImage(imageId);
            if (skipped != null) {
                throw new InputException("image " + skipped.file() + " (id " + imageId + ") is not in the index "
                        + store.dir() + ": it could not be read (" + skipped.reason()
                        + "); repair the file and embed the dataset again");
            }
            throw new InputException("image id " + imageId + " is not in the index " + store.dir()
                    + "; use an id from its captions file");
        }
        return row;
    }

    /** The stored vectors the answers rank. */
    public EmbeddingStore store() {
        return store;
    }

    public Dataset dataset() {
        return dataset;
    }

    /** The caption with this id, or null when the store holds none. */
    public CocoCaption caption(long captionId) {
        int row = store.captions().rowOf(captionId);
        return row < 0 ? null : captionByRow.get(row);
    }

    /** What the answers cover, for the user (e.g. "1,000 images, 5,000 captions"). */
    public String scope() {
        return String.format(Locale.ROOT, "%,d images, %,d captions", store.images().size(), store.captions().size());
    }

    /** Captions match typed texts regardless of surrounding spaces and case. */
    private static String key(String text) {
        return text.strip().toLowerCase(Locale.ROOT);
    }
}
