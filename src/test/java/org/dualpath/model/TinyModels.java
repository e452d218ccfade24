package org.dualpath.model;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dualpath.data.image.ImagePreprocessor;
import org.dualpath.text.Vocabulary;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;

import java.util.List;

/** Small random-weight models for tests and benchmarks: 16-px images, 8 word slots, words of the shapes captions. */
public final class TinyModels {
    /** The caption texts the vocabulary is built from. */
    public static final List<String> WORDS = List.of("a red circle", "a blue square left of a circle");

    private TinyModels() {
    }

    /** A 16-d model; {@code seed} picks the random weights. */
    public static ModelBundle bundle(long seed) {
        return bundle(16, seed);
    }

    /** A model embedding into {@code dimension} dimensions. */
    public static ModelBundle bundle(int dimension, long seed) {
        return bundle(WORDS, dimension, seed);
    }

    /** A model embedding into {@code dimension} dimensions with the vocabulary of {@code words}. */
    public static ModelBundle bundle(List<String> words, int dimension, long seed) {
        Vocabulary vocabulary = Vocabulary.build(words, 1);
        return bundle(network(vocabulary, dimension, seed), vocabulary, Backbone.SMALL_RESNET, new ImagePreprocessor.Config(16,
                18, ImagePreprocessor.Normalization.CENTERED, ImagePreprocessor.Layout.CHW));
    }

    /** A model whose file prepares images as {@code preprocessing} says, whatever its 16-px network takes. */
    public static ModelBundle preparingImages(ImagePreprocessor.Config preprocessing) {
        Vocabulary vocabulary = Vocabulary.build(WORDS, 1);
        return bundle(network(vocabulary, 16, 3), vocabulary, Backbone.SMALL_RESNET, preprocessing);
    }

    /** A model whose network reads 256-d MobileNet features, with no MobileNet in its file to compute them. */
    public static ModelBundle readingFeaturesWithoutBackbone() {
        Vocabulary vocabulary = Vocabulary.build(WORDS, 1);
        NetworkConfig c = network(vocabulary, 16, 3).toBuilder().features(Backbone.MOBILENET.featureDim()).build();
        return bundle(c, vocabulary, Backbone.MOBILENET, new ImagePreprocessor.Config(16, 18, ImagePreprocessor.Normalization.CENTERED,
                ImagePreprocessor.Layout.CHW));
    }

    private static NetworkConfig network(Vocabulary vocabulary, int dimension, long seed) {
        return NetworkConfig.builder().pixels(16, 4, 8).imageHiddenDim(16).embeddingDim(dimension).dropout(0.1)
                .vocabSize(vocabulary.size()).wordDim(8).seqLength(8)
                .textCnn(new int[]{8, 16}, new int[]{1, 1}).numInstances(4).seed(seed).build();
    }

    private static ModelBundle bundle(NetworkConfig c, Vocabulary vocabulary, Backbone backbone,
                                      ImagePreprocessor.Config preprocessing) {
        ComputationGraph graph = DualPathGraphs.training(c, null, DataType.FLOAT, new Adam(1e-3), 0);
        return ModelBundle.training("test", c, new ModelBundle.ImageSettings(backbone, preprocessing), vocabulary,
                null, null, null, graph, null, null);
    }

    /** The provenance of a made-up run: 8 shapes images, a seeded split, finished 2025-06-01 14:03:05 UTC. */
    public static ModelProvenance provenance() {
        var split = new ModelProvenance.SplitProvenance(ModelProvenance.SplitProvenance.SEEDED, null, null, 7L,
                "seeded shuffle: val 2, test 2", 4, 2, 2);
        var data = new ModelProvenance.TrainingData("shapes", "/data/captions.json", "ab".repeat(32), "/data/images",
                null, 8, 16, split, 0, List.of());
        var settings = new ModelProvenance.Settings("shapes-demo", List.of(new ModelProvenance.SettingChange(
                "training.batchSize", com.fasterxml.jackson.databind.node.IntNode.valueOf(128),
                com.fasterxml.jackson.databind.node.IntNode.valueOf(8))), 42, 2, null, null);
        return new ModelProvenance(data, settings, ModelProvenance.Software.current(),
                ModelProvenance.Machine.current(),
                new ModelProvenance.Timing("2025-06-01T14:00:00Z", "2025-06-01T14:03:05.5Z", 185.5, 1));
    }
}
