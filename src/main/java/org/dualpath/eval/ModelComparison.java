package org.dualpath.eval;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.dualpath.common.InputException;
import org.dualpath.common.Progress;
import org.dualpath.eval.RecallReport.DirectionMetrics;
import org.dualpath.eval.RecallReport.Evaluation;
import org.dualpath.vector.Embeddings;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Two models evaluated on the same images and captions, side by side. Each model embedded the dataset itself, so
 * their vocabularies and embedding sizes may differ: what is compared is ranks, never vectors. Both are evaluated
 * by {@link RetrievalMetrics} with protocol ALL over the images they share (by image id), so every query has a
 * ground-truth rank under A and under B, matched by image id (image → text) and caption id (text → image).
 * Differences are B − A: a positive recall difference and a negative rank difference mean B is better.
 */
public record ModelComparison(String split, int images, int captions, int imagesLeftOut, Evaluation a,
                              Evaluation b, DirectionComparison imageToText, DirectionComparison textToImage) {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One query's ground-truth rank (1-based, pessimistic) under model A and under model B. */
    public record QueryRanks(long queryId, int rankA, int rankB) {
        /** {@code rankA - rankB}: how many places B moved the ground truth up (negative: down). */
        public int change() {
            return rankA - rankB;
        }
    }

    /** Figures of B minus those of A (percentage points for recalls, places for ranks). */
    public record FigureChange(double r1, double r5, double r10, double medianRank, double meanRank) {
        static FigureChange of(DirectionMetrics a, DirectionMetrics b) {
            return new FigureChange(b.r1() - a.r1(), b.r5() - a.r5(), b.r10() - a.r10(),
                    b.medianRank() - a.medianRank(), b.meanRank() - a.meanRank());
        }
    }

    /**
     * One direction: both models' figures (the same chance levels, as the galleries are the same), their
     * difference, every query's two ranks in query id order, and the queries whose rank changed, most changed
     * first. A query whose rank is the same under both is in neither list ({@code unchanged} counts them); among
     * equal changes, the one nearer the top (the smaller of its two ranks) comes first, then the smaller query id.
     */
    public record DirectionComparison(FailureCase.Direction direction, DirectionMetrics a, DirectionMetrics b,
                                      FigureChange change, @JsonIgnore List<QueryRanks> queries,
                                      @JsonIgnore List<QueryRanks> improved, @JsonIgnore List<QueryRanks> regressed,
                                      int improvedCount, int regressedCount, int unchanged) {
        public DirectionComparison {
            queries = List.copyOf(queries);
            improved = List.copyOf(improved);
            regressed = List.copyOf(regressed);
        }

        static DirectionComparison of(FailureCase.Direction direction, DirectionMetrics a, DirectionMetrics b,
                                      List<QueryRanks> queries) {
            Comparator<QueryRanks> nearerTheTop = Comparator.<QueryRanks>comparingInt(q -> Math.min(q.rankA(), q.rankB()))
                    .thenComparingLong(QueryRanks::queryId);
            List<QueryRanks> improved = queries.stream().filter(q -> q.change() > 0)
                    .sorted(Comparator.comparingInt(QueryRanks::change).reversed().thenComparing(nearerTheTop)).toList();
            List<QueryRanks> regressed = queries.stream().filter(q -> q.change() < 0)
                    .sorted(Comparator.comparingInt(QueryRanks::change).thenComparing(nearerTheTop)).toList();
            return new DirectionComparison(direction, a, b, FigureChange.of(a, b), queries, improved, regressed,
                    improved.size(), regressed.size(), queries.size() - improved.size() - regressed.size());
        }
    }

    /** rsum of B minus rsum of A. */
    public double rsumChange() {
        return b.rsum() - a.rsum();
    }

    /** The two directions, image → text first. */
    @JsonIgnore
    public List<DirectionComparison> directions() {
        return List.of(imageToText, textToImage);
    }

    /**
     * Compares model A's vectors {@code a} with model B's {@code b} of the same dataset, keeping the first
     * {@code captionsPerImage} captions by id of each image (0: all). Images only one of them holds (one model
     * could read a file the other could not) are left out and counted; the captions of the shared images must be
     * the same. Progress counts image queries, A's evaluation first; cancellable between queries.
     */
    public static ModelComparison of(String split, EvalGallery a, EvalGallery b, int captionsPerImage, Progress progress) {
        Set<Long> inA = ids(a.images());
        Set<Long> inB = ids(b.images());
        if (inA.stream().noneMatch(inB::contains)) {
            throw new InputException("model A's and model B's vectors share no image; embed the same dataset with both models");
        }
        EvalGallery sharedA = EvalGallery.of(a.images(), a.captions(), a.captionImage(), r -> inB.contains(a.images().id(r)));
        EvalGallery sharedB = EvalGallery.of(b.images(), b.captions(), b.captionImage(), r -> inA.contains(b.images().id(r)));
        if (!ids(sharedA.captions()).equals(ids(sharedB.captions()))) {
            throw new InputException("model A's vectors hold " + sharedA.captions().size() + " captions of the shared "
                    + "images, model B's " + sharedB.captions().size() + "; embed the same captions file with both models");
        }
        RetrievalMetrics.Options options = RetrievalMetrics.Options.standard(split).withProtocol(Protocol.ALL)
                .withCaptionsPerImage(captionsPerImage).withWorst(0);
        Evaluation ea = evaluate(sharedA, options, progress.prefixed("model A: "));
        Evaluation eb = evaluate(sharedB, options, progress.prefixed("model B: "));
        int leftOut = a.images().size() + b.images().size() - 2 * sharedA.images().size();
        return new ModelComparison(split, ea.images(), ea.captions(), leftOut, ea, eb,
                DirectionComparison.of(FailureCase.Direction.IMAGE_TO_TEXT, ea.imageToText(), eb.imageToText(),
                        paired(ea.imageRows(), ea.imageRanks(), sharedA.images(), eb.imageRows(), eb.imageRanks(),
                                sharedB.images())),
                DirectionComparison.of(FailureCase.Direction.TEXT_TO_IMAGE, ea.textToImage(), eb.textToImage(),
                        paired(ea.captionRows(), ea.captionRanks(), sharedA.captions(), eb.captionRows(),
                                eb.captionRanks(), sharedB.captions())));
    }

    private static Set<Long> ids(Embeddings e) {
        Set<Long> ids = new HashSet<>(e.size() * 2);
        for (int r = 0; r < e.size(); r++) {
            ids.add(e.id(r));
        }
        return ids;
    }

    private static Evaluation evaluate(EvalGallery g, RetrievalMetrics.Options options, Progress progress) {
        return RetrievalMetrics.evaluate(g.images(), g.captions(), g.captionImage(), options, progress)
                .results().get(0).evaluations().get(0);
    }

    /** The queries (rank > 0) of A with their rank under B, matched by id, in id order. */
    private static List<QueryRanks> paired(int[] rowsA, int[] ranksA, Embeddings itemsA, int[] rowsB, int[] ranksB,
                                           Embeddings itemsB) {
        Map<Long, Integer> rankB = new HashMap<>(rowsB.length * 2);
        for (int q = 0; q < rowsB.length; q++) {
            rankB.put(itemsB.id(rowsB[q]), ranksB[q]);
        }
        List<QueryRanks> out = new ArrayList<>();
        for (int q = 0; q < rowsA.length; q++) {
            long id = itemsA.id(rowsA[q]);
            if (ranksA[q] > 0) {
                out.add(new QueryRanks(id, ranksA[q], rankB.get(id)));
            }
        }
        out.sort(Comparator.comparingLong(QueryRanks::queryId));
        return out;
    }

    /**
     * Both models' tables side by side with B − A: per direction its queries, the chance levels of R@1/5/10 (the
     * same for both, as the galleries are), then R@1, R@5, R@10, MedR and MeanR of A, of B and their difference;
     * rsum last.
     */
    public String toTable() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "split: %s · protocol: %s · %d images, %d captions%s%n", split,
                Protocol.ALL.label(), images, captions, imagesLeftOut == 0 ? ""
                        : " (" + imagesLeftOut + " images that only one model could read left out)"));
        String row = "%-15s %7s  %-17s %-35s %-35s %s";
        String metrics = group("%6s", "R@1", "R@5", "R@10", "MedR", "MeanR");
        line(out, row, "", "", "", "model A", "model B", "B - A");
        line(out, row, "direction", "queries", "chance R@1/5/10", metrics, metrics, metrics);
        for (DirectionComparison d : directions()) {
            DirectionMetrics a = d.a();
            DirectionMetrics b = d.b();
            FigureChange c = d.change();
            line(out, row, d.direction() == FailureCase.Direction.IMAGE_TO_TEXT
                            ? "image -> text" : "text -> image", a.queries(),
                    RecallReport.chance(a.chance1()) + "/" + RecallReport.chance(a.chance5()) + "/"
                            + RecallReport.chance(a.chance10()),
                    group("%6.1f", a.r1(), a.r5(), a.r10(), a.medianRank(), a.meanRank()),
                    group("%6.1f", b.r1(), b.r5(), b.r10(), b.medianRank(), b.meanRank()),
                    group("%+6.1f", c.r1(), c.r5(), c.r10(), c.medianRank(), c.meanRank()));
        }
        line(out, row, "rsum", "", "", String.format(Locale.ROOT, "%6.1f", a.rsum()),
                String.format(Locale.ROOT, "%6.1f", b.rsum()), String.format(Locale.ROOT, "%+6.1f", rsumChange()));
        return out.toString();
    }

    private static void line(StringBuilder out, String format, Object... values) {
        out.append(String.format(Locale.ROOT, format, values).stripTrailing()).append(System.lineSeparator());
    }

    private static String group(String format, Object... values) {
        StringBuilder sb = new StringBuilder();
        for (Object v : values) {
            sb.append(String.format(Locale.ROOT, format, v)).append(' ');
        }
        return sb.toString();
    }

    /**
     * The comparison as indented JSON: both models' figures, the differences, and every query's two ranks, after
     * the entries of {@code extra} (such as the model files).
     */
    public String toJson(Map<String, Object> extra) {
        Map<String, Object> root = new LinkedHashMap<>(extra);
        root.put("split", split);
        root.put("protocol", Protocol.ALL.label());
        root.put("images", images);
        root.put("captions", captions);
        root.put("imagesLeftOut", imagesLeftOut);
        root.put("rsumA", a.rsum());
        root.put("rsumB", b.rsum());
        root.put("rsumChange", rsumChange());
        for (DirectionComparison d : directions()) {
            Map<String, Object> dir = new LinkedHashMap<>(MAPPER.convertValue(d, Map.class));
            dir.put("queries", d.queries());
            root.put(d.direction() == FailureCase.Direction.IMAGE_TO_TEXT ? "imageToText" : "textToImage", dir);
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
