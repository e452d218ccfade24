package org.dualpath.search;

import org.dualpath.store.EmbeddingStore;
import org.dualpath.vector.Embeddings;
import org.dualpath.vector.TopK;
import org.dualpath.common.InputException;
import org.dualpath.data.CocoImage;
import org.dualpath.data.Dataset;
import org.dualpath.search.SearchResult.Gallery;
import org.dualpath.model.DualPathModel;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * The query layer shared by the CLI and the GUI: embeds a text or image query with the model (with the
 * store's test-time options) and ranks the stored image or caption vectors by cosine with
 * {@link TopK}. Queries naming a dataset item (an image id, or a text that is exactly one of its
 * captions) also get the pessimistic rank of their correct answer, counted over the rows the filter accepts.
 */
public final class SearchService {
    private final DualPathModel model;
    private final Dataset dataset;
    private final EmbeddingStore store;
    private final int[] captionImageRows;
    private final List<String> captionTexts;
    private final Map<String, List<Integer>> captionRowsByText = new HashMap<>();
    private final Map<Long, Integer> imageRowById = new HashMap<>();

    public SearchService(DualPathModel model, Dataset dataset, EmbeddingStore store) {
        if (model.dimension() != store.images().dimension()) {
            throw new InputException("the model embeds in " + model.dimension() + " dimensions, the index "
                    + store.dir() + " holds " + store.images().dimension() + "; use the model the index was built with");
        }
        this.model = model;
        this.dataset = dataset;
        this.store = store;
        this.captionImageRows = store.captionImageRows();
        Embeddings images = store.images();
        for (int r = 0; r < images.size(); r++) {
            imageRowById.put(images.id(r), r);
        }
        this.captionTexts = new ArrayList<>(store.captions().size());
        for (int r = 0; r < images.size(); r++) {
            dataset.captions(images.id(r)).forEach(c -> captionTexts.add(c.caption()));
        }
        if (captionTexts.size() != store.captions().size()) {
            throw new InputException("the index " + store.dir() + " holds " + store.captions().size()
                    + " captions, the dataset " + captionTexts.size() + "; rebuild the index with 'dualpath embed'");
        }
        for (int j = 0; j < captionTexts.size(); j++) {
            captionRowsByText.computeIfAbsent(key(captionTexts.get(j)), t -> new ArrayList<>()).add(j);
        }
    }

    public EmbeddingStore store() {
        return store;
    }

    /** The dataset image at image row {@code row}. */
    public CocoImage image(int row) {
        return dataset.image(store.images().id(row));
    }

    /** The text of the caption at caption row {@code row}. */
    public String captionText(int row) {
        return captionTexts.get(row);
    }

    /** The words of a typed text that the model's vocabulary lacks: the searches ignore them. */
    public List<String> unknownWords(String text) {
        return model.vocabulary().unknownWords(text);
    }

    /** The query vector of a typed text, as the searches embed it (L2-normalised). */
    public float[] textVector(String text) {
        return model.embedQuery(text, store.options());
    }

    /** The query vector of an image, as the searches embed it (L2-normalised). */
    public float[] imageVector(BufferedImage image) {
        return model.embedImage(image, store.options());
    }

    /** Images for a typed text; when the text is exactly a dataset caption, ground truth is that caption's image. */
    public SearchResult textToImages(String text, int k, IntPredicate imageFilter) {
        float[] q = model.embedQuery(text, store.options());
        int[] truth = captionRowsByText.getOrDefault(key(text), List.of()).stream()
                .mapToInt(j -> captionImageRows[j]).distinct().toArray();
        return search(Gallery.IMAGES, store.images(), q, k, imageFilter, truth);
    }

    /** Captions closest to a typed text. */
    public SearchResult textToTexts(String text, int k) {
        return search(Gallery.CAPTIONS, store.captions(), model.embedQuery(text, store.options()), k, null, new int[0]);
    }

    /** Captions for an image that is not (necessarily) in the dataset. */
    public SearchResult imageToTexts(BufferedImage image, int k) {
        return search(Gallery.CAPTIONS, store.captions(), model.embedImage(image, store.options()), k, null, new int[0]);
    }

    /** Images similar to an image that is not (necessarily) in the dataset. */
    public SearchResult imageToImages(BufferedImage image, int k, IntPredicate imageFilter) {
        return search(Gallery.IMAGES, store.images(), model.embedImage(image, store.options()), k, imageFilter,
                new int[0]);
    }

    /** Captions for a dataset image (its stored vector); ground truth: its own captions. */
    public SearchResult imageIdToTexts(long imageId, int k) {
        int row = imageRow(imageId);
        int[] truth = IntStream.range(0, captionImageRows.length).filter(j -> captionImageRows[j] == row).toArray();
        return search(Gallery.CAPTIONS, store.captions(), store.images().row(row), k, null, truth);
    }

    /** Images similar to a dataset image (its stored vector); ground truth: the image itself. */
    public SearchResult imageIdToImages(long imageId, int k, IntPredicate imageFilter) {
        int row = imageRow(imageId);
        return search(Gallery.IMAGES, store.images(), store.images().row(row), k, imageFilter, new int[]{row});
    }

    /** Images for a weighted sum of normalised text and image query vectors, renormalised. */
    public SearchResult combined(List<WeightedQuery> parts, int k, IntPredicate imageFilter) {
        if (parts.isEmpty()) {
            throw new InputException("the combined query has no parts; give a text or an image");
        }
        float[] sum = new float[model.dimension()];
        for (WeightedQuery part : parts) {
            float[] v = part.text() != null ? model.embedQuery(part.text(), store.options())
                    : model.embedImage(part.image(), store.options());
            for (int i = 0; i < sum.length; i++) {
                sum[i] += (float) (part.weight() * v[i]);
            }
        }
        float[] q = Embeddings.normalize(sum);
        if (IntStream.range(0, q.length).allMatch(i -> q[i] == 0)) {
            throw new InputException("the query parts cancel out (their weighted sum is zero); change a weight or a part");
        }
        return search(Gallery.IMAGES, store.images(), q, k, imageFilter, new int[0]);
    }

    private SearchResult search(Gallery gallery, Embeddings rows, float[] q, int k, IntPredicate filter, int[] truth) {
        float[] scores = TopK.scores(rows, q);
        List<TopK.Hit> hits = TopK.topKOfScores(rows, scores, k, filter);
        IntPredicate counted = filter == null ? r -> true : filter;
        BitSet targets = new BitSet(scores.length);
        IntStream.of(truth).filter(counted).forEach(targets::set);
        if (targets.isEmpty()) {
            return new SearchResult(gallery, hits, truth, OptionalInt.empty());
        }
        return new SearchResult(gallery, hits, truth,
                OptionalInt.of(TopK.pessimisticRank(scores, scores.length, targets::get, counted)));
    }

    private int imageRow(long imageId) {
        Integer row = imageRowById.get(imageId);
        if (row == null) {
            throw new InputException("image id " + imageId + " is not in the index " + store.dir()
                    + "; use an id from its captions file");
        }
        return row;
    }

    /** Captions match queries regardless of surrounding spaces and case. */
    private static String key(String text) {
        return text.strip().toLowerCase(Locale.ROOT);
    }
}
