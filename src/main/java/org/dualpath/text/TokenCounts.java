package org.dualpath.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How often each {@link Tokenizer} token occurs in a set of captions. The basis of a {@link Vocabulary} and
 * of a {@link CoverageReport}.
 */
public final class TokenCounts {
    private final Map<String, Long> counts;
    private final List<String> words;
    private final long totalTokens;
    private final int captionCount;

    private TokenCounts(Map<String, Long> counts, int captionCount) {
        this.counts = Collections.unmodifiableMap(counts);
        List<String> sorted = new ArrayList<>(counts.keySet());
        sorted.sort(Comparator.<String>comparingLong(counts::get).reversed().thenComparing(Comparator.naturalOrder()));
        this.words = Collections.unmodifiableList(sorted);
        this.totalTokens = counts.values().stream().mapToLong(Long::longValue).sum();
        this.captionCount = captionCount;
    }

    /** Counts the tokens of {@code captions}. */
    public static TokenCounts of(Iterable<String> captions) {
        Map<String, Long> counts = new HashMap<>();
        int n = 0;
        for (String caption : captions) {
            for (String token : Tokenizer.tokenize(caption)) {
                counts.merge(token, 1L, Long::sum);
            }
            n++;
        }
        return new TokenCounts(counts, n);
    }

    /** Occurrences of {@code word} (0 if it never occurs). */
    public long count(String word) {
        return counts.getOrDefault(word, 0L);
    }

    /** The distinct words, most frequent first, ties in alphabetical order. */
    public List<String> words() {
        return words;
    }

    /** Total number of tokens. */
    public long totalTokens() {
        return totalTokens;
    }

    /** Number of captions counted. */
    public int captionCount() {
        return captionCount;
    }
}
