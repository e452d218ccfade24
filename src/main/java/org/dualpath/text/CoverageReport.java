package org.dualpath.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * How well a set of word vectors covers the words of some captions: of the words seen at least
 * {@code minCount} times (the vocabulary candidates), how many have a vector (type coverage), what share of
 * all caption tokens belong to such words (token coverage: the part of the text that reaches the model when
 * the vocabulary is restricted to words with vectors), and the most frequent words without a vector.
 */
public record CoverageReport(int minCount, int types, int typesCovered, long tokens, long tokensCovered,
                             List<WordCount> missing) {
    /** A word and its number of occurrences. */
    public record WordCount(String word, long count) {
    }

    public CoverageReport {
        missing = List.copyOf(missing);
    }

    /** Measures coverage of {@code counts} by {@code hasVector}, listing at most {@code topMissing} missing words. */
    public static CoverageReport of(TokenCounts counts, int minCount, Predicate<String> hasVector, int topMissing) {
        int types = 0;
        int typesCovered = 0;
        long tokensCovered = 0;
        List<WordCount> missing = new ArrayList<>();
        for (String w : counts.words()) {
            long c = counts.count(w);
            if (c < minCount) {
                continue;
            }
            types++;
            if (hasVector.test(w)) {
                typesCovered++;
                tokensCovered += c;
            } else if (missing.size() < topMissing) {
                missing.add(new WordCount(w, c));
            }
        }
        return new CoverageReport(minCount, types, typesCovered, counts.totalTokens(), tokensCovered, missing);
    }

    /** Share of vocabulary words with a vector, 0..1 (0 for no words). */
    public double typeCoverage() {
        return types == 0 ? 0 : (double) typesCovered / types;
    }

    /** Share of caption tokens whose word is in the vocabulary and has a vector, 0..1. */
    public double tokenCoverage() {
        return tokens == 0 ? 0 : (double) tokensCovered / tokens;
    }

    /** A few lines for the console. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "vocabulary (min count %d): %d words%n", minCount, types));
        sb.append(String.format(Locale.ROOT, "type coverage: %d of %d words have a vector (%.1f%%)%n",
                typesCovered, types, 100 * typeCoverage()));
        sb.append(String.format(Locale.ROOT, "token coverage: %d of %d caption tokens (%.1f%%)%n",
                tokensCovered, tokens, 100 * tokenCoverage()));
        if (!missing.isEmpty()) {
            sb.append("most frequent words without a vector:");
            for (WordCount m : missing) {
                sb.append(' ').append(m.word()).append(" (").append(m.count()).append(')');
            }
            sb.append(String.format(Locale.ROOT, "%n"));
        }
        return sb.toString();
    }
}
