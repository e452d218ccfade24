package org.dualpath.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.deeplearning4j.nn.modelimport.keras.KerasModel;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.nn.weights.WeightInitRelu;
import org.deeplearning4j.util.ModelSerializer;
import org.deeplearning4j.zoo.model.ResNet50;
import org.dualpath.common.Hashes;
import org.dualpath.common.InputException;
import org.dualpath.data.image.ImagePreprocessor;
import org.dualpath.data.image.ImagePreprocessor.Layout;
import org.dualpath.data.image.ImagePreprocessor.Normalization;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pretrained ImageNet network cut after its global average pooling, so that it maps preprocessed images to
 * pooled feature vectors: Keras MobileNet v1 imported from a full-model .h5 file, or DL4J's zoo ResNet-50.
 * The feature graph is self-contained (its only output is the feature layer), so it can be stored in a
 * {@link ModelBundle} and restored with {@link #restore}. {@link #features} is serialised: a
 * {@link ComputationGraph} is not safe for concurrent use.
 */
public final class PretrainedBackbone implements FeatureExtractor {
    static {
        OneDnnHelpers.enable();
    }

    /** Input side length of both networks. */
    public static final int INPUT_SIZE = 224;
    /** The feature (output) layer added to ResNet-50: global average pooling of the last residual block. */
    public static final String RESNET_FEATURES = "pool5";
    private static final long RESNET_SEED = 1234;
    private static final String KERAS_VERSION = "keras_version";
    private static final String RESHAPE_AFTER_POOLING = "features_to_1x1";
    private static final String GLOBAL_AVERAGE_POOLING = "GlobalAveragePooling2D";
    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Backbone kind;
    private final ComputationGraph graph;
    private final ImagePreprocessor.Config preprocessing;
    private final int featureDim;
    private String fingerprint;

    private PretrainedBackbone(Backbone kind, ComputationGraph graph, ImagePreprocessor.Config preprocessing) {
        this.kind = kind;
        this.graph = graph;
        this.preprocessing = preprocessing;
        this.featureDim = outputSize(graph, preprocessing);
    }

    /**
     * Keras MobileNet v1 from a full Keras model file (architecture and weights, as written by
     * {@code model.save}). DL4J 1.0.0-M2.1 cannot import the classifier head that follows
     * {@code GlobalAveragePooling2D(keepdims=True)}, so the stored model config is rewritten before import
     * (see {@link #classifierConfig}); the imported graph is then cut after the pooling. Features: the pooled
     * vector (256-d at width multiplier 0.25). A weights-only file (such as Keras Applications'
     * {@code mobilenet_2_5_224_tf.h5}) is refused: it carries no architecture to import.
     */
    public static PretrainedBackbone mobilenet(Path h5) {
        KerasClassifierConfig config = classifierConfig(h5, readModelConfig(h5));
        return new PretrainedBackbone(Backbone.MOBILENET, cutAfter(importKeras(h5, config.json()), config.poolingName()),
                preprocessing(Backbone.MOBILENET));
    }

    /** The whole Keras MobileNet classifier (1000-way softmax on ImageNet classes), imported as in {@link #mobilenet}. */
    static ComputationGraph mobilenetClassifier(Path h5) {
        return importKeras(h5, classifierConfig(h5, readModelConfig(h5)).json());
    }

    private static ComputationGraph importKeras(Path h5, String modelJson) {
        try {
            return new KerasModel().modelBuilder()
                    .modelJson(modelJson)
                    .weightsHdf5Filename(h5.toString())
                    .enforceTrainingConfig(false)
                    .buildModel()
                    .getComputationGraph();
        } catch (Exception e) {
            throw new InputException(h5 + ": cannot import the Keras model (" + oneLine(e)
                    + "); give a full Keras MobileNet v1 model file (.h5 saved with model.save)", e);
        }
    }

    /**
     * DL4J zoo ResNet-50 with ImageNet weights from the zoo's {@code resnet50_dl4j_inference.v3.zip}
     * ({@link PretrainedWeights#RESNET50_DL4J}), or with random weights when {@code weightsZip} is null
     * (random weights only serve tests and speed measurements). The classifier and the pooling before it are
     * replaced by a global average pooling of the last residual block, {@value #RESNET_FEATURES}: 2048-d.
     */
    public static PretrainedBackbone resnet50(Path weightsZip) {
        ComputationGraph full;
        if (weightsZip == null) {
            // the zoo's default initialisation (truncated normal, std 0.5) overflows to NaN through 50 layers
            // whose batch norms still hold their initial statistics; He initialisation keeps values finite
            full = ResNet50.builder().numClasses(1000).seed(RESNET_SEED).weightInit(new WeightInitRelu()).build().init();
        } else {
            try {
                full = ModelSerializer.restoreComputationGraph(weightsZip.toFile(), false);
            } catch (IOException | RuntimeException e) {
                throw new InputException(weightsZip + ": not a DL4J model zip (" + oneLine(e)
                        + "); download resnet50_dl4j_inference.v3.zip again", e);
            }
        }
        return new PretrainedBackbone(Backbone.RESNET50, cutAtPool5(weightsZip, full), preprocessing(Backbone.RESNET50));
    }

    /** A backbone restored from the feature graph that {@link #graph()} gave (as stored in a model bundle). */
    public static PretrainedBackbone restore(Backbone kind, ComputationGraph featureGraph) {
        if (!kind.pretrained()) {
            throw new IllegalArgumentException(kind + " is not a pretrained backbone");
        }
        if (featureGraph.getConfiguration().getNetworkOutputs().size() != 1) {
            throw new IllegalArgumentException("a feature graph has one output, got "
                    + featureGraph.getConfiguration().getNetworkOutputs());
        }
        return new PretrainedBackbone(kind, featureGraph, preprocessing(kind));
    }

    /** The image preparation each pretrained backbone was trained with. */
    public static ImagePreprocessor.Config preprocessing(Backbone kind) {
        return switch (kind) {
            case MOBILENET -> ImagePreprocessor.Config.of(INPUT_SIZE, Normalization.MINUS_ONE_TO_ONE, Layout.HWC);
            case RESNET50 -> ImagePreprocessor.Config.of(INPUT_SIZE, Normalization.IMAGENET, Layout.CHW);
            case SMALL_RESNET -> throw new IllegalArgumentException(kind + " is not a pretrained backbone");
        };
    }

    /** The feature graph: image input, one output (the pooled features). */
    public ComputationGraph graph() {
        return graph;
    }

    @Override
    public Backbone kind() {
        return kind;
    }

    /** The actual feature length (MobileNet's depends on the width multiplier of the imported file). */
    @Override
    public int featureDim() {
        return featureDim;
    }

    @Override
    public ImagePreprocessor.Config preprocessing() {
        return preprocessing;
    }

    /** SHA-256 of the backbone kind, the output name and all parameter values (computed once). */
    @Override
    public synchronized String fingerprint() {
        if (fingerprint == null) {
            fingerprint = Hashes.sha256Builder()
                    .putString(kind.id() + "\n" + graph.getConfiguration().getNetworkOutputs() + "\n")
                    .putFloats(graph.params().castTo(DataType.FLOAT).toFloatVector())
                    .hex();
        }
        return fingerprint;
    }

    @Override
    public synchronized float[][] features(float[][] preprocessedBatch) {
        int n = preprocessedBatch.length;
        if (n == 0) {
            return new float[0][];
        }
        long[] one = preprocessing.shape();
        INDArray input = Nd4j.create(preprocessedBatch)
                .reshape('c', n, one[0], one[1], one[2])
                .castTo(graph.params().dataType());
        INDArray out = graph.outputSingle(input);
        return out.reshape(n, featureDim).castTo(DataType.FLOAT).toFloatMatrix();
    }

    private static void checkHdf5(Path h5) {
        if (!Files.isRegularFile(h5)) {
            throw new InputException(h5 + ": no such file; give the path of a Keras MobileNet .h5 model file");
        }
        byte[] head = new byte[HDF5_SIGNATURE.length];
        try (InputStream in = Files.newInputStream(h5)) {
            if (in.readNBytes(head, 0, head.length) != head.length || !Arrays.equals(head, HDF5_SIGNATURE)) {
                throw new InputException(h5 + ": not an HDF5 file; give a Keras MobileNet model file (.h5 saved with model.save)");
            }
        } catch (IOException e) {
            throw new InputException(h5 + ": cannot read the file (" + e.getMessage() + ")", e);
        }
    }

    private static String readModelConfig(Path h5) {
        checkHdf5(h5);
        try (Hdf5Archive archive = new Hdf5Archive(h5.toString())) {
            if (!archive.hasAttribute("model_config")) {
                throw new InputException(h5 + ": Keras weights only, no model architecture inside; give a full model "
                        + "file (saved with model.save), such as the one from the stm32ai model zoo");
            }
            String json = archive.readAttributeAsJson("model_config");
            // the attribute is read into a fixed-size buffer: the JSON ends at the first NUL
            int end = json.indexOf('\0');
            ObjectNode config = (ObjectNode) JSON.readTree(end >= 0 ? json.substring(0, end) : json);
            // The importer reads the Keras version from the JSON it is given; without it, it assumes Keras 1
            // and knows no Conv2D. Keras stores version and backend as separate attributes of the file.
            for (String attribute : List.of(KERAS_VERSION, "backend")) {
                if (archive.hasAttribute(attribute)) {
                    config.put(attribute, archive.readAttributeAsString(attribute));
                }
            }
            if (!config.has(KERAS_VERSION)) {
                config.put(KERAS_VERSION, "2");
            }
            return config.toString();
        } catch (InputException e) {
            throw e;
        } catch (Exception e) {
            throw new InputException(h5 + ": cannot read the Keras model config (" + oneLine(e)
                    + "); give a full Keras model file (.h5 saved with model.save)", e);
        }
    }

    /**
     * The Keras model config rewritten so that DL4J can import the whole classifier: the only
     * {@code GlobalAveragePooling2D} drops its spatial axes ({@code keepdims=false}; DL4J mishandles the kept
     * 1x1 axes) and a {@code Reshape} back to 1x1 is inserted after it for the convolutional head.
     */
    static KerasClassifierConfig classifierConfig(Path source, String modelConfig) {
        JsonNode root;
        try {
            root = JSON.readTree(modelConfig);
        } catch (IOException e) {
            throw new InputException(source + ": damaged Keras model config (" + oneLine(e) + "); download the model file again", e);
        }
        JsonNode layersNode = root.path("config").path("layers");
        if (!layersNode.isArray()) {
            throw new InputException(source + ": the Keras model config has no layer list; give a Keras MobileNet model file");
        }
        ArrayNode layers = (ArrayNode) layersNode;
        List<JsonNode> poolings = new ArrayList<>();
        layers.forEach(l -> {
            if (GLOBAL_AVERAGE_POOLING.equals(l.path("class_name").asText())) {
                poolings.add(l);
            }
        });
        if (poolings.size() != 1) {
            throw new InputException(source + ": the Keras model has " + (poolings.isEmpty() ? "no" : poolings.size())
                    + " GlobalAveragePooling2D layer" + (poolings.isEmpty() ? "" : "s")
                    + ", so it is not a MobileNet-style classifier; give a Keras MobileNet model file");
        }
        ObjectNode pooling = (ObjectNode) poolings.get(0);
        String poolingName = pooling.path("name").asText();
        ((ObjectNode) pooling.path("config")).put("keepdims", false);
        int channels = channelsBefore(source, layers, poolingName);

        // consumers of the pooling read the reshaped 1x1 map instead
        for (JsonNode layer : layers) {
            for (JsonNode node : layer.path("inbound_nodes")) {
                for (JsonNode inbound : node) {
                    if (inbound.isArray() && poolingName.equals(inbound.path(0).asText())) {
                        ((ArrayNode) inbound).set(0, RESHAPE_AFTER_POOLING);
                    }
                }
            }
        }
        ObjectNode reshape = JSON.createObjectNode();
        reshape.put("class_name", "Reshape");
        reshape.put("name", RESHAPE_AFTER_POOLING);
        ObjectNode reshapeConfig = reshape.putObject("config");
        reshapeConfig.put("name", RESHAPE_AFTER_POOLING);
        reshapeConfig.put("trainable", false);
        reshapeConfig.put("dtype", "float32");
        reshapeConfig.putArray("target_shape").add(1).add(1).add(channels);
        reshape.putArray("inbound_nodes").addArray().addArray().add(poolingName).add(0).add(0).addObject();
        int at = 0;
        while (layers.get(at) != pooling) {
            at++;
        }
        layers.insert(at + 1, reshape);
        return new KerasClassifierConfig(root.toString(), poolingName);
    }

    /** A Keras model config DL4J can import, and the name of its global pooling layer (the features). */
    record KerasClassifierConfig(String json, String poolingName) {
    }

    /** The channel count of the pooling's input: the {@code filters} of the nearest convolution above it. */
    private static int channelsBefore(Path source, ArrayNode layers, String name) {
        Map<String, JsonNode> byName = new HashMap<>();
        layers.forEach(l -> byName.put(l.path("name").asText(), l));
        JsonNode layer = byName.get(name);
        while (layer != null) {
            JsonNode filters = layer.path("config").path("filters");
            if (filters.isInt() && layer != byName.get(name)) {
                return filters.asInt();
            }
            // inbound_nodes: [[[layerName, nodeIndex, tensorIndex, kwargs], ...], ...]
            layer = byName.get(layer.path("inbound_nodes").path(0).path(0).path(0).asText());
        }
        throw new InputException(source + ": no convolution before the GlobalAveragePooling2D layer; "
                + "give a Keras MobileNet model file");
    }

    /** {@code classifier} without the layers after {@code featureLayer}, which becomes its only output. */
    private static ComputationGraph cutAfter(ComputationGraph classifier, String featureLayer) {
        ComputationGraphConfiguration conf = classifier.getConfiguration();
        Set<String> keep = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(featureLayer));
        while (!todo.isEmpty()) {
            String v = todo.pop();
            if (keep.add(v)) {
                todo.addAll(conf.getVertexInputs().getOrDefault(v, List.of()));
            }
        }
        TransferLearning.GraphBuilder cut = new TransferLearning.GraphBuilder(classifier);
        for (String v : conf.getVertices().keySet()) {
            if (!keep.contains(v)) {
                cut.removeVertexAndConnections(v);
            }
        }
        return cut.setOutputs(featureLayer).build();
    }

    /**
     * Replaces the classifier and the pooling layer before it by a global average pooling of the last residual
     * block: the usual "pool5" features whatever pooling the stored graph used.
     */
    private static ComputationGraph cutAtPool5(Path source, ComputationGraph full) {
        ComputationGraphConfiguration conf = full.getConfiguration();
        List<String> outputs = conf.getNetworkOutputs();
        Map<String, List<String>> inputs = conf.getVertexInputs();
        String what = source == null ? "the zoo ResNet-50" : source.toString();
        if (outputs.size() != 1 || inputs.get(outputs.get(0)).size() != 1) {
            throw new InputException(what + ": not a ResNet-50 classifier (outputs " + outputs
                    + "); use the DL4J zoo file resnet50_dl4j_inference.v3.zip");
        }
        String classifier = outputs.get(0);
        String pooling = inputs.get(classifier).get(0);
        GraphVertex poolingVertex = conf.getVertices().get(pooling);
        boolean isPooling = poolingVertex instanceof LayerVertex lv
                && (lv.getLayerConf().getLayer() instanceof SubsamplingLayer
                || lv.getLayerConf().getLayer() instanceof GlobalPoolingLayer);
        if (!isPooling || inputs.get(pooling).size() != 1) {
            throw new InputException(what + ": no pooling layer before the classifier '" + classifier
                    + "'; use the DL4J zoo file resnet50_dl4j_inference.v3.zip");
        }
        String lastBlock = inputs.get(pooling).get(0);
        return new TransferLearning.GraphBuilder(full)
                .removeVertexAndConnections(classifier)
                .removeVertexAndConnections(pooling)
                .addLayer(RESNET_FEATURES, new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), lastBlock)
                .setOutputs(RESNET_FEATURES)
                .build();
    }

    /** The number of values per example at the graph's single output for a 224x224 RGB input. */
    private static int outputSize(ComputationGraph graph, ImagePreprocessor.Config preprocessing) {
        int s = preprocessing.size();
        InputType in = preprocessing.layout() == Layout.HWC
                ? InputType.convolutional(s, s, 3, CNN2DFormat.NHWC)
                : InputType.convolutional(s, s, 3, CNN2DFormat.NCHW);
        ComputationGraphConfiguration conf = graph.getConfiguration();
        Map<String, InputType> types = conf.getLayerActivationTypes(in);
        return (int) types.get(conf.getNetworkOutputs().get(0)).arrayElementsPerExample();
    }


    private static String oneLine(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.lines().findFirst().orElse("").strip();
    }
}
