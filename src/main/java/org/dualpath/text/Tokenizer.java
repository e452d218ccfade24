package org.dualpath.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a COCO/Flickr caption into lower-case word tokens. A pure, stateless function, safe to share
 * between threads.
 *
 * <p>Rules, chosen so that tokens match the entries of common word-vector files:
 * <ul>
 *   <li>Lower case ({@link Locale#ROOT}); letters and digits of any script are word characters.</li>
 *   <li>Every other character separates tokens, so punctuation disappears, Flickr's trailing " ." included.</li>
 *   <li>Numbers are kept as tokens ("12 kids" gives "12", "kids"); "2.5" gives "2", "5".</li>
 *   <li>Hyphenated words are split into their parts ("t-shirt" gives "t", "shirt"; "snow-covered" gives
 *       "snow", "covered"): the parts are far more likely to have a word vector than the compound.</li>
 *   <li>The clitic "'s" is dropped ("man's" and Flickr's "man 's" both give "man"): it carries little visual
 *       meaning and word-vector files rarely have it. Any other apostrophe is removed and the word closed up
 *       ("don't" gives "dont", "dogs'" gives "dogs"). The typographic apostrophe (U+2019) counts as one.</li>
 * </ul>
 */
public final class Tokenizer {
    private Tokenizer() {
    }

    /** The tokens of {@code caption}, in order; empty for a blank caption. */
    public static List<String> tokenize(String caption) {
        List<String> tokens = new ArrayList<>();
        String text = caption.toLowerCase(Locale.ROOT);
        StringBuilder word = new StringBuilder();
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                word.append(c);
            } else if (isApostrophe(c)) {
                if (i + 1 < n && text.charAt(i + 1) == 's' && (i + 2 == n || !Character.isLetterOrDigit(text.charAt(i + 2)))) {
                    i++; // skip the "s" of a "'s" clitic; the apostrophe itself ends nothing
                    flush(word, tokens);
                }
                // any other apostrophe is simply removed, joining its neighbours
            } else {
                flush(word, tokens);
            }
        }
        flush(word, tokens);
        return tokens;
    }

    private static boolean isApostrophe(char c) {
        return c == '\'' || c == '\u2019';
    }

    private static void flush(StringBuilder word, List<String> tokens) {
        if (!word.isEmpty()) {
            tokens.add(word.toString());
            word.setLength(0);
        }
    }
}
