package org.dualpath.eval;

import org.dualpath.vector.Embeddings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CosineDiagnosticTest {
    @Test
    void meansOfTrueMismatchedAndCaptionPairs() {
        Embeddings images = Embeddings.of(new long[]{1, 2}, new float[][]{{1, 0}, {0, 1}});
        // image 0: captions (1,0) and (0.6,0.8); image 1: caption (0,1)
        Embeddings captions = Embeddings.of(new long[]{10, 11, 12}, new float[][]{{1, 0}, {0.6f, 0.8f}, {0, 1}});
        CosineDiagnostic d = CosineDiagnostic.of(images, captions, new int[]{0, 0, 1});
        assertThat(d.truePairs()).isCloseTo((1 + 0.6 + 1) / 3, within(1e-6));
        // image 0 with caption 12, image 1 with captions 10 and 11
        assertThat(d.mismatchedPairs()).isCloseTo((0 + 0 + 0.8) / 3, within(1e-6));
        // caption pairs of different images, both orders: (10,12) = 0, (11,12) = 0.8
        assertThat(d.captionPairs()).isCloseTo(0.4, within(1e-6));
        assertThat(d.toLine()).contains("true pairs 0.867");
    }
}
