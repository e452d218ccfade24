package org.dualpath.train;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PresetTest {
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
        assertThat(p.keepWordsWithoutVector()).isTrue();
        assertThat(Preset.paper().keepWordsWithoutVector()).isFalse();
    }
}
