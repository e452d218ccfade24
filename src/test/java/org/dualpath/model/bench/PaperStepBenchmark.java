package org.dualpath.model.bench;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.zoo.model.ResNet50;
import org.dualpath.model.DualPathGraphs;
import org.dualpath.model.NetworkConfig;
import org.dualpath.model.PretrainedBackbone;
import org.dualpath.train.Preset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code paper} preset at full COCO size on CPU, with random weights (offline): parameter counts by part
 * (ResNet-50 feature graph, image FC head, word embedding, text CNN, the shared classifier W_share) and the time
 * of one training step (forward + backward + SGD update) of the dual-path graph on cached 2048-d features at the
 * paper's batch of 32, plus one step of ResNet-50 itself on 224 x 224 images, which stage II would add.
 * Run: {@code java -Xmx4g -Dorg.bytedeco.javacpp.maxbytes=12G -cp target/classes:target/test-classes:$(cat cp.txt)
 * org.dualpath.model.bench.PaperStepBenchmark [VOCABULARY INSTANCES BATCH]} (defaults: COCO's 29,972 words,
 * 113,287 training images, 32).
 */
public final class PaperStepBenchmark {
    private PaperStepBenchmark() {
    }

    public static void main(String[] args) {
        int words = args.length > 0 ? Integer.parseInt(args[0]) : 29_972;
        int instances = args.length > 1 ? Integer.parseInt(args[1]) : 113_287;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        NetworkConfig c = Preset.paper().network().toBuilder().vocabSize(words + 1).numInstances(instances).build();
        Nd4j.getRandom().setSeed(1);

        long t0 = System.nanoTime();
        ComputationGraph graph = DualPathGraphs.training(c, null, DataType.FLOAT, new Nesterovs(0.1, 0.9), 1e-4);
        System.out.printf(Locale.ROOT, "paper dual-path graph built in %.1f s (%,d words, %,d instances)%n",
                seconds(t0), words, instances);
        Map<String, Long> parts = new TreeMap<>();
        for (Layer layer : graph.getLayers()) {
            parts.merge(part(layer.conf().getLayer().getLayerName()), layer.numParams(), Long::sum);
        }
        PretrainedBackbone resnet = PretrainedBackbone.resnet50(null);
        parts.put("ResNet-50 feature graph (pool5)", resnet.graph().numParams());
        parts.forEach((part, count) -> System.out.printf(Locale.ROOT, "  %-34s %,13d%n", part, count));
        System.out.printf(Locale.ROOT, "  %-34s %,13d%n", "total", parts.values().stream().mapToLong(Long::longValue).sum());

        MultiDataSet data = batch(c, batch);
        for (int step = 0; step < 3; step++) {
            long s = System.nanoTime();
            graph.fit(data);
            System.out.printf(Locale.ROOT, "dual-path step %d (batch %d, features cached): %.2f s, loss %.3f%n",
                    step + 1, batch, seconds(s), graph.score());
        }

        ComputationGraph full = ResNet50.builder().numClasses(1000).seed(1)
                .weightInit(new org.deeplearning4j.nn.weights.WeightInitRelu()).build().init();
        INDArray images = Nd4j.rand(DataType.FLOAT, batch, 3, 224, 224);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, batch, 1000);
        for (int i = 0; i < batch; i++) {
            labels.putScalar(i, i % 1000, 1);
        }
        for (int step = 0; step < 2; step++) {
            long s = System.nanoTime();
            full.fit(new DataSet(images, labels));
            System.out.printf(Locale.ROOT, "ResNet-50 step %d (batch %d, 224 x 224): %.2f s%n", step + 1, batch, seconds(s));
        }
    }

    private static String part(String layer) {
        if (layer.equals(DualPathGraphs.INSTANCE_OUTPUT)) {
            return "instance classifier W_share";
        }
        if (layer.equals(DualPathGraphs.WORD_EMBEDDING)) {
            return "word embedding";
        }
        return layer.startsWith("img_") ? "image FC head" : layer.startsWith("txt_") ? "text CNN + FC" : "other";
    }

    private static MultiDataSet batch(NetworkConfig c, int n) {
        INDArray features = Nd4j.rand(DataType.FLOAT, n, c.featureDim());
        INDArray words = Nd4j.zeros(DataType.FLOAT, n, c.seqLength());
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 2L * n, c.numInstances());
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < 12; t++) {
                words.putScalar(i, t, 1 + (i * 31 + t * 7) % (c.vocabSize() - 1));
            }
            labels.putScalar(i, i, 1);
            labels.putScalar(n + i, i, 1);
        }
        return new MultiDataSet(new INDArray[]{features, words},
                new INDArray[]{labels, Nd4j.zeros(DataType.FLOAT, 2L * n, c.embeddingDim())});
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
