package org.dualpath.projection;

import org.dualpath.store.EmbeddingStore;
import org.dualpath.vector.Embeddings;

import java.util.Arrays;
import java.util.stream.IntStream;

import java.util.Locale;

/**
 * How far apart the two modalities sit in the joint space, for a set of images and their captions (all
 * vectors L2-normalised): the Euclidean distance between the mean image vector and the mean caption vector;
 * the mean cosine of true pairs (each caption with its own image); and the mean cosine of all image-caption
 * pairs, which is what random pairs average to and equals {@code mean image . mean caption} exactly.
 */
public record ModalityGap(double centroidDistance, double truePairCosine, double allPairCosine, int images,
                          int captions) {
    /**
     * @param images         the image vectors
     * @param captions       the caption vectors
     * @param captionImage   for each caption, the row of its image in {@code images}
     */
    public static ModalityGap of(Embeddings images, Embeddings captions, int[] captionImage) {
        int d = images.dimension();
        double[] meanImage = mean(images, d);
        double[] meanCaption = mean(captions, d);
        double dist = 0;
        double all = 0;
        for (int k = 0; k < d; k++) {
            dist += (meanImage[k] - meanCaption[k]) * (meanImage[k] - meanCaption[k]);
            all += meanImage[k] * meanCaption[k];
        }
        double truth = 0;
        for (int c = 0; c < captions.size(); c++) {
            truth += images.dot(captions.row(c), captionImage[c]);
        }
        return new ModalityGap(Math.sqrt(dist), captions.size() == 0 ? 0 : truth / captions.size(), all,
                images.size(), captions.size());
    }

    /** The gap of the images at {@code imageRows} of {@code store} and all their captions. */
    public static ModalityGap of(EmbeddingStore store, int[] imageRows) {
        int[] captionImageRows = store.captionImageRows();
        int[] local = new int[store.images().size()];
        Arrays.fill(local, -1);
        for (int i = 0; i < imageRows.length; i++) {
            local[imageRows[i]] = i;
        }
        int[] captionRows = IntStream.range(0, captionImageRows.length)
                .filter(c -> captionImageRows[c] != EmbeddingStore.NO_IMAGE && local[captionImageRows[c]] >= 0).toArray();
        int[] owner = Arrays.stream(captionRows).map(c -> local[captionImageRows[c]]).toArray();
        return of(store.images().rows(imageRows), store.captions().rows(captionRows), owner);
    }

    private static double[] mean(Embeddings e, int d) {
        double[] m = new double[d];
        for (int r = 0; r < e.size(); r++) {
            float[] row = e.row(r);
            for (int k = 0; k < d; k++) {
                m[k] += row[k];
            }
        }
        for (int k = 0; k < d; k++) {
            m[k] /= Math.max(1, e.size());
        }
        return m;
    }

    /** One line for users. */
    public String describe() {
        return String.format(Locale.ROOT, "modality gap: |mean image − mean caption| = %.3f · mean cosine of true "
                        + "pairs %.3f vs all pairs %.3f (%,d images, %,d captions)", centroidDistance, truePairCosine,
                allPairCosine, images, captions);
    }
}
