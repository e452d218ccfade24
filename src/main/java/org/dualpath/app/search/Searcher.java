package org.dualpath.app.search;

import org.dualpath.store.EmbeddingStore;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * The searches the explorer runs, in the four directions of the joint space. Image ids are the dataset's
 * image ids, caption ids its caption ids. Implementations may be slow (they embed the query) and are called
 * off the JavaFX thread.
 */
public interface Searcher {
    /** Images for a text; {@code imageFilter} (null: all) limits the images by id, ground truth included. */
    Ranking textToImages(String text, int k, LongPredicate imageFilter);

    Ranking textToTexts(String text, int k);

    /** The words of {@code text} the model does not know (ignored by the text searches). */
    List<String> unknownWords(String text);

    Ranking imageToTexts(BufferedImage image, int k);

    Ranking imageToImages(BufferedImage image, int k, LongPredicate imageFilter);

    Ranking imageIdToTexts(long imageId, int k);

    Ranking imageIdToImages(long imageId, int k, LongPredicate imageFilter);

    /** The stored vectors the searches rank (for the map). */
    EmbeddingStore store();

    /** The query vector of a text, as the searches embed it. */
    float[] textVector(String text);

    /** The query vector of an image, as the searches embed it. */
    float[] imageVector(BufferedImage image);

    /** What the searches cover, for the user (e.g. "1,000 images, 5,000 captions"). */
    String scope();

    /** How the embeddings were obtained (reused from the cache or computed now), one line. */
    String report();
}
