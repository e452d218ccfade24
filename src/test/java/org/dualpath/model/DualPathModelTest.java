package org.dualpath.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DualPathModelTest {
    @Test
    void shiftAveragingOfACaptionDoesNotDependOnItsBatch() {
        DualPathModel model = new DualPathModel(TinyModels.bundle(7));
        DualPathModel.Options shift = new DualPathModel.Options(false, true);
        String longCaption = "a blue square left of a circle";
        float[] alone = model.embedCaptions(List.of(longCaption), shift)[0];
        float[] withShorter = model.embedCaptions(List.of(longCaption, "a red circle"), shift)[0];
        for (int k = 0; k < alone.length; k++) {
            assertThat(withShorter[k]).isCloseTo(alone[k], within(1e-5f));
        }
        float[] plain = model.embedCaptions(List.of(longCaption), DualPathModel.Options.PLAIN)[0];
        assertThat(plain).isNotEqualTo(alone);
    }
}
