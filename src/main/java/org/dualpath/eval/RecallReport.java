package org.dualpath.eval;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The result of {@link RetrievalMetrics#evaluate}: for each protocol run, the Recall@K (percent of queries
 * whose correct item has 1-based pessimistic rank {@code <= K}), MedR, MeanR and rsum (the sum of the six
 * recalls) per direction, each recall beside its chance level; for COCO 1K also the mean and standard
 * deviation over the folds.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecallReport(String split, Protocol requested, CaptionPolicy captions, List<ProtocolResult> results) {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** How captions were chosen: the first {@code perImage} by caption id of each image (0: all kept). */
    public record CaptionPolicy(int perImage, int images, int captionsGiven, int captionsKept, int imagesWithMore,
                                int imagesWithFewer, int imagesWithoutCaptions) {
    }

    /** One protocol's evaluations (one gallery, or the five 1K folds with their {@code folds} summary). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProtocolResult(Protocol protocol, List<Evaluation> evaluations, FoldSummary folds) {
    }

    /**
     * One direction over one gallery: {@code queries} counted, recalls in percent with their chance levels
     * (percent), median and mean 1-based rank.
     */
    public record DirectionMetrics(int queries, double r1, double r5, double r10, double chance1, double chance5,
                                   double chance10, double medianRank, double meanRank) {
        double[] recalls() {
            return new double[]{r1, r5, r10};
        }

        double[] chances() {
            return new double[]{chance1, chance5, chance10};
        }
    }

    /** A query and the 1-based rank of its correct item; {@code row} is the row in the caller's embeddings. */
    public record RankedQuery(int row, long id, int rank) {
    }

    /** Recall@1/5/10 (percent) of the queries whose image has {@code category}, ranked over the full gallery. */
    public record CategoryRecall(String category, int imageQueries, double imageToTextR1, double imageToTextR5,
                                 double imageToTextR10, int captionQueries, double textToImageR1,
                                 double textToImageR5, double textToImageR10) {
        /** The K this record holds figures for. */
        public static final List<Integer> KS = List.of(1, 5, 10);

        /** Image → text Recall@k, k one of {@link #KS}. */
        public double imageToText(int k) {
            return pick(k, imageToTextR1, imageToTextR5, imageToTextR10);
        }

        /** Text → image Recall@k, k one of {@link #KS}. */
        public double textToImage(int k) {
            return pick(k, textToImageR1, textToImageR5, textToImageR10);
        }

        /** The categories ordered weakest first: by the mean of both directions' Recall@k, then by name. */
        public static List<CategoryRecall> weakestFirst(List<CategoryRecall> categories, int k) {
            return categories.stream().sorted(Comparator
                    .comparingDouble((CategoryRecall c) -> c.imageToText(k) + c.textToImage(k))
                    .thenComparing(CategoryRecall::category)).toList();
        }

        private static double pick(int k, double r1, double r5, double r10) {
            return switch (k) {
                case 1 -> r1;
                case 5 -> r5;
                case 10 -> r10;
                default -> throw new IllegalArgumentException("per-category recall holds K = 1, 5, 10, not " + k);
            };
        }
    }

    /**
     * One gallery. {@code imageRanks[i]} is the rank for the image at caller row {@code imageRows[i]} (0 when
     * it has no captions and so was no query); {@code captionRanks[j]} likewise for {@code captionRows[j]}.
     */
    public record Evaluation(String name, int images, int captions, DirectionMetrics imageToText,
                             DirectionMetrics textToImage, double rsum, List<RankedQuery> worstImageToText,
                             List<RankedQuery> worstTextToImage, List<CategoryRecall> categories,
                             @JsonIgnore int[] imageRows, @JsonIgnore int[] imageRanks,
                             @JsonIgnore int[] captionRows, @JsonIgnore int[] captionRanks) {
    }

    /** A metric's mean and (population) standard deviation over folds. */
    public record MeanStd(double mean, double std) {
        static MeanStd of(double[] values) {
            double mean = 0;
            for (double v : values) {
                mean += v;
            }
            mean /= values.length;
            double var = 0;
            for (double v : values) {
                var += (v - mean) * (v - mean);
            }
            return new MeanStd(mean, Math.sqrt(var / values.length));
        }
    }

    /** One direction's metrics over folds; chance levels are the fold means. */
    public record DirectionSummary(MeanStd r1, MeanStd r5, MeanStd r10, double chance1, double chance5,
                                   double chance10, MeanStd medianRank, MeanStd meanRank) {
    }

    /** Mean and std over {@code folds} folds; {@code rsum.mean} is the sum of the six mean recalls. */
    public record FoldSummary(int folds, DirectionSummary imageToText, DirectionSummary textToImage, MeanStd rsum) {
    }

    /** The report as indented JSON (rank arrays left out). */
    public String toJson() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A plain-text table: split, caption policy, and per protocol one line per direction plus rsum. */
    public String toTable() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "split: %s%n", split));
        out.append(String.format(Locale.ROOT,
                "captions: %d of %d kept (%s per image, first by caption id); images: %d, with more: %d, "
                        + "with fewer: %d, without any: %d%n",
                captions.captionsKept(), captions.captionsGiven(),
                captions.perImage() > 0 ? String.valueOf(captions.perImage()) : "all", captions.images(),
                captions.imagesWithMore(), captions.imagesWithFewer(), captions.imagesWithoutCaptions()));
        for (ProtocolResult result : results) {
            out.append(String.format(Locale.ROOT, "%nprotocol: %s%n", result.protocol().label()));
            String header = String.format(Locale.ROOT, "%-15s %7s  %-20s %-20s %-20s %-14s %-14s%n",
                    "direction", "queries", "R@1 (chance)", "R@5 (chance)", "R@10 (chance)", "MedR", "MeanR");
            out.append(header);
            if (result.folds() != null) {
                FoldSummary f = result.folds();
                Evaluation first = result.evaluations().get(0);
                appendSummary(out, "image -> text", first.imageToText().queries(), f.imageToText());
                appendSummary(out, "text -> image", first.textToImage().queries(), f.textToImage());
                out.append(String.format(Locale.ROOT, "rsum %s (queries counted per fold)%n", meanStd(f.rsum(), 1)));
            } else {
                Evaluation e = result.evaluations().get(0);
                appendDirection(out, "image -> text", e.imageToText());
                appendDirection(out, "text -> image", e.textToImage());
                out.append(String.format(Locale.ROOT, "rsum %.1f%n", e.rsum()));
            }
        }
        return out.toString();
    }

    private static void appendDirection(StringBuilder out, String name, DirectionMetrics d) {
        out.append(String.format(Locale.ROOT, "%-15s %7d ", name, d.queries()));
        double[] r = d.recalls();
        double[] c = d.chances();
        for (int k = 0; k < 3; k++) {
            out.append(String.format(Locale.ROOT, " %-20s", String.format(Locale.ROOT, "%.1f (%s)", r[k], chance(c[k]))));
        }
        out.append(String.format(Locale.ROOT, " %-14.1f %-14.1f%n", d.medianRank(), d.meanRank()));
    }

    private static void appendSummary(StringBuilder out, String name, int queries, DirectionSummary d) {
        out.append(String.format(Locale.ROOT, "%-15s %7d ", name, queries));
        MeanStd[] r = {d.r1(), d.r5(), d.r10()};
        double[] c = {d.chance1(), d.chance5(), d.chance10()};
        for (int k = 0; k < 3; k++) {
            out.append(String.format(Locale.ROOT, " %-20s", meanStd(r[k], 1) + " (" + chance(c[k]) + ")"));
        }
        out.append(String.format(Locale.ROOT, " %-14s %-14s%n", meanStd(d.medianRank(), 1), meanStd(d.meanRank(), 1)));
    }

    private static String meanStd(MeanStd m, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f\u00b1%." + decimals + "f", m.mean(), m.std());
    }

    /** Chance levels are often far below 0.1 %, so they keep two significant digits. */
    public static String chance(double percent) {
        // two significant digits as %.2g gives them, but never in exponent form (%.2g prints 100 as 1.0e+02)
        int decimals = percent <= 0 ? 1 : Math.max(0, 1 - (int) Math.floor(Math.log10(percent)));
        return String.format(Locale.ROOT, "%." + decimals + "f", percent);
    }
}
