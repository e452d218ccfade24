package org.dualpath.app.search;

import java.awt.image.BufferedImage;

/**
 * The searches the explorer runs, in the four directions of the joint space. Image ids are the dataset's
 * image ids, caption ids its caption ids. Implementations may be slow (they embed the query) and are called
 * off the JavaFX thread.
 */
public interface Searcher {
    Ranking textToImages(String text, int k);

    Ranking textToTexts(String text, int k);

    Ranking imageToTexts(BufferedImage image, int k);

    Ranking imageToImages(BufferedImage image, int k);

    Ranking imageIdToTexts(long imageId, int k);

    Ranking imageIdToImages(long imageId, int k);

    /** What the searches cover, for the user (e.g. "1,000 images, 5,000 captions"). */
    String scope();

    /** How the embeddings were obtained (reused from the cache or computed now), one line. */
    String report();
}
