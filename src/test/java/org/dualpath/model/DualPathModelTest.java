package org.dualpath.model;

import org.dualpath.common.InputException;
import org.dualpath.data.image.ImagePreprocessor;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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

    @Test
    void aCaptionLongerThanTheNetworksSlotsIsEmbeddedFromItsFirstWords() {
        // the tiny network has 8 word slots; its vocabulary encodes up to 32 words
        DualPathModel model = new DualPathModel(TinyModels.bundle(7));
        String eight = "a red circle a blue square left of";
        float[] first = model.embedCaptions(List.of(eight), DualPathModel.Options.PLAIN)[0];
        for (DualPathModel.Options options : List.of(DualPathModel.Options.PLAIN, new DualPathModel.Options(false, true))) {
            float[] longer = model.embedCaptions(List.of(eight + " a circle a red circle"), options)[0];
            assertThat(longer).containsExactly(model.embedCaptions(List.of(eight), options)[0], within(1e-6f));
        }
        assertThat(first).hasSize(model.dimension());
    }

    @Test
    void aModelThatCannotEmbedIsRefusedInOneLineNamingItsFile() {
        Path file = Path.of("b.zip");
        assertThatCode(() -> new DualPathModel(TinyModels.bundle(7)).requireCanEmbed(file)).doesNotThrowAnyException();
        assertThatThrownBy(() -> new DualPathModel(TinyModels.readingFeaturesWithoutBackbone()).requireCanEmbed(file))
                .isInstanceOf(InputException.class).hasMessage("b.zip: its network reads 256-d mobilenet features, but "
                        + "the file holds no mobilenet backbone to compute them; use the model file 'dualpath train' "
                        + "wrote, which includes it");
        assertThatThrownBy(() -> new DualPathModel(TinyModels.preparingImages(new ImagePreprocessor.Config(24, 26,
                ImagePreprocessor.Normalization.CENTERED, ImagePreprocessor.Layout.CHW))).requireCanEmbed(file))
                .isInstanceOf(InputException.class).hasMessage("b.zip: its network takes 16 x 16 px images, but the "
                        + "file prepares 24 x 24 px ones; retrain the model");
        assertThatThrownBy(() -> new DualPathModel(TinyModels.preparingImages(new ImagePreprocessor.Config(16, 18,
                ImagePreprocessor.Normalization.CENTERED, ImagePreprocessor.Layout.HWC))).requireCanEmbed(file))
                .isInstanceOf(InputException.class).hasMessageStartingWith("b.zip: the model cannot embed an image (")
                .hasMessageEndingWith("); check it with 'dualpath model info b.zip'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
