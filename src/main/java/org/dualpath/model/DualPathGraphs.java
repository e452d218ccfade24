package org.dualpath.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.ReshapeVertex;
import org.deeplearning4j.nn.conf.graph.StackVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;

import java.util.function.Function;

/**
 * Builds the dual-path networks of a {@link NetworkConfig} as DL4J computation graphs.
 *
 * <p>The training graph has two inputs ({@value #IMAGE_INPUT}: pixels {@code [n, 3, s, s]} or backbone features
 * {@code [n, f]}; {@value #TEXT_INPUT}: word indices {@code [n, seqLength]}, 0 = padding) and two outputs that
 * both read the row stack of the image and text embeddings ({@value #JOINT}, {@code [2n, d]}): the ONE shared
 * instance classifier {@value #INSTANCE_OUTPUT} (softmax over training images; its weight matrix W_share gets
 * gradients from both halves) and the {@value #RANKING_OUTPUT} loss ({@link RankingLoss}). The encoder graphs hold
 * the same layers (same names) up to {@value #IMAGE_EMBEDDING} or {@value #TEXT_EMBEDDING}, so weights are
 * copied into them by name.
 *
 * <p>Image path: [small residual CNN, global average pool] then FC + BN + ReLU, FC + BN, dropout (or dropout, FC).
 * Text path: word embedding (initialised from word vectors) + BN (or a 1x1 stem convolution + BN + ReLU), a
 * residual CNN with 1x2 kernels along the word axis (stages after the first halve it), max pooling over the
 * positions that hold a word ({@link MaskedMaxPoolVertex}; padding slots never reach the embedding), FC + BN,
 * dropout (or dropout, FC). Unlike the paper, the last
 * FC of each path is not followed by a ReLU: with it, the non-negative embeddings of a network trained from
 * scratch collapsed onto one direction and the ranking loss stalled at its margin.
 */
public final class DualPathGraphs {
    static {
        OneDnnHelpers.enable();
    }

    public static final String IMAGE_INPUT = "image";
    public static final String TEXT_INPUT = "text";
    public static final String WORD_EMBEDDING = "word_embedding";
    public static final String IMAGE_EMBEDDING = "image_embedding";
    public static final String TEXT_EMBEDDING = "text_embedding";
    public static final String JOINT = "joint";
    public static final String INSTANCE_OUTPUT = "instance";
    public static final String RANKING_OUTPUT = "ranking";
    /** Prefix of the layers of the image CNN inside the network (learning-rate multipliers act on it). */
    public static final String IMAGE_CNN_PREFIX = "img_cnn_";

    private DualPathGraphs() {
    }

    /** The training graph with one updater for every layer (see the overload). */
    public static ComputationGraph training(NetworkConfig c, INDArray wordVectors, DataType dataType,
                                            IUpdater updater, double weightDecay) {
        return training(c, wordVectors, dataType, layer -> updater, weightDecay);
    }

    /**
     * The training graph; {@code wordVectors} ({@code [vocabSize, wordDim]}, or null for random) initialises the
     * word embedding; {@code updaterOfLayer} gives each layer, by name, its updater (and so its learning-rate
     * schedule: per-layer rates live in the configuration because DL4J's {@code setLearningRate} on a single
     * layer fails when it splits the updater state); {@code weightDecay} applies to every layer.
     */
    public static ComputationGraph training(NetworkConfig c, INDArray wordVectors, DataType dataType,
                                            Function<String, IUpdater> updaterOfLayer, double weightDecay) {
        ComputationGraphConfiguration conf = trainingConfiguration(c, dataType, weightDecay);
        conf.getVertices().forEach((name, vertex) -> {
            if (vertex instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof BaseLayer layer) {
                layer.setIUpdater(updaterOfLayer.apply(name));
            }
        });
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        if (c.fanInUniformInit()) {
            fanInUniform(graph, c.seed());
        }
        if (wordVectors != null) {
            // assigned after init rather than through DL4J's embedding weight init, which lays the matrix out in
            // 'c' order: a graph restored from a file (or an encoder) would then read the flat weights scrambled
            graph.getLayer(WORD_EMBEDDING).getParam(DefaultParamInitializer.WEIGHT_KEY).assign(wordVectors);
        }
        return graph;
    }

    /**
     * The number of weights of the training graph of {@code c}, counted from its configuration without
     * allocating them: a run checks that its checkpoints fit on the disk before it builds the graph.
     */
    public static long trainingParameterCount(NetworkConfig c) {
        long count = 0;
        for (var vertex : trainingConfiguration(c, DataType.FLOAT, 0).getVertices().values()) {
            if (vertex instanceof LayerVertex lv) {
                count += lv.getLayerConf().getLayer().initializer().numParams(lv.getLayerConf());
            }
        }
        return count;
    }

    private static ComputationGraphConfiguration trainingConfiguration(NetworkConfig c, DataType dataType,
                                                                       double weightDecay) {
        ComputationGraphConfiguration.GraphBuilder g = base(c, dataType, new NoOp(), weightDecay)
                .addInputs(IMAGE_INPUT, TEXT_INPUT);
        g.setInputTypes(imageInputType(c), InputType.recurrent(c.vocabSize(), c.seqLength()));
        addImagePath(g, c);
        addTextPath(g, c);
        addJointHead(g, c, IMAGE_EMBEDDING, TEXT_EMBEDDING);
        return g.build();
    }

    /** Re-draws the weights of every FC layer and of the instance classifier uniform in +-1/sqrt(fan-in). */
    private static void fanInUniform(ComputationGraph graph, long seed) {
        Nd4j.getRandom().setSeed(seed);
        for (org.deeplearning4j.nn.api.Layer layer : graph.getLayers()) {
            if (layer.conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.FeedForwardLayer ff
                    && (ff instanceof DenseLayer || ff instanceof OutputLayer)) {
                INDArray w = layer.getParam(DefaultParamInitializer.WEIGHT_KEY);
                double bound = 1 / Math.sqrt(ff.getNIn());
                w.assign(Nd4j.rand(w.dataType(), w.shape()).muli(2 * bound).subi(bound));
            }
        }
    }

    /**
     * The joint head: image and text embeddings stacked row-wise into {@value #JOINT}, read by the one shared
     * instance classifier and by the ranking loss, which become the graph's two outputs.
     */
    static void addJointHead(ComputationGraphConfiguration.GraphBuilder g, NetworkConfig c, String imageEmbedding,
                             String textEmbedding) {
        g.addVertex(JOINT, new StackVertex(), imageEmbedding, textEmbedding);
        g.addLayer(INSTANCE_OUTPUT, new OutputLayer.Builder(new InstanceLoss(1, 1))
                .nOut(c.numInstances()).activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build(), JOINT);
        g.addLayer(RANKING_OUTPUT, new LossLayer.Builder(new RankingLoss(c.margin(), c.negatives(), c.seed(), 1))
                .activation(Activation.IDENTITY).build(), JOINT);
        g.setOutputs(INSTANCE_OUTPUT, RANKING_OUTPUT);
    }

    /** Image input to image embedding, for inference. */
    public static ComputationGraph imageEncoder(NetworkConfig c, DataType dataType) {
        ComputationGraphConfiguration.GraphBuilder g = base(c, dataType, new NoOp(), 0).addInputs(IMAGE_INPUT);
        g.setInputTypes(imageInputType(c));
        addImagePath(g, c);
        g.setOutputs(IMAGE_EMBEDDING);
        return init(g);
    }

    /** Word indices to text embedding, for inference. */
    public static ComputationGraph textEncoder(NetworkConfig c, DataType dataType) {
        ComputationGraphConfiguration.GraphBuilder g = base(c, dataType, new NoOp(), 0).addInputs(TEXT_INPUT);
        g.setInputTypes(InputType.recurrent(c.vocabSize(), c.seqLength()));
        addTextPath(g, c);
        g.setOutputs(TEXT_EMBEDDING);
        return init(g);
    }

    /** The shared instance classifier's loss, whose image and text weights the trainer sets per stage. */
    public static InstanceLoss instanceLoss(ComputationGraph training) {
        return (InstanceLoss) ((org.deeplearning4j.nn.conf.layers.BaseOutputLayer)
                training.getLayer(INSTANCE_OUTPUT).conf().getLayer()).getLossFn();
    }

    /** The ranking loss, whose weight the trainer sets per stage. */
    public static RankingLoss rankingLoss(ComputationGraph training) {
        return (RankingLoss) ((LossLayer) training.getLayer(RANKING_OUTPUT).conf().getLayer()).getLossFn();
    }

    /**
     * Copies the parameters of every layer of {@code to} from the layer of the same name in {@code from}, one named
     * parameter at a time (so a layout difference between the two graphs' flat parameter vectors cannot scramble
     * a matrix).
     */
    public static void copyParameters(ComputationGraph from, ComputationGraph to) {
        for (org.deeplearning4j.nn.api.Layer layer : to.getLayers()) {
            org.deeplearning4j.nn.api.Layer source = from.getLayer(layer.conf().getLayer().getLayerName());
            for (String param : layer.paramTable().keySet()) {
                layer.getParam(param).assign(source.getParam(param));
            }
        }
    }

    static ComputationGraphConfiguration.GraphBuilder base(NetworkConfig c, DataType dataType,
                                                                   IUpdater updater, double weightDecay) {
        return new NeuralNetConfiguration.Builder()
                .seed(c.seed())
                .dataType(dataType)
                .updater(updater)
                .weightDecay(weightDecay)
                .weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Same)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .graphBuilder();
    }

    private static ComputationGraph init(ComputationGraphConfiguration.GraphBuilder g) {
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        return graph;
    }

    private static InputType imageInputType(NetworkConfig c) {
        return c.imageInput() == NetworkConfig.ImageInput.PIXELS
                ? InputType.convolutional(c.imageSize(), c.imageSize(), 3)
                : InputType.feedForward(c.featureDim());
    }

    private static void addImagePath(ComputationGraphConfiguration.GraphBuilder g, NetworkConfig c) {
        String features = IMAGE_INPUT;
        if (c.imageInput() == NetworkConfig.ImageInput.PIXELS) {
            int[] widths = c.imageWidths();
            g.addLayer(IMAGE_CNN_PREFIX + "stem", conv(3, 3, 2, 2, widths[0]), IMAGE_INPUT);
            String x = bn(g, IMAGE_CNN_PREFIX + "stem_bn", IMAGE_CNN_PREFIX + "stem", true);
            int in = widths[0];
            for (int s = 0; s < widths.length; s++) {
                x = residualBlock(g, IMAGE_CNN_PREFIX + "s" + s, x, in, widths[s], 3, 3, s == 0 ? 1 : 2, false);
                in = widths[s];
            }
            g.addLayer(IMAGE_CNN_PREFIX + "pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), x);
            features = IMAGE_CNN_PREFIX + "pool";
        }
        g.addLayer("img_fc1", dense(c.imageHiddenDim()), features);
        lastFc(g, c, "img_fc2", bn(g, "img_fc1_bn", "img_fc1", true), IMAGE_EMBEDDING);
    }

    /**
     * The last FC of a path, named {@code fc}, reading {@code input} and ending in {@code embedding}: dropout, FC
     * (with {@link NetworkConfig#dropoutBeforeLastFc}) or FC, BN, dropout.
     */
    private static void lastFc(ComputationGraphConfiguration.GraphBuilder g, NetworkConfig c, String fc, String input,
                               String embedding) {
        if (c.dropoutBeforeLastFc()) {
            g.addLayer(fc + "_dropout", new DropoutLayer.Builder(1 - c.dropout()).build(), input);
            g.addLayer(embedding, dense(c.embeddingDim()), fc + "_dropout");
        } else {
            g.addLayer(fc, dense(c.embeddingDim()), input);
            g.addLayer(embedding, new DropoutLayer.Builder(1 - c.dropout()).build(), bn(g, fc + "_bn", fc, false));
        }
    }

    private static void addTextPath(ComputationGraphConfiguration.GraphBuilder g, NetworkConfig c) {
        g.addLayer(WORD_EMBEDDING, new EmbeddingSequenceLayer.Builder()
                .nIn(c.vocabSize()).nOut(c.wordDim()).inputLength(c.seqLength()).hasBias(true).build(), TEXT_INPUT);
        // words as a 1 x seqLength "image" with wordDim channels, so the 1x2 kernels run along the word axis
        g.addVertex("txt_as_image", new ReshapeVertex(-1, c.wordDim(), 1, c.seqLength()), WORD_EMBEDDING);
        String x;
        int in;
        if (c.textStem() > 0) {
            g.addLayer("txt_stem", conv(1, 1, 1, 1, c.textStem()), "txt_as_image");
            x = bn(g, "txt_stem_bn", "txt_stem", true);
            in = c.textStem();
        } else {
            x = bn(g, "txt_embedding_bn", "txt_as_image", false);
            in = c.wordDim();
        }
        for (int s = 0; s < c.textWidths().length; s++) {
            for (int b = 0; b < c.textBlocks()[s]; b++) {
                int stride = (s > 0 && b == 0) ? 2 : 1;
                x = residualBlock(g, "txt_s" + s + "b" + b, x, in, c.textWidths()[s], 1, 2, stride, c.bottleneck());
                in = c.textWidths()[s];
            }
        }
        if (c.maskPadding()) {
            g.addVertex("txt_pool", new MaskedMaxPoolVertex(), x, TEXT_INPUT);
        } else {
            g.addLayer("txt_pool", new GlobalPoolingLayer.Builder(PoolingType.MAX).build(), x);
        }
        lastFc(g, c, "txt_fc", "txt_pool", TEXT_EMBEDDING);
    }

    /**
     * A residual block {@code relu(F(x) + shortcut(x))}; F is two kh x kw convolutions (or a 1x1, kh x kw, 1x1
     * bottleneck at a quarter of the width) with batch norm, the shortcut a strided 1x1 projection when the
     * shape changes. Returns the name of the block's output.
     */
    private static String residualBlock(ComputationGraphConfiguration.GraphBuilder g, String p, String in, int nIn,
                                        int nOut, int kh, int kw, int stride, boolean bottleneck) {
        int strideH = kh == 1 ? 1 : stride;
        String last;
        if (bottleneck) {
            int mid = Math.max(1, nOut / 4);
            g.addLayer(p + "_a", conv(1, 1, 1, 1, mid), in);
            g.addLayer(p + "_b", conv(kh, kw, strideH, stride, mid), bn(g, p + "_a_bn", p + "_a", true));
            g.addLayer(p + "_c", conv(1, 1, 1, 1, nOut), bn(g, p + "_b_bn", p + "_b", true));
            last = bn(g, p + "_c_bn", p + "_c", false);
        } else {
            g.addLayer(p + "_a", conv(kh, kw, strideH, stride, nOut), in);
            g.addLayer(p + "_b", conv(kh, kw, 1, 1, nOut), bn(g, p + "_a_bn", p + "_a", true));
            last = bn(g, p + "_b_bn", p + "_b", false);
        }
        String shortcut = in;
        if (stride != 1 || nIn != nOut) {
            g.addLayer(p + "_proj", conv(1, 1, strideH, stride, nOut), in);
            shortcut = bn(g, p + "_proj_bn", p + "_proj", false);
        }
        g.addVertex(p + "_add", new ElementWiseVertex(ElementWiseVertex.Op.Add), last, shortcut);
        g.addLayer(p + "_out", new ActivationLayer.Builder().activation(Activation.RELU).build(), p + "_add");
        return p + "_out";
    }

    private static ConvolutionLayer conv(int kh, int kw, int sh, int sw, int nOut) {
        return new ConvolutionLayer.Builder(kh, kw).stride(sh, sw).nOut(nOut).hasBias(false)
                .activation(Activation.IDENTITY).build();
    }

    /**
     * Batch norm named {@code name} on {@code input}, then ReLU when asked; returns the name of the output. The
     * ReLU is a layer of its own because DL4J ignores an activation set on a batch-norm layer.
     */
    private static String bn(ComputationGraphConfiguration.GraphBuilder g, String name, String input, boolean relu) {
        g.addLayer(name, new BatchNormalization.Builder().build(), input);
        if (!relu) {
            return name;
        }
        g.addLayer(name + "_relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), name);
        return name + "_relu";
    }

    private static DenseLayer dense(int nOut) {
        return new DenseLayer.Builder().nOut(nOut).hasBias(false).activation(Activation.IDENTITY).build();
    }
}
