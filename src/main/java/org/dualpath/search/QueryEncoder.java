package org.dualpath.search;

import org.dualpath.model.DualPathModel;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The model's two encoders as queries use them: L2-normalised vectors with fixed test-time options. The seam
 * lets tests count encoder passes (one per typed or dropped query) and stand in for a model.
 */
public interface QueryEncoder {
    /** The vector of a typed text; a text without a vocabulary word is refused. */
    float[] text(String text);

    /** The vector of decoded pixels. */
    float[] image(BufferedImage image);

    /** The words of a typed text the vocabulary lacks. */
    List<String> unknownWords(String text);

    /** The joint space's dimension. */
    int dimension();

    /** {@code model}'s encoders with {@code options} (those the stored vectors were embedded with). */
    static QueryEncoder of(DualPathModel model, DualPathModel.Options options) {
        return new QueryEncoder() {
            @Override
            public float[] text(String text) {
                return model.embedQuery(text, options);
            }

            @Override
            public float[] image(BufferedImage image) {
                return model.embedImage(image, options);
            }

            @Override
            public List<String> unknownWords(String text) {
                return model.vocabulary().unknownWords(text);
            }

            @Override
            public int dimension() {
                return model.dimension();
            }
        };
    }
}
