package org.dualpath.model;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dualpath.common.InputException;
import org.dualpath.common.Texts;
import org.dualpath.data.image.ImagePreprocessor;
import org.dualpath.vector.Embeddings;
import org.dualpath.text.Vocabulary;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A trained model ready to embed: images and captions to L2-normalised vectors of the joint space, compared by
 * cosine (dot product). Test-time averaging as in the paper is optional: an image adds the embedding of its
 * mirror image, a caption sums the embeddings of every placement of it in the word slots. Methods are
 * synchronised because DL4J graphs are not thread-safe.
 */
public final class DualPathModel {
    private static final int BATCH = 64;

    private final ModelBundle bundle;
    private final ComputationGraph imageEncoder;
    private final ComputationGraph textEncoder;
    private final PretrainedBackbone backbone;
    private final ImagePreprocessor preprocessor;

    /** Test-time averaging switches. */
    public record Options(boolean flipImages, boolean shiftCaptions) {
        public static final Options PLAIN = new Options(false, false);
        public static final Options PAPER = new Options(true, true);
    }

    public DualPathModel(ModelBundle bundle) {
        this.bundle = bundle;
        this.imageEncoder = bundle.imageEncoder();
        this.textEncoder = bundle.textEncoder();
        this.backbone = bundle.backbone() == null ? null : PretrainedBackbone.restore(bundle.image().backbone(), bundle.backbone());
        this.preprocessor = new ImagePreprocessor(bundle.image().preprocessing());
    }

    /** Reads a model file (see {@link ModelBundle#read}). */
    public static DualPathModel load(Path file) {
        return new DualPathModel(ModelBundle.read(file));
    }

    /**
     * Refuses, in one line naming {@code file} (where this model was read from), a model that cannot embed: a
     * network that reads pretrained backbone features while the file holds no backbone, a backbone whose features
     * or an image size that its network was not built for, or any other failure of a trial pass on one blank image
     * and one empty caption. Checked before a second model embeds a whole dataset, so a mismatch costs a second,
     * not the first batch of a long job, and says what is wrong instead of DL4J's shape error.
     */
    public void requireCanEmbed(Path file) {
        NetworkConfig network = bundle.network();
        Backbone kind = bundle.image().backbone();
        int size = preprocessor.config().size();
        if (network.imageInput() == NetworkConfig.ImageInput.FEATURES && backbone == null) {
            throw new InputException(file + ": its network reads " + network.featureDim() + "-d " + kind.id()
                    + " features, but the file holds no " + kind.id() + " backbone to compute them; use the model file "
                    + "'dualpath train' wrote, which includes it");
        }
        if (backbone != null && backbone.featureDim() != network.featureDim()) {
            throw new InputException(file + ": its " + kind.id() + " backbone gives " + backbone.featureDim()
                    + "-d features, its network reads " + network.featureDim() + "-d ones; retrain the model");
        }
        if (network.imageInput() == NetworkConfig.ImageInput.PIXELS && network.imageSize() != size) {
            throw new InputException(file + ": its network takes " + network.imageSize() + " x " + network.imageSize()
                    + " px images, but the file prepares " + size + " x " + size + " px ones; retrain the model");
        }
        try {
            embedImage(new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB), Options.PLAIN);
            embedCaptions(List.of(""), Options.PLAIN);
        } catch (InputException e) {
            throw e;
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new InputException(file + ": the model cannot embed an image (" + reason + "); check it with "
                    + "'dualpath model info " + file + "'", e);
        }
    }

    public ModelBundle bundle() {
        return bundle;
    }

    /** Dimension of the joint space. */
    public int dimension() {
        return bundle.network().embeddingDim();
    }

    public Vocabulary vocabulary() {
        return bundle.vocabulary();
    }

    /**
     * The embedding of a typed query. A blank text or one without any vocabulary word is refused with a message
     * saying so, since its embedding would say nothing about the text.
     */
    public synchronized float[] embedQuery(String text, Options options) {
        if (text == null || text.isBlank()) {
            throw new InputException("the text query is empty: type a few words that describe an image");
        }
        int[] tokens = vocabulary().encode(text);
        if (tokens.length == 0) {
            throw new InputException("no word of \"" + Texts.quote(text) + "\" is in the model's vocabulary of "
                    + (vocabulary().size() - 1) + " words: try other words");
        }
        return embedTokens(List.of(tokens), options)[0];
    }

    /** Embeddings of captions, one row each (a caption without known words gets the embedding of empty slots). */
    public synchronized float[][] embedCaptions(List<String> captions, Options options) {
        return embedTokens(captions.stream().map(c -> vocabulary().encode(c)).toList(), options);
    }

    /** Embeddings of captions given as vocabulary tokens, one row each. */
    private float[][] embedTokens(List<int[]> captionTokens, Options options) {
        int slots = bundle.network().seqLength();
        float[][] out = new float[captionTokens.size()][];
        for (int start = 0; start < captionTokens.size(); start += BATCH) {
            int n = Math.min(BATCH, captionTokens.size() - start);
            // a vocabulary may encode more words than the network has slots (a bundle built by hand): keep the first ones
            int[][] tokens = captionTokens.subList(start, start + n).stream()
                    .map(t -> t.length > slots ? Arrays.copyOf(t, slots) : t).toArray(int[][]::new);
            float[][] sum = null;
            int maxOffsets = 1;
            if (options.shiftCaptions()) {
                for (int[] t : tokens) {
                    maxOffsets = Math.max(maxOffsets, Vocabulary.validOffsets(t.length, slots).length);
                }
            }
            for (int o = 0; o < maxOffsets; o++) {
                float[] words = new float[n * slots];
                boolean[] counted = new boolean[n];
                for (int i = 0; i < n; i++) {
                    int[] offsets = Vocabulary.validOffsets(tokens[i].length, slots);
                    // a caption with fewer offsets than the longest shift of the batch is done: pad its row, skip it
                    counted[i] = o < offsets.length;
                    int[] placed = Vocabulary.place(tokens[i], offsets[Math.min(o, offsets.length - 1)], slots);
                    for (int t = 0; t < slots; t++) {
                        words[i * slots + t] = placed[t];
                    }
                }
                float[][] e = textEncoder.outputSingle(false, Nd4j.create(words, new long[]{n, slots})).toFloatMatrix();
                for (int i = 0; i < n; i++) {
                    if (!counted[i]) {
                        java.util.Arrays.fill(e[i], 0f);
                    }
                }
                sum = add(sum, e);
            }
            System.arraycopy(normalizeRows(sum), 0, out, start, n);
        }
        return out;
    }

    /** Embeddings of decoded images, one row each. */
    public synchronized float[][] embedImages(List<BufferedImage> images, Options options) {
        float[][] out = new float[images.size()][];
        for (int start = 0; start < images.size(); start += BATCH) {
            List<BufferedImage> chunk = images.subList(start, Math.min(images.size(), start + BATCH));
            float[][] sum = imageBatch(chunk, false);
            if (options.flipImages()) {
                sum = add(sum, imageBatch(chunk, true));
            }
            System.arraycopy(normalizeRows(sum), 0, out, start, chunk.size());
        }
        return out;
    }

    /** The embedding of one decoded image. */
    public float[] embedImage(BufferedImage image, Options options) {
        return embedImages(List.of(image), options)[0];
    }

    private float[][] imageBatch(List<BufferedImage> images, boolean mirror) {
        int n = images.size();
        float[][] inputs = new float[n][];
        for (int i = 0; i < n; i++) {
            inputs[i] = preprocessor.evaluate(images.get(i), mirror);
        }
        INDArray input;
        if (backbone != null) {
            float[][] features = backbone.features(inputs);
            input = Nd4j.create(bundle.standardization() == null ? features : bundle.standardization().apply(features));
        } else {
            long[] shape = preprocessor.config().shape();
            long[] batchShape = new long[shape.length + 1];
            batchShape[0] = n;
            System.arraycopy(shape, 0, batchShape, 1, shape.length);
            int per = inputs.length == 0 ? 0 : inputs[0].length;
            float[] flat = new float[n * per];
            for (int i = 0; i < n; i++) {
                System.arraycopy(inputs[i], 0, flat, i * per, per);
            }
            input = Nd4j.create(flat, batchShape);
        }
        return imageEncoder.outputSingle(false, input).toFloatMatrix();
    }

    private static float[][] add(float[][] sum, float[][] e) {
        if (sum == null) {
            return e;
        }
        for (int i = 0; i < sum.length; i++) {
            for (int j = 0; j < sum[i].length; j++) {
                sum[i][j] += e[i][j];
            }
        }
        return sum;
    }

    private static float[][] normalizeRows(float[][] rows) {
        for (int i = 0; i < rows.length; i++) {
            rows[i] = Embeddings.normalize(rows[i]);
        }
        return rows;
    }

    @Override
    public String toString() {
        return "DualPathModel[" + bundle.manifest().preset() + ", " + dimension() + "-d, vocabulary "
                + (vocabulary().size() - 1) + " words, " + bundle.image().backbone().id() + "]";
    }
}
