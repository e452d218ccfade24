package org.dualpath.data.image;

import org.dualpath.data.image.ImagePreprocessor.Config;
import org.dualpath.data.image.ImagePreprocessor.Layout;
import org.dualpath.data.image.ImagePreprocessor.Normalization;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ImagePreprocessorTest {
    /** A 4x4 image: pixel (0,0) is (255, 0, 128), pixel (3,0) is (0, 255, 0), the rest gray 51. */
    private static BufferedImage tiny() {
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                image.setRGB(x, y, 0x333333);
            }
        }
        image.setRGB(0, 0, 0xFF0080);
        image.setRGB(3, 0, 0x00FF00);
        return image;
    }

    @Test
    void outputSizesMatchTheConfiguredShape() {
        BufferedImage photo = ImageFixtures.halves(320, 240, Color.RED, Color.BLUE);
        Config chw = Config.of(224, Normalization.IMAGENET, Layout.CHW);
        assertThat(chw.resizeShortSide()).isEqualTo(256);
        assertThat(chw.shape()).containsExactly(3, 224, 224);
        assertThat(Config.of(224, Normalization.IMAGENET, Layout.HWC).shape()).containsExactly(224, 224, 3);
        ImagePreprocessor p = new ImagePreprocessor(chw);
        assertThat(p.evaluate(photo)).hasSize(3 * 224 * 224);
        assertThat(p.augment(photo, new Random(1))).hasSize(3 * 224 * 224);
        assertThat(ImagePreprocessor.resizeShortSide(photo, 256).getWidth()).isEqualTo(341);
    }

    @Test
    void imagenetNormalisationInChwOrder() {
        float[] out = new ImagePreprocessor(new Config(4, 4, Normalization.IMAGENET, Layout.CHW)).evaluate(tiny());
        assertThat(out[0]).isCloseTo((1f - 0.485f) / 0.229f, within(1e-5f));
        assertThat(out[16]).isCloseTo((0f - 0.456f) / 0.224f, within(1e-5f));
        assertThat(out[32]).isCloseTo((128 / 255f - 0.406f) / 0.225f, within(1e-5f));
        assertThat(out[16 + 3]).as("green of pixel (3,0)").isCloseTo((1f - 0.456f) / 0.224f, within(1e-5f));
    }

    @Test
    void minusOneToOneAndCenteredInHwcOrder() {
        float[] signed = new ImagePreprocessor(new Config(4, 4, Normalization.MINUS_ONE_TO_ONE, Layout.HWC)).evaluate(tiny());
        assertThat(signed[0]).isEqualTo(1f);
        assertThat(signed[1]).isEqualTo(-1f);
        assertThat(signed[2]).isCloseTo(128 / 127.5f - 1f, within(1e-6f));
        assertThat(signed[3 * 3 + 1]).as("green of pixel (3,0)").isEqualTo(1f);
        float[] centered = new ImagePreprocessor(new Config(4, 4, Normalization.CENTERED, Layout.HWC)).evaluate(tiny());
        assertThat(centered[0]).isEqualTo(0.5f);
        assertThat(centered[1]).isEqualTo(-0.5f);
        assertThat(centered[5 * 3]).isCloseTo(0.2f - 0.5f, within(1e-6f));
    }

    @Test
    void mirrorReversesEachRow() {
        ImagePreprocessor p = new ImagePreprocessor(new Config(4, 4, Normalization.CENTERED, Layout.CHW));
        float[] plain = p.toArray(tiny(), false);
        float[] mirrored = p.toArray(tiny(), true);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 4; x++) {
                    assertThat(mirrored[c * 16 + y * 4 + x]).isEqualTo(plain[c * 16 + y * 4 + (3 - x)]);
                }
            }
        }
    }

    @Test
    void centerCropTakesTheMiddle() {
        BufferedImage image = ImageFixtures.halves(10, 4, Color.RED, Color.BLUE);
        BufferedImage crop = ImagePreprocessor.centerCrop(image, 4, 4);
        assertThat(new Color(crop.getRGB(1, 0))).isEqualTo(Color.RED);
        assertThat(new Color(crop.getRGB(2, 0))).isEqualTo(Color.BLUE);
    }

    @Test
    void augmentationIsDeterministicPerSeedAndVaries() {
        BufferedImage photo = ImageFixtures.halves(160, 120, Color.RED, Color.BLUE);
        ImagePreprocessor p = new ImagePreprocessor(Config.of(64, Normalization.IMAGENET, Layout.CHW));
        assertThat(p.augment(photo, new Random(7))).containsExactly(p.augment(photo, new Random(7)));
        Random random = new Random(7);
        float[] first = p.augment(photo, random);
        boolean differs = false;
        for (int i = 0; i < 5 && !differs; i++) {
            differs = !java.util.Arrays.equals(first, p.augment(photo, random));
        }
        assertThat(differs).isTrue();
    }

    @Test
    void randomResizedCropHasTheRequestedSize() {
        BufferedImage wide = ImageFixtures.halves(400, 40, Color.RED, Color.BLUE);
        BufferedImage crop = ImagePreprocessor.randomResizedCrop(wide, 32, new Random(3));
        assertThat(crop.getWidth()).isEqualTo(32);
        assertThat(crop.getHeight()).isEqualTo(32);
    }
}
