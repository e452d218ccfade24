package org.dualpath.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenizerTest {
    @Test
    void lowerCasesAndDropsPunctuationIncludingFlickrTrailingPoint() {
        assertThat(Tokenizer.tokenize("A Dog, running; on the BEACH!")).containsExactly("a", "dog", "running", "on", "the", "beach");
        assertThat(Tokenizer.tokenize("A girl going into a wooden building .")).containsExactly("a", "girl", "going", "into", "a", "wooden", "building");
        assertThat(Tokenizer.tokenize("said \"hello\": yes")).containsExactly("said", "hello", "yes");
    }

    @Test
    void keepsNumbers() {
        assertThat(Tokenizer.tokenize("About 12 kids, number 7.")).containsExactly("about", "12", "kids", "number", "7");
        assertThat(Tokenizer.tokenize("2.5 meters")).containsExactly("2", "5", "meters");
    }

    @Test
    void splitsHyphenatedWords() {
        assertThat(Tokenizer.tokenize("a man in a t-shirt on a snow-covered hill"))
                .containsExactly("a", "man", "in", "a", "t", "shirt", "on", "a", "snow", "covered", "hill");
        assertThat(Tokenizer.tokenize("well - known")).containsExactly("well", "known");
    }

    @Test
    void dropsPossessiveSAndClosesUpOtherApostrophes() {
        assertThat(Tokenizer.tokenize("the man's hat")).containsExactly("the", "man", "hat");
        assertThat(Tokenizer.tokenize("a horse 's lead")).containsExactly("a", "horse", "lead");
        assertThat(Tokenizer.tokenize("the man\u2019s hat")).containsExactly("the", "man", "hat");
        assertThat(Tokenizer.tokenize("don't stop, the dogs' bowl")).containsExactly("dont", "stop", "the", "dogs", "bowl");
        assertThat(Tokenizer.tokenize("it's a sunny day")).containsExactly("it", "a", "sunny", "day");
        assertThat(Tokenizer.tokenize("'sand' castle")).containsExactly("sand", "castle");
    }

    @Test
    void blankCaptionHasNoTokens() {
        assertThat(Tokenizer.tokenize("  . , ")).isEmpty();
        assertThat(Tokenizer.tokenize("")).isEmpty();
    }
}
