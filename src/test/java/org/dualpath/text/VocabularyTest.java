package org.dualpath.text;

import org.dualpath.common.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VocabularyTest {
    private static final List<String> CAPTIONS = List.of(
            "A dog runs on the grass .",
            "A black dog jumps .",
            "The dog and a cat .",
            "A zebra .");

    @Test
    void minCountKeepsFrequentWordsMostFrequentFirstAndReservesPadding() {
        Vocabulary v = Vocabulary.build(CAPTIONS, 2);
        // a: 4, dog: 3, the: 2; others once
        assertThat(v.words()).containsExactly("a", "dog", "the");
        assertThat(v.size()).isEqualTo(4);
        assertThat(v.word(0)).isEqualTo(Vocabulary.PADDING_WORD);
        assertThat(v.indexOf("a")).isEqualTo(1);
        assertThat(v.indexOf("zebra")).isEqualTo(-1);
        assertThat(Vocabulary.build(CAPTIONS, 1).size()).isEqualTo(1 + 11);
    }

    @Test
    void restrictionToWordsWithVectors() {
        Vocabulary v = Vocabulary.build(TokenCounts.of(CAPTIONS), 1, Set.of("dog", "cat", "zebra")::contains, 32);
        assertThat(v.words()).containsExactly("dog", "cat", "zebra");
    }

    @Test
    void encodeDropsUnknownWordsAndClosesUp() {
        Vocabulary v = Vocabulary.build(CAPTIONS, 2);
        assertThat(v.encode("The big dog, a friend.")).containsExactly(3, 2, 1);
        assertThat(v.decode(v.encode("The big dog"))).containsExactly("the", "dog");
        assertThat(v.encode("unknown words only")).isEmpty();
    }

    @Test
    void encodeTruncatesToMaxLength() {
        Vocabulary v = Vocabulary.build(CAPTIONS, 1);
        String longCaption = String.join(" ", Collections.nCopies(40, "dog")) + " cat";
        int[] encoded = v.encode(longCaption);
        assertThat(encoded).hasSize(Vocabulary.DEFAULT_MAX_LENGTH).containsOnly(v.indexOf("dog"));
    }

    @Test
    void placeShiftsTheSentenceInsideTheSlots() {
        int[] tokens = {5, 6, 7};
        assertThat(Vocabulary.place(tokens, 0, 6)).containsExactly(5, 6, 7, 0, 0, 0);
        assertThat(Vocabulary.place(tokens, 2, 6)).containsExactly(0, 0, 5, 6, 7, 0);
        assertThat(Vocabulary.place(tokens, 3, 6)).containsExactly(0, 0, 0, 5, 6, 7);
        assertThatThrownBy(() -> Vocabulary.place(tokens, 4, 6)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Vocabulary.validOffsets(3, 6)).containsExactly(0, 1, 2, 3);
        assertThat(Vocabulary.validOffsets(32, 32)).containsExactly(0);
        assertThat(Vocabulary.validOffsets(0, 4)).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void randomPlacementIsSeededAndCoversAllOffsets() {
        int[] tokens = {5, 6};
        Random a = new Random(1);
        Random b = new Random(1);
        boolean[] seen = new boolean[4];
        for (int i = 0; i < 200; i++) {
            int[] placed = Vocabulary.placeRandomly(tokens, 5, a);
            assertThat(placed).isEqualTo(Vocabulary.placeRandomly(tokens, 5, b));
            int offset = 0;
            while (placed[offset] == 0) {
                offset++;
            }
            assertThat(placed).isEqualTo(Vocabulary.place(tokens, offset, 5));
            seen[offset] = true;
        }
        assertThat(seen).containsOnly(true);
    }

    @Test
    void roundTripsThroughJsonFileAndStream(@TempDir Path dir) throws Exception {
        Vocabulary v = Vocabulary.build(TokenCounts.of(CAPTIONS), 2, w -> true, 16);
        Path file = dir.resolve("vocab.json");
        v.write(file);
        Vocabulary back = Vocabulary.read(file);
        assertThat(back.words()).isEqualTo(v.words());
        assertThat(back.maxLength()).isEqualTo(16);
        assertThat(back.minCount()).isEqualTo(2);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        v.write(out);
        out.write("trailing bundle bytes stay writable".getBytes(StandardCharsets.UTF_8));
        assertThat(Vocabulary.read(new ByteArrayInputStream(out.toByteArray()), "mem").words()).isEqualTo(v.words());
    }

    @Test
    void badVocabularyFilesAreInputErrors(@TempDir Path dir) throws Exception {
        Path notJson = dir.resolve("a.json");
        Files.writeString(notJson, "hello");
        assertThatThrownBy(() -> Vocabulary.read(notJson)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(notJson + ": not a readable vocabulary");
        Path dup = dir.resolve("b.json");
        Files.writeString(dup, "{\"format\":\"dualpath-vocabulary\",\"version\":1,\"maxLength\":32,\"minCount\":1,\"words\":[\"a\",\"a\"]}");
        assertThatThrownBy(() -> Vocabulary.read(dup)).isInstanceOf(InputException.class).hasMessageContaining("'a' listed twice");
        Path other = dir.resolve("c.json");
        Files.writeString(other, "{\"format\":\"something\"}");
        assertThatThrownBy(() -> Vocabulary.read(other)).isInstanceOf(InputException.class).hasMessageContaining("not a DualPath vocabulary");
    }

    @Test
    void unknownWordsAreTheOnesEncodeDrops() {
        Vocabulary v = Vocabulary.build(List.of("a red circle", "a blue square"), 1);
        assertThat(v.unknownWords("A red dog and a dog")).containsExactly("dog", "and");
        assertThat(v.unknownWords("a red circle")).isEmpty();
    }
}
