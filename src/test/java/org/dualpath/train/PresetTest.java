package org.dualpath.train;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PresetTest {
    /**
     * Shapes captions name sides ("on the left of") and every shape in the scene: a mirror image would contradict
     * its caption and a crop (in training or the evaluation centre crop) could cut out a named shape.
     */
    @Test
    void shapesDemoTrainsAndEvaluatesOnTheWholeUnmirroredImage() {
        Preset demo = Preset.shapesDemo();
        assertThat(demo.training().imageAugmentation()).isFalse();
        assertThat(demo.preprocessing().resizeShortSide()).isEqualTo(demo.preprocessing().size());
    }

    @Test
    void transferTrainsRankingAndInstanceLossesTogetherFromTheFirstEpoch() {
        TrainingConfig t = Preset.transfer().training();
        for (int epoch : new int[]{0, t.totalEpochs() - 1}) {
            LossWeights w = t.weights(epoch);
            assertThat(w.ranking()).isPositive();
            assertThat(w.image()).isPositive();
            assertThat(w.text()).isPositive();
        }
    }

    @Test
    void transferUsesTheAnchorsSmallTextCnnWithMaskedPoolingAndKeepsWordsWithoutVectors() {
        Preset p = Preset.transfer();
        assertThat(p.network().textStem()).isEqualTo(256);
        assertThat(p.network().textWidths()).containsExactly(256);
        assertThat(p.network().textBlocks()).containsExactly(2);
        assertThat(p.network().maskPadding()).isTrue();
        assertThat(p.network().negatives()).isEqualTo(org.dualpath.model.RankingLoss.Negatives.ALL);
        assertThat(p.keepWordsWithoutVector()).isTrue();
        assertThat(Preset.paper().keepWordsWithoutVector()).isFalse();
    }
}
