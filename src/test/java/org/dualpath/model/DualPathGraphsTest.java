package org.dualpath.model;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.NoOp;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("slow")
class DualPathGraphsTest {
    static NetworkConfig tinyPixels() {
        return NetworkConfig.builder().pixels(16, 4, 8).imageHiddenDim(16).embeddingDim(16).dropout(0)
                .vocabSize(12).wordDim(8).seqLength(8).textCnn(new int[]{8, 16}, new int[]{1, 1})
                .numInstances(6).margin(0.2).seed(1).build();
    }

    static MultiDataSet batch(NetworkConfig c, int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray images = Nd4j.rand(DataType.FLOAT, n, 3, c.imageSize(), c.imageSize());
        INDArray text = Nd4j.zeros(DataType.FLOAT, n, c.seqLength());
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 2 * n, c.numInstances());
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < 3; t++) {
                text.putScalar(i, t, 1 + (i * 3 + t) % (c.vocabSize() - 1));
            }
            labels.putScalar(i, i % c.numInstances(), 1);
            labels.putScalar(n + i, i % c.numInstances(), 1);
        }
        return new MultiDataSet(new INDArray[]{images, text},
                new INDArray[]{labels, Nd4j.zeros(DataType.FLOAT, 2 * n, c.embeddingDim())});
    }

    @Test
    void trainingLossFallsOnATinyProblem() {
        NetworkConfig c = tinyPixels();
        ComputationGraph g = DualPathGraphs.training(c, null, DataType.FLOAT, new Nesterovs(0.05, 0.9), 0);
        MultiDataSet data = batch(c, 6, 3);
        double first = g.score(data, false);
        for (int i = 0; i < 40; i++) {
            g.fit(data);
        }
        double last = g.score(data, false);
        assertThat(last).isLessThan(first * 0.5);
    }

    @Test
    void encodersCopiedFromAGraphWithWordVectorsEmbedLikeTheGraph() throws IOException {
        NetworkConfig c = tinyPixels();
        Nd4j.getRandom().setSeed(5);
        INDArray vectors = Nd4j.rand(DataType.FLOAT, c.vocabSize(), c.wordDim());
        ComputationGraph g = DualPathGraphs.training(c, vectors, DataType.FLOAT, new Nesterovs(0.05, 0.9), 0);
        assertThat(g.getLayer(DualPathGraphs.WORD_EMBEDDING).getParam("W")).isEqualTo(vectors);
        MultiDataSet data = batch(c, 6, 3);
        g.fit(data);
        ComputationGraph text = DualPathGraphs.textEncoder(c, DataType.FLOAT);
        ComputationGraph image = DualPathGraphs.imageEncoder(c, DataType.FLOAT);
        DualPathGraphs.copyParameters(g, text);
        DualPathGraphs.copyParameters(g, image);

        var activations = g.feedForward(data.getFeatures(), false);
        assertThat(text.outputSingle(false, data.getFeatures(1)))
                .isEqualTo(activations.get(DualPathGraphs.TEXT_EMBEDDING));
        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        ModelSerializer.writeModel(g, saved, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(saved.toByteArray()), true);
        DualPathGraphs.copyParameters(restored, text);
        assertThat(text.outputSingle(false, data.getFeatures(1)))
                .isEqualTo(activations.get(DualPathGraphs.TEXT_EMBEDDING));
        assertThat(image.outputSingle(false, data.getFeatures(0)))
                .isEqualTo(activations.get(DualPathGraphs.IMAGE_EMBEDDING));
    }

    @Test
    void sharedClassifierGetsGradientFromBothPaths() {
        NetworkConfig c = tinyPixels();
        ComputationGraph g = DualPathGraphs.training(c, null, DataType.FLOAT, new Nesterovs(0.05, 0.9), 0);
        DualPathGraphs.rankingLoss(g).setWeight(0);
        DualPathGraphs.instanceLoss(g).setWeights(1, 0);
        INDArray fromImages = instanceWeightGradient(g, batch(c, 6, 3));
        DualPathGraphs.instanceLoss(g).setWeights(0, 1);
        INDArray fromTexts = instanceWeightGradient(g, batch(c, 6, 3));
        assertThat(fromImages.norm2Number().doubleValue()).isGreaterThan(1e-6);
        assertThat(fromTexts.norm2Number().doubleValue()).isGreaterThan(1e-6);
        assertThat(fromImages.equalsWithEps(fromTexts, 1e-6)).isFalse();
        assertThat(g.getLayer(DualPathGraphs.INSTANCE_OUTPUT).numParams())
                .isEqualTo((long) c.embeddingDim() * c.numInstances() + c.numInstances());
    }

    private static INDArray instanceWeightGradient(ComputationGraph g, MultiDataSet data) {
        g.setInputs(data.getFeatures());
        g.setLabels(data.getLabels());
        g.computeGradientAndScore();
        Gradient grad = g.gradient();
        return grad.getGradientFor(DualPathGraphs.INSTANCE_OUTPUT + "_W").dup();
    }

    /**
     * Finite-difference check of the joint head: two smooth projections into the joint space, the shared
     * classifier over their stack and the ranking loss, with the paper's COCO loss weights 2 : 1 : 0.1.
     */
    @Test
    void jointHeadGradientsMatchFiniteDifferences() {
        NetworkConfig c = NetworkConfig.builder().features(6).embeddingDim(4).numInstances(3).margin(0.5).seed(5)
                .build();
        DataType previous = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            ComputationGraphConfiguration.GraphBuilder b = DualPathGraphs.base(c, DataType.DOUBLE, new NoOp(), 0)
                    .addInputs("img", "txt");
            b.setInputTypes(InputType.feedForward(6), InputType.feedForward(5));
            b.addLayer("img_proj", new DenseLayer.Builder().nOut(4).activation(Activation.TANH).build(), "img");
            b.addLayer("txt_proj", new DenseLayer.Builder().nOut(4).activation(Activation.TANH).build(), "txt");
            DualPathGraphs.addJointHead(b, c, "img_proj", "txt_proj");
            ComputationGraph g = new ComputationGraph(b.build());
            g.init();
            DualPathGraphs.instanceLoss(g).setWeights(1, 0.1);
            DualPathGraphs.rankingLoss(g).setWeight(2);

            int n = 4;
            Nd4j.getRandom().setSeed(11);
            INDArray labels = Nd4j.zeros(DataType.DOUBLE, 2 * n, 3);
            for (int i = 0; i < n; i++) {
                labels.putScalar(i, i % 3, 1);
                labels.putScalar(n + i, i % 3, 1);
            }
            boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(g)
                    .inputs(new INDArray[]{Nd4j.rand(DataType.DOUBLE, n, 6), Nd4j.rand(DataType.DOUBLE, n, 5)})
                    .labels(new INDArray[]{labels, Nd4j.zeros(DataType.DOUBLE, 2 * n, 4)})
                    .epsilon(1e-6).maxRelError(1e-4).minAbsoluteError(1e-9)
                    .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
            assertThat(ok).isTrue();
        } finally {
            Nd4j.setDefaultDataTypes(previous, previous);
        }
    }

    @Test
    void fanInUniformInitBoundsTheFcAndClassifierWeights() {
        NetworkConfig c = NetworkConfig.builder().features(64).imageHiddenDim(32).embeddingDim(16).vocabSize(12)
                .wordDim(8).seqLength(8).textCnn(new int[]{8}, new int[]{1}).numInstances(6).fanInUniformInit(true)
                .build();
        ComputationGraph g = DualPathGraphs.training(c, null, DataType.FLOAT, new NoOp(), 0);
        INDArray fc1 = g.getLayer("img_fc1").getParam("W");
        INDArray classifier = g.getLayer(DualPathGraphs.INSTANCE_OUTPUT).getParam("W");
        assertThat(fc1.amaxNumber().doubleValue()).isLessThanOrEqualTo(1 / Math.sqrt(64));
        assertThat(fc1.amaxNumber().doubleValue()).isGreaterThan(0.5 / Math.sqrt(64));
        assertThat(classifier.amaxNumber().doubleValue()).isLessThanOrEqualTo(1 / Math.sqrt(16));
    }
    /** The count a run checks its disk space with is the graph's own, for pixels, features, stems and bottlenecks. */
    @Test
    void theParameterCountFromTheConfigurationIsTheGraphs() {
        NetworkConfig features = NetworkConfig.builder().features(64).imageHiddenDim(32).embeddingDim(16).vocabSize(12)
                .wordDim(8).seqLength(8).textStem(16).textCnn(new int[]{16}, new int[]{2}).dropoutBeforeLastFc(true)
                .numInstances(6).build();
        NetworkConfig bottleneck = features.toBuilder().textStem(0).bottleneck(true)
                .textCnn(new int[]{16, 32}, new int[]{2, 1}).build();
        for (NetworkConfig c : new NetworkConfig[]{tinyPixels(), features, bottleneck}) {
            assertThat(DualPathGraphs.trainingParameterCount(c))
                    .isEqualTo(DualPathGraphs.training(c, null, DataType.FLOAT, new NoOp(), 0).numParams());
        }
    }
}
