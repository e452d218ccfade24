package org.dualpath.text;

import java.util.Set;

/**
 * A small fixed list of English function words (articles, pronouns, the commonest prepositions, auxiliaries,
 * conjunctions) that carry no content of their own: words that name a region of a map or describe a set of
 * captions leave them out. Spatial words (above, below, left, next) are kept: they are content in captions.
 * Lower case, as {@link Tokenizer} gives its tokens.
 */
public final class StopWords {
    private static final Set<String> WORDS = Set.of(
            "a", "an", "the", "this", "that", "these", "those", "some", "any", "each", "every", "other", "another",
            "i", "me", "my", "we", "our", "you", "your", "he", "him", "his", "she", "her", "it", "its", "they", "them",
            "their", "there", "here", "what", "which", "who", "whom", "whose",
            "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "having", "do", "does",
            "did", "will", "would", "can", "could", "should", "may", "might", "must", "shall",
            "and", "or", "but", "nor", "so", "than", "then", "as", "if", "while", "because", "though",
            "of", "in", "on", "at", "to", "from", "by", "with", "for", "into", "about",
            "very", "too", "also", "just", "only", "not", "no", "all", "both", "s", "t");

    private StopWords() {
    }

    /** True for a function word of the list (compared as given: pass lower-case tokens). */
    public static boolean contains(String word) {
        return WORDS.contains(word);
    }
}
