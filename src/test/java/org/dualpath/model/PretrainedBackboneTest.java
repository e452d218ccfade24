package org.dualpath.model;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.dualpath.common.InputException;
import org.dualpath.common.SharedData;
import org.dualpath.data.image.ImageDecoder;
import org.dualpath.data.image.ImagePreprocessor;
import org.junit.jupiter.api.BeforeAll;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

@Tag("slow")
class PretrainedBackboneTest {
    private static final String MOBILENET = "models/mobilenet_v1_0.25_224/mobilenet_v1_0.25_224.h5";
    private static final List<String> PHOTOS = List.of(
            "1000268201_693b08cb0e.jpg", "1001773457_577c3a7d70.jpg", "1002674143_1b742ab4b8.jpg");

    private static PretrainedBackbone mobilenet;

    @BeforeAll
    static void importOnce() {
        if (System.getenv("DUALPATH_SHARED") != null) {
            mobilenet = PretrainedBackbone.mobilenet(SharedData.require(MOBILENET));
        }
    }

    /**
     * Feature caches already on users' disks stay valid: the fingerprint of a small feature graph (20,000
     * parameters, more than one hashing chunk) is pinned to the value this version computes.
     */
    @Test
    void fingerprintStaysTheSame() {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().graphBuilder()
                .addInputs("input")
                .setInputTypes(InputType.convolutional(PretrainedBackbone.INPUT_SIZE, PretrainedBackbone.INPUT_SIZE, 3,
                        CNN2DFormat.NHWC))
                .addLayer("conv", new ConvolutionLayer.Builder(1, 1).nOut(5000).dataFormat(CNN2DFormat.NHWC).build(),
                        "input")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "conv")
                .setOutputs("pool").build());
        graph.init();
        float[] params = new float[(int) graph.numParams()];
        for (int i = 0; i < params.length; i++) {
            params[i] = (i % 97) * 0.25f - 7;
        }
        graph.setParams(Nd4j.create(params, new long[]{1, params.length}));
        PretrainedBackbone backbone = PretrainedBackbone.restore(Backbone.MOBILENET, graph);
        assertThat(params).hasSize(20_000);
        assertThat(backbone.fingerprint()).isEqualTo("113c58b9e7f81238bc2c2c5c2499a700dcc61725ddd69ccfbd9449497053291d");
    }

    @Test
    void mobilenetGivesFinite256dFeaturesDeterministically() {
        SharedData.require(MOBILENET);
        assertThat(mobilenet.kind()).isEqualTo(Backbone.MOBILENET);
        assertThat(mobilenet.featureDim()).isEqualTo(256);
        assertThat(mobilenet.graph().getConfiguration().getNetworkOutputs()).containsExactly("global_average_pooling2d_1");
        float[] image = photo(mobilenet.preprocessing(), PHOTOS.get(0));
        float[][] f = mobilenet.features(new float[][]{image, image});
        assertThat(f).hasDimensions(2, 256);
        assertFinite(f);
        // the same call is exactly repeatable; rows of one batch agree only to rounding (blocked matrix products)
        assertThat(mobilenet.features(new float[][]{image, image})).isDeepEqualTo(f);
        assertThat(f[1]).containsExactly(f[0], within(1e-4f));
        assertThat(mobilenet.features(new float[][]{image})[0]).containsExactly(f[0], within(1e-4f));
    }

    @Test
    void mobilenetFeaturesOfTwoCropsOfAPhotoAreCloserThanOtherPhotos() {
        Path dir = SharedData.require("data/flickr8k-1k/images");
        ImagePreprocessor pre = new ImagePreprocessor(mobilenet.preprocessing());
        Random random = new Random(7);
        float[][] centre = new float[PHOTOS.size()][];
        float[][] crop = new float[PHOTOS.size()][];
        for (int i = 0; i < PHOTOS.size(); i++) {
            BufferedImage image = ImageDecoder.decode(dir.resolve(PHOTOS.get(i)));
            centre[i] = pre.evaluate(image);
            crop[i] = pre.toArray(ImagePreprocessor.randomResizedCrop(image, 224, random), true);
        }
        float[][] a = mobilenet.features(centre);
        float[][] b = mobilenet.features(crop);
        for (int i = 0; i < PHOTOS.size(); i++) {
            for (int j = 0; j < PHOTOS.size(); j++) {
                if (i != j) {
                    assertThat(cosine(b[i], a[i])).as("crop %d vs photo %d", i, j).isGreaterThan(cosine(b[i], a[j]));
                }
            }
        }
    }

    @Test
    void mobilenetFeatureGraphSurvivesASerialisationRoundTrip() throws Exception {
        SharedData.require(MOBILENET);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(mobilenet.graph(), bytes, false);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes.toByteArray()), false);
        PretrainedBackbone again = PretrainedBackbone.restore(Backbone.MOBILENET, restored);
        float[] image = photo(mobilenet.preprocessing(), PHOTOS.get(1));
        assertThat(again.featureDim()).isEqualTo(256);
        assertThat(again.features(new float[][]{image})[0]).containsExactly(mobilenet.features(new float[][]{image})[0]);
        assertThat(again.fingerprint()).isEqualTo(mobilenet.fingerprint());
    }

    @Test
    void resnet50WithRandomWeightsGives2048dPool5() {
        PretrainedBackbone resnet = PretrainedBackbone.resnet50(null);
        assertThat(resnet.featureDim()).isEqualTo(2048);
        assertThat(resnet.graph().getConfiguration().getNetworkOutputs()).containsExactly(PretrainedBackbone.RESNET_FEATURES);
        assertThat(resnet.preprocessing().layout()).isEqualTo(ImagePreprocessor.Layout.CHW);
        Random random = new Random(1);
        float[][] batch = new float[2][3 * 224 * 224];
        for (float[] row : batch) {
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) random.nextGaussian();
            }
        }
        float[][] f = resnet.features(batch);
        assertThat(f).hasDimensions(2, 2048);
        assertFinite(f);
        assertThat(f[0]).isNotEqualTo(f[1]);
    }

    @Test
    void aFileThatIsNotHdf5IsRefusedWithItsName(@TempDir Path dir) throws Exception {
        Path fake = Files.writeString(dir.resolve("model.h5"), "not a model");
        assertThatThrownBy(() -> PretrainedBackbone.mobilenet(fake))
                .isInstanceOf(InputException.class)
                .hasMessageContaining(fake.toString())
                .hasMessageContaining("not an HDF5 file")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> PretrainedBackbone.mobilenet(dir.resolve("missing.h5")))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("no such file");
    }

    @Test
    void aKerasModelWithoutGlobalAveragePoolingIsRefused() {
        String config = """
                {"class_name": "Functional", "config": {"name": "m", "layers": [
                  {"class_name": "InputLayer", "name": "in", "config": {"name": "in"}, "inbound_nodes": []},
                  {"class_name": "Dense", "name": "d", "config": {"name": "d"}, "inbound_nodes": [[["in", 0, 0, {}]]]}],
                 "input_layers": [["in", 0, 0]], "output_layers": [["d", 0, 0]]}}
                """;
        assertThatThrownBy(() -> PretrainedBackbone.classifierConfig(Path.of("dense.h5"), config))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("dense.h5: ")
                .hasMessageContaining("no GlobalAveragePooling2D layer");
    }

    @Test
    void thePoolingDropsItsSpatialAxesAndAReshapeFeedsTheHead() {
        String config = """
                {"class_name": "Functional", "config": {"name": "m", "layers": [
                  {"class_name": "InputLayer", "name": "in", "config": {"name": "in"}, "inbound_nodes": []},
                  {"class_name": "Conv2D", "name": "c", "config": {"name": "c", "filters": 8}, "inbound_nodes": [[["in", 0, 0, {}]]]},
                  {"class_name": "ReLU", "name": "r", "config": {"name": "r"}, "inbound_nodes": [[["c", 0, 0, {}]]]},
                  {"class_name": "GlobalAveragePooling2D", "name": "gap", "config": {"name": "gap", "keepdims": true},
                   "inbound_nodes": [[["r", 0, 0, {}]]]},
                  {"class_name": "Conv2D", "name": "head", "config": {"name": "head", "filters": 3}, "inbound_nodes": [[["gap", 0, 0, {}]]]}],
                 "input_layers": [["in", 0, 0]], "output_layers": [["head", 0, 0]]}}
                """;
        PretrainedBackbone.KerasClassifierConfig cut = PretrainedBackbone.classifierConfig(Path.of("m.h5"), config);
        assertThat(cut.poolingName()).isEqualTo("gap");
        assertThat(cut.json()).contains("\"keepdims\":false")
                .contains("\"target_shape\":[1,1,8]")
                .contains("\"inbound_nodes\":[[[\"features_to_1x1\",0,0,{}]]]");
    }

    @Test
    void theImportedMobilenetClassifierRecognisesDogs() {
        ComputationGraph classifier = PretrainedBackbone.mobilenetClassifier(SharedData.require(MOBILENET));
        float[] dogs = photo(mobilenet.preprocessing(), PHOTOS.get(1));
        INDArray p = classifier.outputSingle(Nd4j.create(dogs).reshape(1, 224, 224, 3));
        int top = p.argMax(1).getInt(0);
        // ImageNet classes 151-268 are dog breeds; the photo shows two dogs
        assertThat(top).isBetween(151, 268);
        assertThat(p.sumNumber().doubleValue()).isCloseTo(1.0, within(1e-3));
    }

    private static float[] photo(ImagePreprocessor.Config config, String name) {
        Path file = SharedData.require("data/flickr8k-1k/images/" + name);
        return new ImagePreprocessor(config).evaluate(ImageDecoder.decode(file));
    }

    private static void assertFinite(float[][] rows) {
        for (float[] row : rows) {
            for (float v : row) {
                assertThat(Float.isFinite(v)).as("finite feature").isTrue();
            }
        }
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
