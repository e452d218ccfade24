package org.dualpath.text;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EmbeddingMatrixTest {
    private static final List<String> CAPTIONS = List.of("a dog and a cat", "a dog on a giraffe", "a frisbee");

    private static WordVectors vectors() {
        Map<String, float[]> m = new LinkedHashMap<>();
        m.put("a", new float[]{1f, -1f});
        m.put("dog", new float[]{2f, 0f});
        m.put("cat", new float[]{-2f, 0f});
        m.put("sky", new float[]{0f, 3f});
        return WordVectors.of(2, m);
    }

    @Test
    void rowsFollowTheVocabularyWithZeroPaddingAndSeededStandIns() {
        Vocabulary vocab = Vocabulary.build(CAPTIONS, 1);
        // a(5) dog(2) and cat frisbee giraffe on (1 each, alphabetical)
        assertThat(vocab.words()).containsExactly("a", "dog", "and", "cat", "frisbee", "giraffe", "on");
        EmbeddingMatrix m = EmbeddingMatrix.build(vocab, vectors(), 3);
        assertThat(m.rows()).isEqualTo(8);
        assertThat(m.dimension()).isEqualTo(2);
        assertThat(m.row(0)).containsExactly(0f, 0f);
        assertThat(m.isPretrained(0)).isFalse();
        assertThat(m.row(vocab.indexOf("dog"))).containsExactly(2f, 0f);
        assertThat(m.row(vocab.indexOf("cat"))).containsExactly(-2f, 0f);
        assertThat(m.pretrainedCount()).isEqualTo(3);
        assertThat(m.isPretrained(vocab.indexOf("frisbee"))).isFalse();
        assertThat(m.row(vocab.indexOf("frisbee"))).isNotEqualTo(new float[]{0f, 0f});
        assertThat(EmbeddingMatrix.build(vocab, vectors(), 3).toArray()).isDeepEqualTo(m.toArray());
        assertThat(EmbeddingMatrix.build(vocab, vectors(), 4).row(vocab.indexOf("frisbee")))
                .isNotEqualTo(m.row(vocab.indexOf("frisbee")));
    }

    @Test
    void standInVectorsHaveTheScaleOfRealOnes() {
        Map<String, float[]> m = new LinkedHashMap<>();
        java.util.Random r = new java.util.Random(0);
        List<String> captions = new java.util.ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            float[] v = new float[10];
            for (int j = 0; j < v.length; j++) {
                v[j] = (float) (0.3 * r.nextGaussian());
            }
            m.put("w" + i, v);
            captions.add("x" + i);
        }
        WordVectors vectors = WordVectors.of(10, m);
        assertThat(vectors.componentStd()).isCloseTo(0.3, within(0.01));
        EmbeddingMatrix e = EmbeddingMatrix.build(Vocabulary.build(captions, 1), vectors, 1);
        double sumSq = 0;
        for (float[] row : e.toArray()) {
            for (float x : row) {
                sumSq += x * x;
            }
        }
        assertThat(Math.sqrt(sumSq / (2000 * 10))).isCloseTo(0.3, within(0.01));
    }

    @Test
    void coverageCountsTypesTokensAndMissingWords() {
        TokenCounts counts = TokenCounts.of(CAPTIONS);
        assertThat(counts.totalTokens()).isEqualTo(12);
        CoverageReport all = CoverageReport.of(counts, 1, vectors()::contains, 2);
        assertThat(all.types()).isEqualTo(7);
        assertThat(all.typesCovered()).isEqualTo(3);
        assertThat(all.tokens()).isEqualTo(12);
        assertThat(all.tokensCovered()).isEqualTo(8); // a x5, dog x2, cat x1
        assertThat(all.tokenCoverage()).isCloseTo(8 / 12.0, within(1e-12));
        assertThat(all.missing()).containsExactly(new CoverageReport.WordCount("and", 1), new CoverageReport.WordCount("frisbee", 1));
        assertThat(all.format()).contains("type coverage: 3 of 7 words have a vector (42.9%)",
                "token coverage: 8 of 12 caption tokens (66.7%)", "without a vector: and (1) frisbee (1)");

        CoverageReport frequent = CoverageReport.of(counts, 2, vectors()::contains, 10);
        assertThat(frequent.types()).isEqualTo(2);
        assertThat(frequent.typesCovered()).isEqualTo(2);
        assertThat(frequent.tokensCovered()).isEqualTo(7);
        assertThat(frequent.missing()).isEmpty();
    }
}
