package org.dualpath.text;

import org.dualpath.common.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dualpath.common.Progress.NONE;

class WordVectorsTest {
    @TempDir
    Path dir;

    private static byte[] binary(int declaredCount, boolean newlineAfterVector, Object... wordsAndVectors) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int dim = ((float[]) wordsAndVectors[1]).length;
        out.writeBytes((declaredCount + " " + dim + "\n").getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < wordsAndVectors.length; i += 2) {
            out.writeBytes((wordsAndVectors[i] + " ").getBytes(StandardCharsets.UTF_8));
            float[] v = (float[]) wordsAndVectors[i + 1];
            ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(v);
            out.writeBytes(b.array());
            if (newlineAfterVector) {
                out.write('\n');
            }
        }
        return out.toByteArray();
    }

    private Path file(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    private Path file(String name, String content) throws IOException {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsWord2vecBinaryKeepingOnlyWantedWords() throws Exception {
        for (boolean newline : new boolean[]{true, false}) {
            Path bin = file("v" + newline + ".bin", binary(4, newline,
                    "dog", new float[]{0.5f, -1.25f, 3f},
                    "Frisbee", new float[]{7f, 8f, 9f},
                    "naïve", new float[]{1f, 2f, 3f},
                    "cat", new float[]{-0.1f, 0.2f, 1e-3f}));
            WordVectors v = WordVectors.read(bin, Set.of("cat", "dog", "frisbee", "unknown"), NONE);
            assertThat(v.dimension()).isEqualTo(3);
            assertThat(v.words()).containsExactly("dog", "cat", "frisbee");
            assertThat(v.contains("naïve")).isFalse();
            assertThat(v.vector("dog")).containsExactly(0.5f, -1.25f, 3f);
            assertThat(v.vector("cat")).containsExactly(-0.1f, 0.2f, 1e-3f);
            assertThat(v.vector("frisbee")).as("case-folded fallback").containsExactly(7f, 8f, 9f);
            assertThat(WordVectors.read(bin).words()).containsExactly("dog", "Frisbee", "naïve", "cat");
        }
    }

    @Test
    void exactMatchWinsOverCaseFoldedMatch() throws Exception {
        Path bin = file("v.bin", binary(2, true, "Dog", new float[]{1f}, "dog", new float[]{2f}));
        assertThat(WordVectors.read(bin, Set.of("dog"), NONE).vector("dog")).containsExactly(2f);
    }

    @Test
    void truncatedBinaryIsAClearError() throws Exception {
        byte[] full = binary(2, true, "dog", new float[]{1f, 2f, 3f}, "cat", new float[]{4f, 5f, 6f});
        Path cut = file("cut.bin", Arrays.copyOf(full, full.length - 7));
        assertThatThrownBy(() -> WordVectors.read(cut, Set.of("dog", "cat"), NONE))
                .isInstanceOf(InputException.class)
                .hasMessage(cut + ": truncated: the header promises 2 words but word 2 is incomplete");
        assertThatThrownBy(() -> WordVectors.read(cut, Set.of("dog"), NONE)).as("even when the word is skipped")
                .isInstanceOf(InputException.class).hasMessageContaining("word 2 is incomplete");
        Path fewer = file("fewer.bin", binary(3, true, "dog", new float[]{1f, 2f, 3f}));
        assertThatThrownBy(() -> WordVectors.read(fewer)).isInstanceOf(InputException.class)
                .hasMessageContaining("promises 3 words but word 2 is incomplete");
    }

    @Test
    void readsGzippedBinary() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gz)) {
            out.write(binary(1, true, "dog", new float[]{1f, 2f}));
        }
        assertThat(WordVectors.read(file("v.bin.gz", gz.toByteArray())).vector("dog")).containsExactly(1f, 2f);
    }

    @Test
    void readsWord2vecTextAndGloveText() throws Exception {
        Path w2v = file("w2v.txt", "3 2\ndog 0.5 -1\ncat 1e-2 2\nsky 3 4\n");
        WordVectors a = WordVectors.read(w2v, Set.of("dog", "sky"), NONE);
        assertThat(a.words()).containsExactly("dog", "sky");
        assertThat(a.vector("dog")).containsExactly(0.5f, -1f);
        assertThat(WordVectors.read(file("w2vNoEol.txt", "1 2\ndog 0.5 -1")).vector("dog")).containsExactly(0.5f, -1f);
        Path glove = file("glove.txt", "dog 0.5 -1 2\ncat 1 2 3\n\n");
        WordVectors g = WordVectors.read(glove);
        assertThat(g.dimension()).isEqualTo(3);
        assertThat(g.words()).containsExactly("dog", "cat");
        assertThat(g.vector("cat")).containsExactly(1f, 2f, 3f);
    }

    /** The dimension a run checks its disk space with, from the first line of each format, gzipped or not. */
    @Test
    void theDimensionIsReadFromTheFirstLineOfEachFormat() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gz)) {
            out.write(binary(1, true, "dog", new float[]{1f, 2f}));
        }
        assertThat(WordVectors.dimensionOf(file("v.bin", binary(2, false, "dog", new float[]{1f, 2f, 3f})))).isEqualTo(3);
        assertThat(WordVectors.dimensionOf(file("v.bin.gz", gz.toByteArray()))).isEqualTo(2);
        assertThat(WordVectors.dimensionOf(file("w2v.txt", "3 4\ndog 1 2 3 4\n"))).isEqualTo(4);
        assertThat(WordVectors.dimensionOf(file("glove.txt", "\ndog 0.5 -1 2\n"))).isEqualTo(3);
        Path missing = dir.resolve("missing.vec");
        assertThatThrownBy(() -> WordVectors.dimensionOf(missing)).isInstanceOf(InputException.class)
                .hasMessage(missing + ": no such word-vector file");
        Path words = file("words.txt", "dog\ncat\n");
        assertThatThrownBy(() -> WordVectors.dimensionOf(words)).isInstanceOf(InputException.class)
                .hasMessage(words + ": line 1: expected a word followed by numbers, found 'dog'");
    }

    @Test
    void badTextFilesNameTheLineAndTheProblem() throws Exception {
        Path shortLine = file("g1.txt", "dog 1 2 3\ncat 1 2 3\nsky 1 2\n");
        assertThatThrownBy(() -> WordVectors.read(shortLine)).isInstanceOf(InputException.class)
                .hasMessage(shortLine + ": line 3: expected 3 numbers, found 2");
        Path notNumber = file("g2.txt", "dog 1 2 3\ncat 1 x 3\n");
        assertThatThrownBy(() -> WordVectors.read(notNumber)).isInstanceOf(InputException.class)
                .hasMessage(notNumber + ": line 2: 'x' is not a number");
        Path fewer = file("w1.txt", "3 2\ndog 1 2\ncat 1 2\n");
        assertThatThrownBy(() -> WordVectors.read(fewer)).isInstanceOf(InputException.class)
                .hasMessage(fewer + ": truncated: the header promises 3 words, found 2");
        Path more = file("w2.txt", "1 2\ndog 1 2\ncat 1 2\n");
        assertThatThrownBy(() -> WordVectors.read(more)).isInstanceOf(InputException.class)
                .hasMessage(more + ": line 3: more words than the 1 the header promises");
        Path wrongDim = file("w3.txt", "2 3\ndog 1 2 3\ncat 1 2\n");
        assertThatThrownBy(() -> WordVectors.read(wrongDim)).isInstanceOf(InputException.class)
                .hasMessage(wrongDim + ": line 3: expected 3 numbers, found 2");
        Path firstLineShort = file("w5.txt", "2 3\ndog 1 2\ncat 1 2 3\n");
        assertThatThrownBy(() -> WordVectors.read(firstLineShort)).isInstanceOf(InputException.class)
                .hasMessage(firstLineShort + ": line 2: expected 3 numbers, found 2");
        Path nan = file("w4.txt", "dog 1 NaN\n");
        assertThatThrownBy(() -> WordVectors.read(nan)).isInstanceOf(InputException.class)
                .hasMessage(nan + ": line 1: vector contains NaN");
        Path empty = file("empty.txt", "");
        assertThatThrownBy(() -> WordVectors.read(empty)).isInstanceOf(InputException.class)
                .hasMessage(empty + ": no word vectors in the file");
        Path missing = dir.resolve("nope.txt");
        assertThatThrownBy(() -> WordVectors.read(missing)).isInstanceOf(InputException.class)
                .hasMessage(missing + ": no such word-vector file");
    }

    @Test
    void writesWord2vecTextThatReadsBack() {
        Map<String, float[]> m = new LinkedHashMap<>();
        m.put("dog", new float[]{0.1f, -2.5e-7f});
        m.put("cat", new float[]{3f, 4f});
        WordVectors v = WordVectors.of(2, m);
        Path out = dir.resolve("sub/out.txt");
        v.writeText(out);
        WordVectors back = WordVectors.read(out);
        assertThat(back.words()).containsExactly("dog", "cat");
        assertThat(back.vector("dog")).containsExactly(0.1f, -2.5e-7f);
        assertThat(back.componentStd()).isEqualTo(v.componentStd());
    }
}
