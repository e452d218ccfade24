package org.dualpath.model;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ReshapeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MaskedMaxPoolVertexTest {

    private static ComputationGraph poolOnly() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().graphBuilder()
                .addInputs("map", "words")
                .setInputTypes(InputType.convolutional(1, 4, 2), InputType.recurrent(10, 4))
                .addVertex("pool", new MaskedMaxPoolVertex(), "map", "words")
                .setOutputs("pool").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    @Test
    void pooledMaximumIgnoresPaddedPositions() {
        // 2 channels x 4 positions; the caption holds words in slots 0 and 1, the padding slots hold larger values
        INDArray map = Nd4j.create(new float[]{1, 2, 9, 9, -3, -1, 8, 8}, new long[]{1, 2, 1, 4});
        INDArray words = Nd4j.create(new float[]{4, 7, 0, 0}, new long[]{1, 4});
        float[] pooled = poolOnly().output(false, map, words)[0].toFloatVector();
        assertThat(pooled).containsExactly(2f, -1f);
    }

    @Test
    void aCaptionWithoutWordsPoolsOverEveryPosition() {
        INDArray map = Nd4j.create(new float[]{1, 2, 9, 3, -3, -1, 8, 5}, new long[]{1, 2, 1, 4});
        float[] pooled = poolOnly().output(false, map, Nd4j.zeros(DataType.FLOAT, 1, 4))[0].toFloatVector();
        assertThat(pooled).containsExactly(9f, 8f);
    }

    @Test
    void aHalvedWordAxisCountsAPositionWhenAnySlotItCoversHoldsAWord() {
        boolean[][] valid = MaskedMaxPoolVertex.wordPositions(new double[]{0, 5, 6, 0, 0, 0, 0, 0}, 1, 8, 4);
        assertThat(valid[0]).containsExactly(true, true, false, false);
    }

    @Test
    void gradientsThroughTheMaskedPoolMatchFiniteDifferences() {
        DataType previous = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                    .updater(new NoOp()).seed(3).graphBuilder()
                    .addInputs("x", "words")
                    .setInputTypes(InputType.feedForward(5), InputType.recurrent(10, 4))
                    .addLayer("fc", new DenseLayer.Builder().nOut(12).activation(Activation.TANH).build(), "x")
                    .addVertex("map", new ReshapeVertex(-1, 3, 1, 4), "fc")
                    .addVertex("pool", new MaskedMaxPoolVertex(), "map", "words")
                    .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2)
                            .activation(Activation.IDENTITY).build(), "pool")
                    .setOutputs("out").build();
            ComputationGraph g = new ComputationGraph(conf);
            g.init();
            Nd4j.getRandom().setSeed(7);
            INDArray words = Nd4j.create(new double[]{3, 1, 0, 0, 0, 2, 5, 9, 4, 0, 0, 0}, new long[]{3, 4});
            boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(g)
                    .inputs(new INDArray[]{Nd4j.rand(DataType.DOUBLE, 3, 5), words})
                    .labels(new INDArray[]{Nd4j.rand(DataType.DOUBLE, 3, 2)})
                    .epsilon(1e-6).maxRelError(1e-4).minAbsoluteError(1e-9)
                    .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
            assertThat(ok).isTrue();
        } finally {
            Nd4j.setDefaultDataTypes(previous, previous);
        }
    }

    private static NetworkConfig smallText(int slots, boolean mask) {
        return NetworkConfig.builder().features(4).embeddingDim(6).dropout(0.5).vocabSize(10).wordDim(4)
                .seqLength(slots).textStem(8).textCnn(new int[]{8}, new int[]{2}).dropoutBeforeLastFc(true)
                .maskPadding(mask).numInstances(3).seed(2).build();
    }

    private static float[] embed(ComputationGraph encoder, int slots, int offset, int... caption) {
        float[] words = new float[slots];
        for (int t = 0; t < caption.length; t++) {
            words[offset + t] = caption[t];
        }
        return encoder.outputSingle(false, Nd4j.create(words, new long[]{1, slots})).toFloatVector();
    }

    private static ComputationGraph encoderLike(ComputationGraph source, int slots, boolean mask) {
        ComputationGraph encoder = DualPathGraphs.textEncoder(smallText(slots, mask), DataType.FLOAT);
        DualPathGraphs.copyParameters(source, encoder);
        return encoder;
    }

    @Test
    void aCaptionEmbeddingDoesNotChangeWhenPaddingIsAdded() {
        ComputationGraph eight = DualPathGraphs.textEncoder(smallText(8, true), DataType.FLOAT);
        ComputationGraph sixteen = encoderLike(eight, 16, true);
        float[] alone = embed(eight, 8, 0, 3, 5, 7);
        float[] morePaddingAfter = embed(sixteen, 16, 0, 3, 5, 7);
        float[] paddingBefore = embed(sixteen, 16, 6, 3, 5, 7);
        for (int k = 0; k < alone.length; k++) {
            assertThat(morePaddingAfter[k]).isCloseTo(alone[k], within(1e-5f));
            assertThat(paddingBefore[k]).isCloseTo(alone[k], within(1e-5f));
        }
    }

    @Test
    void withoutTheMaskPaddingBeforeACaptionChangesItsEmbedding() {
        ComputationGraph unmasked = encoderLike(DualPathGraphs.textEncoder(smallText(16, true), DataType.FLOAT), 16, false);
        float[] atStart = embed(unmasked, 16, 0, 3, 5, 7);
        float[] shifted = embed(unmasked, 16, 6, 3, 5, 7);
        double diff = 0;
        for (int k = 0; k < atStart.length; k++) {
            diff += Math.abs(atStart[k] - shifted[k]);
        }
        assertThat(diff).isGreaterThan(1e-3);
    }
}
