package org.dualpath.app.search;

import org.dualpath.common.InputException;
import org.dualpath.common.Progress;
import org.dualpath.data.CocoCaption;
import org.dualpath.data.Dataset;
import org.dualpath.store.EmbeddingStore;
import org.dualpath.vector.Embeddings;
import org.dualpath.vector.TopK;
import org.dualpath.search.SearchResult;
import org.dualpath.search.SearchService;
import org.dualpath.model.DualPathModel;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;
import java.util.function.LongPredicate;

/**
 * The explorer's {@link Searcher} over the index's {@link EmbeddingStore} (vectors cached on disk per dataset and
 * model, rebuilt only for what changed) and {@link SearchService}.
 */
public final class IndexSearcher implements Searcher {
    /** Below this share of captions with a known word, the model was trained on other data. */
    private static final double MIN_KNOWN_CAPTIONS = 0.5;

    private final SearchService service;
    private final String scope;
    private final String report;

    private IndexSearcher(SearchService service, String scope, String report) {
        this.service = service;
        this.scope = scope;
        this.report = report;
    }

    /**
     * Opens or builds the embeddings of {@code dataset} by {@code model} under {@code cacheDir} (one folder per
     * captions file and model file), after checking that the model's vocabulary covers the dataset's captions.
     */
    public static IndexSearcher open(DualPathModel model, Path modelFile, Dataset dataset, Path captionsFile,
                                     Path cacheDir, DualPathModel.Options options, Progress progress) {
        checkVocabulary(model, dataset);
        Path dir = cacheDir.resolve(folderName(captionsFile, modelFile));
        EmbeddingStore store = EmbeddingStore.openOrBuild(model, modelFile, dataset, dir, options, progress);
        String scope = String.format(Locale.ROOT, "%,d images, %,d captions", store.images().size(), store.captions().size());
        return new IndexSearcher(new SearchService(model, dataset, store), scope, store.report().message());
    }

    private static void checkVocabulary(DualPathModel model, Dataset dataset) {
        List<CocoCaption> captions = new ArrayList<>(dataset.captionCount());
        dataset.images().forEach(i -> captions.addAll(dataset.captions(i.id())));
        long known = captions.stream().filter(c -> model.vocabulary().encode(c.caption()).length > 0).count();
        if (!captions.isEmpty() && known < MIN_KNOWN_CAPTIONS * captions.size()) {
            throw new InputException(String.format(Locale.ROOT,
                    "the model does not match dataset %s: only %d of %d captions contain a word of its vocabulary; "
                            + "open the model trained on this dataset", dataset.name(), known, captions.size()));
        }
    }

    private static String folderName(Path captionsFile, Path modelFile) {
        String id = captionsFile.toAbsolutePath().normalize() + "\n" + modelFile.toAbsolutePath().normalize();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public Ranking textToImages(String text, int k, LongPredicate imageFilter) {
        return ranking(service.textToImages(text, k, rows(imageFilter)), imageCount(imageFilter));
    }

    @Override
    public Ranking textToTexts(String text, int k) {
        return ranking(service.textToTexts(text, k), service.store().captions().size());
    }

    @Override
    public Ranking imageToTexts(BufferedImage image, int k) {
        return ranking(service.imageToTexts(image, k), service.store().captions().size());
    }

    @Override
    public Ranking imageToImages(BufferedImage image, int k, LongPredicate imageFilter) {
        return ranking(service.imageToImages(image, k, rows(imageFilter)), imageCount(imageFilter));
    }

    @Override
    public Ranking imageIdToTexts(long imageId, int k) {
        return ranking(service.imageIdToTexts(imageId, k), service.store().captions().size());
    }

    @Override
    public Ranking imageIdToImages(long imageId, int k, LongPredicate imageFilter) {
        return ranking(service.imageIdToImages(imageId, k, rows(imageFilter)), imageCount(imageFilter));
    }

    @Override
    public EmbeddingStore store() {
        return service.store();
    }

    @Override
    public List<String> unknownWords(String text) {
        return service.unknownWords(text);
    }

    @Override
    public float[] textVector(String text) {
        return service.textVector(text);
    }

    @Override
    public float[] imageVector(BufferedImage image) {
        return service.imageVector(image);
    }

    @Override
    public String scope() {
        return scope;
    }

    @Override
    public String report() {
        return report;
    }

    /** How many images a filtered search ranks, so that "rank r of n" counts the same rows. */
    private int imageCount(LongPredicate imageFilter) {
        Embeddings images = service.store().images();
        if (imageFilter == null) {
            return images.size();
        }
        int n = 0;
        for (int r = 0; r < images.size(); r++) {
            n += imageFilter.test(images.id(r)) ? 1 : 0;
        }
        return n;
    }

    private IntPredicate rows(LongPredicate imageFilter) {
        if (imageFilter == null) {
            return null;
        }
        Embeddings images = service.store().images();
        return row -> imageFilter.test(images.id(row));
    }

    private static Ranking ranking(SearchResult result, int gallerySize) {
        int[] truthRows = result.groundTruthRows();
        List<Ranking.Hit> hits = new ArrayList<>(result.hits().size());
        for (int i = 0; i < result.hits().size(); i++) {
            TopK.Hit h = result.hits().get(i);
            boolean truth = false;
            for (int t : truthRows) {
                truth |= t == h.row();
            }
            hits.add(new Ranking.Hit(i + 1, h.id(), h.score(), truth));
        }
        return new Ranking(hits, result.groundTruthRank().orElse(0), gallerySize);
    }
}
