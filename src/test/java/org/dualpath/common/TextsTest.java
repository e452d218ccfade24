package org.dualpath.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextsTest {
    @Test
    void shortTextIsQuotedWholeAndLongTextIsCutWithAnEllipsis() {
        assertThat(Texts.quote("  a red circle ")).isEqualTo("a red circle");
        String cut = Texts.quote("x".repeat(10_000));
        assertThat(cut).hasSize(Texts.QUOTE_LIMIT).endsWith("…").startsWith("xxx");
        assertThat(Texts.quote("y".repeat(Texts.QUOTE_LIMIT))).isEqualTo("y".repeat(Texts.QUOTE_LIMIT));
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String emoji = "\uD83D\uDE00";
        String cut = Texts.quote("a".repeat(Texts.QUOTE_LIMIT - 2) + emoji + "tail");
        assertThat(cut).endsWith("a…");
    }
}
