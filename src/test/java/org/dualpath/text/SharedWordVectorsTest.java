package org.dualpath.text;

import org.dualpath.common.Progress;
import org.dualpath.common.SharedData;
import org.dualpath.data.CocoCaption;
import org.dualpath.data.CocoJson;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The real word-vector files of the shared test data (skipped without DUALPATH_SHARED). */
class SharedWordVectorsTest {
    @Test
    void gloveTwitterLoadsWithAllWords() {
        WordVectors v = WordVectors.read(SharedData.require("wordvectors/glove_twitter_25d_12k.txt"));
        assertThat(v.size()).isEqualTo(11_925);
        assertThat(v.dimension()).isEqualTo(25);
        assertThat(v.contains("dog")).isTrue();
    }

    @Test
    void googleNewsWord2vecTextLoadsWithAllWords() {
        WordVectors v = WordVectors.read(SharedData.require("wordvectors/word2vec_googlenews_300d_1k.txt"));
        assertThat(v.size()).isEqualTo(1_000);
        assertThat(v.dimension()).isEqualTo(300);
    }

    @Test
    void gloveCoversMostFlickrCaptionTokens() {
        Path glove = SharedData.require("wordvectors/glove_twitter_25d_12k.txt");
        List<String> captions = CocoJson.readCaptions(SharedData.require("data/flickr8k-1k/captions.json"))
                .annotations().stream().map(CocoCaption::caption).toList();
        TokenCounts counts = TokenCounts.of(captions);
        WordVectors vectors = WordVectors.read(glove, new HashSet<>(counts.words()), Progress.NONE);
        CoverageReport report = CoverageReport.of(counts, 1, vectors::contains, 10);
        assertThat(report.tokenCoverage()).isGreaterThan(0.9);
        assertThat(report.typeCoverage()).isGreaterThan(0.5); // many rare words are typos or compounds
        Vocabulary vocab = Vocabulary.build(counts, 1, vectors::contains, Vocabulary.DEFAULT_MAX_LENGTH);
        assertThat(vocab.size()).isEqualTo(report.typesCovered() + 1);
        EmbeddingMatrix matrix = EmbeddingMatrix.build(vocab, vectors, 1);
        assertThat(matrix.pretrainedCount()).isEqualTo(vocab.size() - 1);
        System.out.print(report.format());
    }
}
