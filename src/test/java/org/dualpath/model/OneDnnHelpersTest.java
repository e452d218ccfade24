package org.dualpath.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.util.ModelSerializer;
import org.dualpath.train.Preset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The oneDNN helpers are attached to every convolution and batch norm on x86-64 (where the POM picks ND4J's
 * oneDNN build): without the property or the class-name bridge, DL4J silently runs its slow built-in path.
 */
@EnabledOnOs(architectures = "amd64", value = {OS.LINUX, OS.MAC, OS.WINDOWS})
class OneDnnHelpersTest {
    @Test
    void everyConvolutionAndBatchNormOfATrainingGraphAndARestoredGraphHasItsOneDnnHelper() throws Exception {
        NetworkConfig c = Preset.shapesDemo().network().toBuilder().vocabSize(20).numInstances(10).build();
        ComputationGraph graph = DualPathGraphs.training(c, null, DataType.FLOAT, new Adam(1e-3), 0);
        assertHelpers(graph);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(graph, bytes, false);
        assertHelpers(ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes.toByteArray()), false));
    }

    private static void assertHelpers(ComputationGraph graph) {
        Layer[] convs = Arrays.stream(graph.getLayers()).filter(l -> l instanceof ConvolutionLayer).toArray(Layer[]::new);
        Layer[] norms = Arrays.stream(graph.getLayers()).filter(l -> l instanceof BatchNormalization).toArray(Layer[]::new);
        assertThat(convs).isNotEmpty().allSatisfy(l -> assertThat(l.getHelper()).isInstanceOf(MKLDNNConvHelper.class));
        assertThat(norms).isNotEmpty().allSatisfy(l -> assertThat(l.getHelper()).isInstanceOf(MKLDNNBatchNormHelper.class));
    }
}
