package org.dualpath.train;

import org.dualpath.common.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TextSetupTest {
    @TempDir
    Path dir;

    private TextSetup setup(boolean keep) throws IOException {
        Path vectors = dir.resolve("v.txt");
        Files.writeString(vectors, "dog 1 0 0\nruns 0 1 0\non 0 0 1\n");
        return TextSetup.build(List.of("dog runs on grass", "a dog on grass"), vectors, 1, keep, 0, 7, Progress.NONE);
    }

    @Test
    void wordsWithoutAVectorAreDroppedByDefault() throws IOException {
        TextSetup text = setup(false);
        assertThat(text.vocabulary().indexOf("grass")).isNegative();
        assertThat(text.vocabulary().size()).isEqualTo(1 + 3);
    }

    @Test
    void keptWordsWithoutAVectorStartFromARandomVector() throws IOException {
        TextSetup text = setup(true);
        int grass = text.vocabulary().indexOf("grass");
        assertThat(grass).isPositive();
        assertThat(text.vocabulary().indexOf("a")).isPositive();
        assertThat(text.embedding().isPretrained(grass)).isFalse();
        assertThat(text.embedding().row(grass)).isNotEqualTo(new float[3]);
        assertThat(text.embedding().isPretrained(text.vocabulary().indexOf("dog"))).isTrue();
        assertThat(text.vocabulary().encode("grass dog")).hasSize(2);
    }
}
