package org.dualpath.projection;

import org.dualpath.data.CocoCaption;
import org.dualpath.data.Dataset;
import org.dualpath.text.StopWords;
import org.dualpath.text.Tokenizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The words that tell a cluster's captions from the rest of the map's: the weighted log-odds ratio with an
 * informative Dirichlet prior (Monroe, Colaresi and Quinn 2008, "Fightin' Words"). With y<sub>w</sub> the count
 * of word w in the cluster's texts (n words in all), r<sub>w</sub> its count in every other point's (m in all),
 * and a prior α<sub>w</sub> = a · (y<sub>w</sub> + r<sub>w</sub>) from the whole map (α<sub>0</sub> = a · (n + m)):
 * <pre>
 *   δ_w = log((y_w + α_w) / (n + α_0 − y_w − α_w)) − log((r_w + α_w) / (m + α_0 − r_w − α_w))
 *   z_w = δ_w / sqrt(1 / (y_w + α_w) + 1 / (r_w + α_w))
 * </pre>
 * A cluster's label is its words of largest z with z ≥ 1.96 (over-represented at the 5 % level), at most a few,
 * put in the order they take in its captions (mean relative place), so "red circle" rather than "circle red".
 * A point's text is its captions: an image point's are its image's (so image-only maps get labels too), a
 * caption point's its own. Words are {@link Tokenizer} tokens without {@link StopWords}.
 */
public final class ClusterLabels {
    /** The prior's share a of the map's counts. */
    static final double PRIOR = 0.01;
    /** The least z-score of a label word. */
    static final double MIN_Z = 1.96;

    private ClusterLabels() {
    }

    /** The content words of one point's captions, each with its relative place in its caption (0 first, 1 last). */
    public record PointWords(String[] words, double[] places) {
    }

    /** The content words of the captions of every point of {@code points}. */
    public static PointWords[] words(MapPoints points, Dataset dataset) {
        PointWords[] out = new PointWords[points.size()];
        for (int i = 0; i < out.length; i++) {
            List<String> texts = new ArrayList<>();
            boolean image = points.kind(i) == MapPoints.Kind.IMAGE;
            for (CocoCaption c : dataset.captions(points.imageId(i))) {
                if (image || c.id() == points.id(i)) {
                    texts.add(c.caption());
                }
            }
            out[i] = wordsOf(texts);
        }
        return out;
    }

    /** The content words of {@code captions}, in order. */
    public static PointWords wordsOf(List<String> captions) {
        List<String> words = new ArrayList<>();
        List<Double> places = new ArrayList<>();
        for (String caption : captions) {
            List<String> kept = Tokenizer.tokenize(caption).stream().filter(t -> !StopWords.contains(t)).toList();
            for (int k = 0; k < kept.size(); k++) {
                words.add(kept.get(k));
                places.add(kept.size() == 1 ? 0.5 : k / (kept.size() - 1.0));
            }
        }
        return new PointWords(words.toArray(String[]::new), places.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * The label words of every cluster of {@code clusters} (index = cluster), at most {@code maxWords} each, from
     * the texts {@code words} of the same points; a cluster with no word over-represented enough gets none.
     */
    public static List<List<String>> of(MapClusters clusters, PointWords[] words, int maxWords) {
        if (words.length != clusters.points()) {
            throw new IllegalArgumentException("words of " + words.length + " points for " + clusters.points());
        }
        Map<String, Integer> total = new HashMap<>();
        long all = 0;
        for (PointWords pw : words) {
            for (String w : pw.words()) {
                total.merge(w, 1, Integer::sum);
            }
            all += pw.words().length;
        }
        List<List<String>> labels = new ArrayList<>();
        for (int c = 0; c < clusters.count(); c++) {
            Map<String, Integer> count = new HashMap<>();
            Map<String, Double> place = new HashMap<>();
            long n = 0;
            for (int p : clusters.members(c)) {
                PointWords pw = words[p];
                for (int k = 0; k < pw.words().length; k++) {
                    count.merge(pw.words()[k], 1, Integer::sum);
                    place.merge(pw.words()[k], pw.places()[k], Double::sum);
                }
                n += pw.words().length;
            }
            long m = all - n;
            double a0 = PRIOR * all;
            Map<String, Double> z = new HashMap<>();
            for (Map.Entry<String, Integer> e : count.entrySet()) {
                double y = e.getValue();
                double r = total.get(e.getKey()) - y;
                double a = PRIOR * (y + r);
                double delta = Math.log((y + a) / (n + a0 - y - a)) - Math.log((r + a) / (m + a0 - r - a));
                double score = delta / Math.sqrt(1 / (y + a) + 1 / (r + a));
                if (score >= MIN_Z) {
                    z.put(e.getKey(), score);
                }
            }
            List<String> top = z.keySet().stream()
                    .sorted(Comparator.<String>comparingDouble(z::get).reversed().thenComparing(Comparator.naturalOrder()))
                    .limit(maxWords).sorted(Comparator.<String>comparingDouble(w -> place.get(w) / count.get(w))
                            .thenComparing(Comparator.naturalOrder()))
                    .toList();
            labels.add(top);
        }
        return labels;
    }
}
