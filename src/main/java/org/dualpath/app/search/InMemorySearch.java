package org.dualpath.app.search;

import org.dualpath.common.InputException;
import org.dualpath.common.Progress;
import org.dualpath.data.CocoCaption;
import org.dualpath.data.CocoImage;
import org.dualpath.data.Dataset;
import org.dualpath.data.Split;
import org.dualpath.data.image.ImageDecoder;
import org.dualpath.index.Embeddings;
import org.dualpath.index.ExactSearch;
import org.dualpath.model.DualPathModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A {@link Searcher} over embeddings computed in memory when a session opens. It stands in until the index
 * branch's {@code EmbeddingStore}/{@code SearchService} (cached on disk) are merged; the explorer only sees
 * {@link Searcher}, so replacing this class is the whole switch. It covers the test split (all images when
 * the dataset has none), which keeps start-up short on the demo.
 */
public final class InMemorySearch implements Searcher {
    private static final Logger LOG = LoggerFactory.getLogger(InMemorySearch.class);
    private static final int CAPTION_BATCH = 256;
    private static final int IMAGE_BATCH = 32;
    /** Below this share of captions with a known word, the model was trained on other data. */
    private static final double MIN_KNOWN_CAPTIONS = 0.5;

    private final DualPathModel model;
    private final Dataset dataset;
    private final DualPathModel.Options options;
    private final String scopeName;
    private final Embeddings images;
    private final Embeddings captions;
    private final Map<Long, Integer> imageRows = new HashMap<>();
    private final Map<Long, List<Integer>> captionRowsOfImage = new HashMap<>();
    private final Map<String, List<Long>> imagesOfText = new HashMap<>();

    private InMemorySearch(DualPathModel model, Dataset dataset, DualPathModel.Options options, String scopeName,
                           Embeddings images, List<CocoCaption> captionList, Embeddings captions) {
        this.model = model;
        this.dataset = dataset;
        this.options = options;
        this.scopeName = scopeName;
        this.images = images;
        this.captions = captions;
        for (int r = 0; r < images.size(); r++) {
            imageRows.put(images.id(r), r);
        }
        for (int r = 0; r < captionList.size(); r++) {
            CocoCaption c = captionList.get(r);
            captionRowsOfImage.computeIfAbsent(c.imageId(), k -> new ArrayList<>()).add(r);
            imagesOfText.computeIfAbsent(key(c.caption()), k -> new ArrayList<>()).add(c.imageId());
        }
    }

    /** Embeds the searched images and their captions, reporting one unit per caption and per image. */
    public static InMemorySearch build(DualPathModel model, Dataset dataset, DualPathModel.Options options,
                                       Progress progress) {
        boolean testSplit = !dataset.images(Split.TEST).isEmpty();
        List<CocoImage> scope = testSplit ? dataset.images(Split.TEST) : dataset.images();
        List<CocoCaption> captionList = new ArrayList<>();
        scope.forEach(i -> captionList.addAll(dataset.captions(i.id())));
        checkVocabulary(model, dataset, captionList);
        long total = captionList.size() + scope.size();

        float[][] captionRows = new float[captionList.size()][];
        for (int start = 0; start < captionList.size(); start += CAPTION_BATCH) {
            progress.checkCancelled();
            List<String> texts = captionList.subList(start, Math.min(captionList.size(), start + CAPTION_BATCH))
                    .stream().map(CocoCaption::caption).toList();
            System.arraycopy(model.embedCaptions(texts, options), 0, captionRows, start, texts.size());
            progress.update(start + texts.size(), total, "embedding captions");
        }

        List<Long> ids = new ArrayList<>(scope.size());
        List<float[]> imageRows = new ArrayList<>(scope.size());
        List<String> unreadable = new ArrayList<>();
        for (int start = 0; start < scope.size(); start += IMAGE_BATCH) {
            progress.checkCancelled();
            List<BufferedImage> batch = new ArrayList<>();
            List<Long> batchIds = new ArrayList<>();
            for (CocoImage image : scope.subList(start, Math.min(scope.size(), start + IMAGE_BATCH))) {
                try {
                    batch.add(ImageDecoder.decode(dataset.imagePath(image)));
                    batchIds.add(image.id());
                } catch (InputException e) {
                    unreadable.add(e.getMessage());
                }
            }
            if (!batch.isEmpty()) {
                imageRows.addAll(List.of(model.embedImages(batch, options)));
                ids.addAll(batchIds);
            }
            progress.update(captionList.size() + Math.min(scope.size(), start + IMAGE_BATCH), total, "embedding images");
        }
        if (ids.isEmpty()) {
            throw new InputException("no image of dataset " + dataset.name() + " could be read ("
                    + (unreadable.isEmpty() ? "it has none" : unreadable.get(0)) + ")");
        }
        if (!unreadable.isEmpty()) {
            LOG.warn("{} unreadable images left out of the search, first: {}", unreadable.size(), unreadable.get(0));
        }
        String scopeName = String.format(Locale.ROOT, "%s: %,d images, %,d captions",
                testSplit ? "test split" : "all images", ids.size(), captionList.size());
        return new InMemorySearch(model, dataset, options, scopeName,
                Embeddings.of(ids.stream().mapToLong(Long::longValue).toArray(), imageRows.toArray(float[][]::new)),
                captionList, Embeddings.of(captionList.stream().mapToLong(CocoCaption::id).toArray(), captionRows));
    }

    private static void checkVocabulary(DualPathModel model, Dataset dataset, List<CocoCaption> captions) {
        long known = captions.stream().filter(c -> model.vocabulary().encode(c.caption()).length > 0).count();
        if (!captions.isEmpty() && known < MIN_KNOWN_CAPTIONS * captions.size()) {
            throw new InputException(String.format(Locale.ROOT,
                    "the model does not match dataset %s: only %d of %d captions contain a word of its vocabulary; "
                            + "open the model trained on this dataset", dataset.name(), known, captions.size()));
        }
    }

    @Override
    public Ranking textToImages(String text, int k) {
        float[] q = model.embedQuery(text, options);
        return rank(images, q, k, rowsOfImages(imagesOfText.getOrDefault(key(text), List.of())));
    }

    @Override
    public Ranking textToTexts(String text, int k) {
        float[] q = model.embedQuery(text, options);
        List<Integer> truth = new ArrayList<>();
        imagesOfText.getOrDefault(key(text), List.of()).forEach(id -> truth.addAll(captionRowsOfImage.getOrDefault(id, List.of())));
        return rank(captions, q, k, truth);
    }

    @Override
    public Ranking imageToTexts(BufferedImage image, int k) {
        return rank(captions, model.embedImage(image, options), k, List.of());
    }

    @Override
    public Ranking imageToImages(BufferedImage image, int k) {
        return rank(images, model.embedImage(image, options), k, List.of());
    }

    @Override
    public Ranking imageIdToTexts(long imageId, int k) {
        return rank(captions, imageVector(imageId), k, captionRowsOfImage.getOrDefault(imageId, List.of()));
    }

    @Override
    public Ranking imageIdToImages(long imageId, int k) {
        return rank(images, imageVector(imageId), k, rowsOfImages(List.of(imageId)));
    }

    @Override
    public String scope() {
        return scopeName;
    }

    /** The stored embedding of a searched image; images outside the searched split are embedded now. */
    private float[] imageVector(long imageId) {
        Integer row = imageRows.get(imageId);
        if (row != null) {
            return images.row(row);
        }
        return model.embedImage(ImageDecoder.decode(dataset.imagePath(dataset.image(imageId))), options);
    }

    private List<Integer> rowsOfImages(List<Long> ids) {
        return ids.stream().map(imageRows::get).filter(r -> r != null).toList();
    }

    private static Ranking rank(Embeddings gallery, float[] query, int k, List<Integer> truthRows) {
        List<ExactSearch.Hit> hits = ExactSearch.topK(gallery, query, k);
        int[] truth = truthRows.stream().mapToInt(Integer::intValue).toArray();
        Set<Integer> truthSet = new HashSet<>(truthRows);
        List<Ranking.Hit> out = new ArrayList<>(hits.size());
        for (int i = 0; i < hits.size(); i++) {
            ExactSearch.Hit h = hits.get(i);
            out.add(new Ranking.Hit(i + 1, h.id(), h.score(), truthSet.contains(h.row())));
        }
        int truthRank = truth.length == 0 ? 0 : ExactSearch.rankOf(gallery, query, truth);
        return new Ranking(out, truthRank, gallery.size());
    }

    /** Exact-caption matching ignores case and surrounding spaces, as a typed query would differ there. */
    private static String key(String text) {
        return text.strip().toLowerCase(Locale.ROOT);
    }
}
