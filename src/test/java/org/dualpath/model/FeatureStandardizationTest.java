package org.dualpath.model;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dualpath.common.InputException;
import org.dualpath.data.image.ImagePreprocessor;
import org.dualpath.text.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class FeatureStandardizationTest {
    @TempDir
    Path dir;

    @Test
    void standardisedTrainingFeaturesHaveZeroMeanAndUnitSpread() {
        float[][] rows = {{1, 10}, {3, 10}, {5, 10}};
        FeatureStandardization s = FeatureStandardization.of(rows);
        float[][] out = s.apply(rows);
        assertThat(out[0][0]).isCloseTo(-1.2247f, within(1e-3f));
        assertThat(out[1][0]).isCloseTo(0f, within(1e-6f));
        assertThat(out[2][0]).isCloseTo(1.2247f, within(1e-3f));
        // a constant feature becomes 0, not NaN
        assertThat(out[0][1]).isCloseTo(0f, within(1e-6f));
        assertThat(rows[0][0]).isEqualTo(1f);
    }

    @Test
    void aFeatureVectorOfTheWrongLengthIsRefused() {
        FeatureStandardization s = FeatureStandardization.of(new float[][]{{1, 2}, {3, 4}});
        assertThatThrownBy(() -> s.apply(new float[][]{{1, 2, 3}})).isInstanceOf(InputException.class)
                .hasMessageContaining("length 3").hasMessageContaining("2-d");
        assertThatThrownBy(() -> FeatureStandardization.of(new float[0][])).isInstanceOf(InputException.class);
    }

    @Test
    void theModelFileKeepsTheStatisticsAndTheModelAppliesThem() {
        Vocabulary vocabulary = Vocabulary.build(TinyModels.WORDS, 1);
        NetworkConfig c = NetworkConfig.builder().features(2).imageHiddenDim(4).embeddingDim(4).vocabSize(vocabulary.size())
                .wordDim(4).seqLength(8).textCnn(new int[]{4}, new int[]{1}).numInstances(2).build();
        ComputationGraph graph = DualPathGraphs.training(c, null, DataType.FLOAT, new Adam(1e-3), 0);
        FeatureStandardization s = FeatureStandardization.of(new float[][]{{1, 2}, {3, 8}});
        ImagePreprocessor.Config pre = new ImagePreprocessor.Config(16, 18, ImagePreprocessor.Normalization.CENTERED,
                ImagePreprocessor.Layout.CHW);
        Path file = dir.resolve("m.zip");
        ModelBundle.training("test", c, new ModelBundle.ImageSettings(Backbone.MOBILENET, pre), vocabulary, null, null,
                null, graph, null, s).toInference().write(file);
        FeatureStandardization read = ModelBundle.read(file).standardization();
        assertThat(read.mean()).containsExactly(s.mean());
        assertThat(read.std()).containsExactly(s.std());
        Path checkpoint = dir.resolve("c.zip");
        ModelBundle.training("test", c, new ModelBundle.ImageSettings(Backbone.MOBILENET, pre), vocabulary, null, null,
                null, graph, null, s).write(checkpoint);
        assertThat(ModelBundle.read(checkpoint).standardization().mean()).containsExactly(s.mean());
    }
}
