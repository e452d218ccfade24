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
}
