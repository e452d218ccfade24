package org.dualpath.train;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dualpath.common.Progress;
import org.dualpath.vector.Embeddings;
import org.dualpath.eval.Protocol;
import org.dualpath.eval.RecallReport;
import org.dualpath.eval.RetrievalMetrics;
import org.dualpath.model.DualPathGraphs;
import org.dualpath.model.NetworkConfig;
import org.dualpath.text.Vocabulary;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Recall@1/5/10 in both directions on held-out images and their captions (at most 5 each, as in the standard
 * protocol), measured with the current weights of a training graph copied into inference encoders.
 */
final class Validation {
    private static final int BATCH = 128;

    private final NetworkConfig network;
    private final ImageInputs images;
    private final int[][][] captions;
    private final int slots;
    private ComputationGraph imageEncoder;
    private ComputationGraph textEncoder;

    Validation(NetworkConfig network, ImageInputs images, int[][][] captions, int slots) {
        this.network = network;
        this.images = images;
        this.captions = captions;
        this.slots = slots;
    }

    /** Recall figures keyed {@code i2t_R@K} and {@code t2i_R@K} (percent); empty without validation images. */
    Map<String, Double> recall(ComputationGraph training) {
        if (images.size() == 0) {
            return Map.of();
        }
        if (imageEncoder == null) {
            imageEncoder = DualPathGraphs.imageEncoder(network, DataType.FLOAT);
            textEncoder = DualPathGraphs.textEncoder(network, DataType.FLOAT);
        }
        DualPathGraphs.copyParameters(training, imageEncoder);
        DualPathGraphs.copyParameters(training, textEncoder);
        float[][] imageEmbeddings = embedImages();
        int total = Arrays.stream(captions).mapToInt(c -> c.length).sum();
        int[][] texts = new int[total][];
        int[] imageOfCaption = new int[total];
        for (int i = 0, k = 0; i < captions.length; i++) {
            for (int[] c : captions[i]) {
                texts[k] = Vocabulary.place(c, 0, slots);
                imageOfCaption[k++] = i;
            }
        }
        float[][] textEmbeddings = embedTexts(texts);
        return summarise(imageEmbeddings, textEmbeddings, imageOfCaption);
    }

    private float[][] embedImages() {
        long[] shape = images.shape();
        int per = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        float[][] out = new float[images.size()][];
        for (int start = 0; start < images.size(); start += BATCH) {
            int n = Math.min(BATCH, images.size() - start);
            float[] buffer = new float[n * per];
            for (int i = 0; i < n; i++) {
                System.arraycopy(images.evaluation(start + i), 0, buffer, i * per, per);
            }
            long[] batchShape = new long[shape.length + 1];
            batchShape[0] = n;
            System.arraycopy(shape, 0, batchShape, 1, shape.length);
            copyRows(imageEncoder.outputSingle(false, Nd4j.create(buffer, batchShape)), out, start);
        }
        return out;
    }

    private float[][] embedTexts(int[][] texts) {
        float[][] out = new float[texts.length][];
        for (int start = 0; start < texts.length; start += BATCH) {
            int n = Math.min(BATCH, texts.length - start);
            float[] buffer = new float[n * slots];
            for (int i = 0; i < n; i++) {
                for (int t = 0; t < slots; t++) {
                    buffer[i * slots + t] = texts[start + i][t];
                }
            }
            copyRows(textEncoder.outputSingle(false, Nd4j.create(buffer, new long[]{n, slots})), out, start);
        }
        return out;
    }

    private static void copyRows(INDArray batch, float[][] out, int start) {
        float[][] rows = batch.toFloatMatrix();
        System.arraycopy(rows, 0, out, start, rows.length);
    }

    private static Map<String, Double> summarise(float[][] images, float[][] texts, int[] imageOfCaption) {
        long[] imageIds = new long[images.length];
        Arrays.setAll(imageIds, i -> i);
        long[] captionIds = new long[texts.length];
        Arrays.setAll(captionIds, i -> i);
        RecallReport report = RetrievalMetrics.evaluate(
                Embeddings.of(imageIds, images).normalized(), Embeddings.of(captionIds, texts).normalized(),
                imageOfCaption, RetrievalMetrics.Options.standard("validation").withProtocol(Protocol.ALL)
                        .withCaptionsPerImage(0),
                Progress.NONE);
        RecallReport.Evaluation e = report.results().get(0).evaluations().get(0);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("i2t_R@1", e.imageToText().r1());
        m.put("i2t_R@5", e.imageToText().r5());
        m.put("i2t_R@10", e.imageToText().r10());
        m.put("t2i_R@1", e.textToImage().r1());
        m.put("t2i_R@5", e.textToImage().r5());
        m.put("t2i_R@10", e.textToImage().r10());
        m.put("rsum", e.rsum());
        return m;
    }
}
