package org.dualpath.eval;

import org.dualpath.vector.Embeddings;
import org.dualpath.vector.TopK;
import org.dualpath.common.InputException;
import org.dualpath.common.Progress;
import org.dualpath.eval.RecallReport.CaptionPolicy;
import org.dualpath.eval.RecallReport.CategoryRecall;
import org.dualpath.eval.RecallReport.DirectionMetrics;
import org.dualpath.eval.RecallReport.DirectionSummary;
import org.dualpath.eval.RecallReport.Evaluation;
import org.dualpath.eval.RecallReport.FoldSummary;
import org.dualpath.eval.RecallReport.MeanStd;
import org.dualpath.eval.RecallReport.ProtocolResult;
import org.dualpath.eval.RecallReport.RankedQuery;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * Image-text retrieval metrics with exact cosine scores {@code s(i, j) = image_i . caption_j} (rows assumed
 * L2-normalised).
 * <ul>
 * <li>image -> text: image i queries all captions of the gallery; its rank is 1 + the number of other
 * images' captions scoring {@code >=} its best own caption.</li>
 * <li>text -> image: caption j queries all images; its rank is 1 + the number of other images scoring
 * {@code >=} its own image.</li>
 * <li>Recall@K = 100 * (queries with rank {@code <= K}) / queries; MedR and MeanR over the 1-based ranks;
 * rsum = the six recalls summed.</li>
 * <li>Chance: text -> image K/N; image -> text for an image with c of the M captions,
 * {@code 1 - C(M-c, K)/C(M, K)} (the chance that a random ordering puts one of its captions in the top K),
 * averaged over the image queries; both in percent.</li>
 * </ul>
 * The similarity matrix is never stored: each image's row of scores is computed, used for its own rank and
 * for the text -> image counts of every caption, and dropped. Images are spread over the cores.
 */
public final class RetrievalMetrics {
    private static final int[] KS = {1, 5, 10};
    private static final double NORM_TOLERANCE = 1e-3;

    private RetrievalMetrics() {
    }

    /**
     * What to evaluate: {@code captionsPerImage} keeps the first that many captions by caption id of every
     * image (0 keeps all; the standard protocol is 5); {@code categories} maps image rows to category names
     * (empty: no per-category recall); {@code worst} is how many worst-ranked queries to list per direction.
     */
    public record Options(String splitName, Protocol protocol, int captionsPerImage,
                          Map<Integer, Set<String>> categories, int worst) {
        public Options {
            categories = Map.copyOf(categories);
            if (captionsPerImage < 0 || worst < 0) {
                throw new InputException("captions per image and worst-query count must be >= 0");
            }
        }

        /** The standard protocol: AUTO, 5 captions per image, no categories, 20 worst queries. */
        public static Options standard(String splitName) {
            return new Options(splitName, Protocol.AUTO, 5, Map.of(), 20);
        }

        public Options withProtocol(Protocol p) {
            return new Options(splitName, p, captionsPerImage, categories, worst);
        }

        public Options withCaptionsPerImage(int n) {
            return new Options(splitName, protocol, n, categories, worst);
        }

        public Options withCategories(Map<Integer, Set<String>> c) {
            return new Options(splitName, protocol, captionsPerImage, c, worst);
        }

        public Options withWorst(int n) {
            return new Options(splitName, protocol, captionsPerImage, categories, n);
        }
    }

    /**
     * Evaluates {@code images} (N x d) against {@code captions} (M x d, ids = caption ids), where
     * {@code captionImage[j]} is the image row of caption row j. Progress counts image queries; it may be
     * called from worker threads.
     */
    public static RecallReport evaluate(Embeddings images, Embeddings captions, int[] captionImage, Options options,
                                        Progress progress) {
        validate(images, captions, captionImage);
        int[][] kept = keptCaptions(images.size(), captions, captionImage, options.captionsPerImage());
        CaptionPolicy policy = policy(images.size(), captions.size(), kept, captionImage, options.captionsPerImage());
        List<Protocol> protocols = resolve(options.protocol(), images.size());
        long total = (long) protocols.size() * images.size();
        AtomicLong done = new AtomicLong();
        Runnable tick = () -> progress.update(done.incrementAndGet(), total, "ranking image queries");
        List<ProtocolResult> results = new ArrayList<>();
        for (Protocol p : protocols) {
            if (p == Protocol.COCO_1K) {
                List<Evaluation> folds = new ArrayList<>();
                for (int f = 0; f < 5; f++) {
                    int[] rows = IntStream.range(f * 1000, (f + 1) * 1000).toArray();
                    folds.add(gallery("1K fold " + (f + 1), images, captions, kept, rows, options, progress, tick));
                }
                results.add(new ProtocolResult(p, folds, summarize(folds)));
            } else {
                int[] rows = IntStream.range(0, images.size()).toArray();
                String name = p == Protocol.ALL ? "all" : "5K";
                results.add(new ProtocolResult(p, List.of(gallery(name, images, captions, kept, rows, options, progress,
                        tick)), null));
            }
        }
        return new RecallReport(options.splitName(), options.protocol(), policy, results);
    }

    private static void validate(Embeddings images, Embeddings captions, int[] captionImage) {
        if (images.dimension() != captions.dimension()) {
            throw new InputException("image embeddings have " + images.dimension() + " dimensions, caption embeddings "
                    + captions.dimension() + "; both must come from the same model");
        }
        if (captionImage.length != captions.size()) {
            throw new InputException("got " + captionImage.length + " caption-to-image rows for " + captions.size()
                    + " captions; give one image row per caption");
        }
        for (int j = 0; j < captionImage.length; j++) {
            if (captionImage[j] < 0 || captionImage[j] >= images.size()) {
                throw new InputException("caption " + captions.id(j) + " points to image row " + captionImage[j]
                        + ", outside the " + images.size() + " images");
            }
        }
        double imageError = images.maxNormError();
        double captionError = captions.maxNormError();
        if (imageError > NORM_TOLERANCE || captionError > NORM_TOLERANCE) {
            throw new InputException("embeddings are not L2-normalised (largest norm error: images " + imageError
                    + ", captions " + captionError + "); normalise them with Embeddings.normalized()");
        }
    }

    private static List<Protocol> resolve(Protocol p, int images) {
        if (p == Protocol.AUTO) {
            return images == 5000 ? List.of(Protocol.COCO_1K, Protocol.COCO_5K) : List.of(Protocol.ALL);
        }
        if (p != Protocol.ALL && images != 5000) {
            throw new InputException(p.label() + " needs exactly 5,000 test images, got " + images
                    + "; use protocol ALL (or AUTO) for this split");
        }
        return List.of(p);
    }

    /** Per image row, its caption rows: the first {@code perImage} by caption id (all when 0), in row order. */
    private static int[][] keptCaptions(int images, Embeddings captions, int[] captionImage, int perImage) {
        List<List<Integer>> byImage = new ArrayList<>(images);
        for (int i = 0; i < images; i++) {
            byImage.add(new ArrayList<>());
        }
        for (int j = 0; j < captionImage.length; j++) {
            byImage.get(captionImage[j]).add(j);
        }
        int[][] kept = new int[images][];
        for (int i = 0; i < images; i++) {
            List<Integer> rows = byImage.get(i);
            rows.sort(Comparator.<Integer>comparingLong(captions::id).thenComparingInt(r -> r));
            int n = perImage > 0 ? Math.min(perImage, rows.size()) : rows.size();
            kept[i] = rows.subList(0, n).stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        return kept;
    }

    private static CaptionPolicy policy(int images, int captionsGiven, int[][] kept, int[] captionImage, int perImage) {
        int[] given = new int[images];
        for (int img : captionImage) {
            given[img]++;
        }
        int more = 0;
        int fewer = 0;
        int none = 0;
        int keptCount = 0;
        for (int i = 0; i < images; i++) {
            keptCount += kept[i].length;
            if (perImage > 0 && given[i] > perImage) {
                more++;
            }
            if (perImage > 0 && given[i] < perImage) {
                fewer++;
            }
            if (given[i] == 0) {
                none++;
            }
        }
        return new CaptionPolicy(perImage, images, captionsGiven, keptCount, more, fewer, none);
    }

    /** Evaluates the images at {@code imageRows} against their kept captions. */
    private static Evaluation gallery(String name, Embeddings allImages, Embeddings allCaptions, int[][] kept,
                                      int[] imageRows, Options options, Progress progress, Runnable tick) {
        int n = imageRows.length;
        int[] captionRows = Arrays.stream(imageRows).flatMap(i -> Arrays.stream(kept[i])).sorted().toArray();
        int[] captionCount = new int[n];
        int[] captionImage = new int[captionRows.length];
        for (int i = 0; i < n; i++) {
            captionCount[i] = kept[imageRows[i]].length;
            for (int j : kept[imageRows[i]]) {
                captionImage[Arrays.binarySearch(captionRows, j)] = i;
            }
        }
        Embeddings images = allImages.rows(imageRows);
        Embeddings captions = allCaptions.rows(captionRows);
        int m = captions.size();

        // each caption's score with its own image, from the same k-ordered sum as the full rows below
        float[] own = new float[m];
        for (int j = 0; j < m; j++) {
            own[j] = captions.dot(images, captionImage[j], j);
        }
        int[] imageRanks = new int[n];
        int chunks = Math.min(n, 8 * Runtime.getRuntime().availableProcessors());
        int[] ahead = IntStream.range(0, chunks).parallel().mapToObj(c -> {
            int[] partial = new int[m];
            float[] scores = new float[m];
            for (int i = (int) ((long) n * c / chunks), end = (int) ((long) n * (c + 1) / chunks); i < end; i++) {
                progress.checkCancelled();
                captions.scores(images, i, 0, m, scores, 0);
                int query = i;
                if (captionCount[i] > 0) {
                    imageRanks[i] = TopK.pessimisticRank(scores, m, j -> captionImage[j] == query);
                }
                for (int j = 0; j < m; j++) {
                    if (scores[j] >= own[j] && captionImage[j] != i) {
                        partial[j]++;
                    }
                }
                tick.run();
            }
            return partial;
        }).reduce(new int[m], RetrievalMetrics::sum);
        int[] captionRanks = new int[m];
        for (int j = 0; j < m; j++) {
            captionRanks[j] = ahead[j] + 1;
        }

        IntPredicate isImageQuery = i -> captionCount[i] > 0;
        DirectionMetrics i2t = direction(imageRanks, isImageQuery, k -> imageChance(captionCount, m, k));
        DirectionMetrics t2i = direction(captionRanks, j -> true, k -> 100.0 * Math.min(k, n) / n);
        return new RecallReport.Evaluation(name, n, m, i2t, t2i, rsum(i2t, t2i),
                worst(imageRanks, imageRows, allImages, isImageQuery, options.worst()),
                worst(captionRanks, captionRows, allCaptions, j -> true, options.worst()),
                categories(options.categories(), imageRows, imageRanks, isImageQuery, captionImage, captionRanks),
                imageRows, imageRanks, captionRows, captionRanks);
    }

    private static int[] sum(int[] a, int[] b) {
        int[] out = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] + b[i];
        }
        return out;
    }

    /** Mean over image queries of 100 * (1 - prod_{t<K} (M-c-t)/(M-t)). */
    private static double imageChance(int[] captionCount, int m, int k) {
        double sum = 0;
        int queries = 0;
        for (int c : captionCount) {
            if (c > 0) {
                double miss = 1;
                for (int t = 0; t < k && miss > 0; t++) {
                    // once fewer than K foreign captions remain, a miss is impossible (and m - t may reach 0)
                    miss = m - c - t <= 0 ? 0 : miss * (m - c - t) / (m - t);
                }
                sum += 1 - miss;
                queries++;
            }
        }
        return queries == 0 ? 0 : 100 * sum / queries;
    }

    private static DirectionMetrics direction(int[] ranks, IntPredicate isQuery, ToDoubleFunction<Integer> chance) {
        int[] r = IntStream.range(0, ranks.length).filter(isQuery).map(q -> ranks[q]).sorted().toArray();
        double[] recall = new double[KS.length];
        for (int k = 0; k < KS.length; k++) {
            recall[k] = recall(ranks, isQuery, KS[k]);
        }
        double median = r.length == 0 ? Double.NaN
                : r.length % 2 == 1 ? r[r.length / 2] : (r[r.length / 2 - 1] + r[r.length / 2]) / 2.0;
        double mean = r.length == 0 ? Double.NaN : Arrays.stream(r).average().orElseThrow();
        return new DirectionMetrics(r.length, recall[0], recall[1], recall[2], chance.applyAsDouble(KS[0]),
                chance.applyAsDouble(KS[1]), chance.applyAsDouble(KS[2]), median, mean);
    }

    /** Percent of the queries accepted by {@code isQuery} with rank {@code <= k} (NaN without queries). */
    private static double recall(int[] ranks, IntPredicate isQuery, int k) {
        int queries = 0;
        int hits = 0;
        for (int q = 0; q < ranks.length; q++) {
            if (isQuery.test(q)) {
                queries++;
                if (ranks[q] <= k) {
                    hits++;
                }
            }
        }
        return queries == 0 ? Double.NaN : 100.0 * hits / queries;
    }

    private static double rsum(DirectionMetrics a, DirectionMetrics b) {
        return a.r1() + a.r5() + a.r10() + b.r1() + b.r5() + b.r10();
    }

    /** The {@code count} highest ranks, ties by lower caller row. */
    private static List<RankedQuery> worst(int[] ranks, int[] rows, Embeddings all, IntPredicate isQuery, int count) {
        return IntStream.range(0, ranks.length).filter(isQuery).boxed()
                .sorted(Comparator.<Integer>comparingInt(q -> -ranks[q]).thenComparingInt(q -> rows[q]))
                .limit(count)
                .map(q -> new RankedQuery(rows[q], all.id(rows[q]), ranks[q]))
                .toList();
    }

    private static List<CategoryRecall> categories(Map<Integer, Set<String>> byRow, int[] imageRows, int[] imageRanks,
                                                   IntPredicate isImageQuery, int[] captionImage, int[] captionRanks) {
        Set<String> names = new TreeSet<>();
        for (int row : imageRows) {
            names.addAll(byRow.getOrDefault(row, Set.of()));
        }
        List<CategoryRecall> out = new ArrayList<>();
        for (String name : names) {
            IntPredicate has = i -> byRow.getOrDefault(imageRows[i], Set.of()).contains(name);
            IntPredicate imageQuery = i -> isImageQuery.test(i) && has.test(i);
            IntPredicate captionQuery = j -> has.test(captionImage[j]);
            out.add(new CategoryRecall(name, count(imageRanks.length, imageQuery),
                    recall(imageRanks, imageQuery, 1), recall(imageRanks, imageQuery, 5),
                    recall(imageRanks, imageQuery, 10), count(captionRanks.length, captionQuery),
                    recall(captionRanks, captionQuery, 1), recall(captionRanks, captionQuery, 5),
                    recall(captionRanks, captionQuery, 10)));
        }
        return out;
    }

    private static int count(int n, IntPredicate p) {
        return (int) IntStream.range(0, n).filter(p).count();
    }

    private static FoldSummary summarize(List<Evaluation> folds) {
        DirectionSummary i2t = summary(folds.stream().map(Evaluation::imageToText).toList());
        DirectionSummary t2i = summary(folds.stream().map(Evaluation::textToImage).toList());
        double rsumMean = i2t.r1().mean() + i2t.r5().mean() + i2t.r10().mean()
                + t2i.r1().mean() + t2i.r5().mean() + t2i.r10().mean();
        MeanStd rsum = new MeanStd(rsumMean, MeanStd.of(folds.stream().mapToDouble(Evaluation::rsum).toArray()).std());
        return new FoldSummary(folds.size(), i2t, t2i, rsum);
    }

    private static DirectionSummary summary(List<DirectionMetrics> folds) {
        return new DirectionSummary(stat(folds, DirectionMetrics::r1), stat(folds, DirectionMetrics::r5),
                stat(folds, DirectionMetrics::r10), stat(folds, DirectionMetrics::chance1).mean(),
                stat(folds, DirectionMetrics::chance5).mean(), stat(folds, DirectionMetrics::chance10).mean(),
                stat(folds, DirectionMetrics::medianRank), stat(folds, DirectionMetrics::meanRank));
    }

    private static MeanStd stat(List<DirectionMetrics> folds, ToDoubleFunction<DirectionMetrics> metric) {
        return MeanStd.of(folds.stream().mapToDouble(metric).toArray());
    }
}
