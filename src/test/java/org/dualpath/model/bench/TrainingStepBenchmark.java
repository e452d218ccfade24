package org.dualpath.model.bench;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dualpath.model.DualPathGraphs;
import org.dualpath.model.NetworkConfig;
import org.dualpath.train.Preset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

import java.util.Arrays;
import java.util.Locale;

/**
 * One training step of the shapes-demo network (a vocabulary of 114 words, 4,000 instances, the preset's batch)
 * on random inputs: the median seconds per step after warm-up. {@code bench/torch_step.py} builds the same
 * network in PyTorch; {@link EngineBenchmark} runs both side by side. Run with the ND4J threads pinned like
 * PyTorch's: {@code OMP_NUM_THREADS=2 java -cp target/classes:target/test-classes:$(cat cp.txt)
 * org.dualpath.model.bench.TrainingStepBenchmark [BATCH]}.
 */
public final class TrainingStepBenchmark {
    private static final int VOCABULARY = 114;
    private static final int INSTANCES = 4000;

    private final ComputationGraph graph;
    private final MultiDataSet data;

    TrainingStepBenchmark(int batch) {
        Preset preset = Preset.shapesDemo();
        NetworkConfig c = preset.network().toBuilder().vocabSize(VOCABULARY).numInstances(INSTANCES).build();
        graph = DualPathGraphs.training(c, null, DataType.FLOAT, new Adam(3e-3), 0);
        DualPathGraphs.instanceLoss(graph).setWeights(0.1, 0.1);
        Nd4j.getRandom().setSeed(1);
        INDArray images = Nd4j.rand(DataType.FLOAT, batch, 3, c.imageSize(), c.imageSize());
        INDArray words = Nd4j.zeros(DataType.FLOAT, batch, c.seqLength());
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 2L * batch, INSTANCES);
        for (int i = 0; i < batch; i++) {
            for (int t = 0; t < c.seqLength(); t++) {
                words.putScalar(i, t, 1 + (i * 7 + t * 3) % (VOCABULARY - 1));
            }
            labels.putScalar(i, i, 1);
            labels.putScalar(batch + i, i, 1);
        }
        data = new MultiDataSet(new INDArray[]{images, words},
                new INDArray[]{labels, Nd4j.zeros(DataType.FLOAT, 2L * batch, c.embeddingDim())});
    }

    static int defaultBatch() {
        return Preset.shapesDemo().training().batchSize();
    }

    ComputationGraph graph() {
        return graph;
    }

    MultiDataSet data() {
        return data;
    }

    /** Median seconds of one {@code fit} after two warm-up steps. */
    double medianStepSeconds(int steps) {
        return medianSeconds(() -> graph.fit(data), 2, steps);
    }

    /** The median wall time of {@code repeats} runs of {@code work} after {@code warmup} unmeasured ones. */
    static double medianSeconds(Runnable work, int warmup, int repeats) {
        double[] seconds = new double[repeats];
        for (int i = -warmup; i < repeats; i++) {
            long start = System.nanoTime();
            work.run();
            if (i >= 0) {
                seconds[i] = (System.nanoTime() - start) / 1e9;
            }
        }
        Arrays.sort(seconds);
        return repeats % 2 == 1 ? seconds[repeats / 2] : (seconds[repeats / 2 - 1] + seconds[repeats / 2]) / 2;
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : defaultBatch();
        TrainingStepBenchmark bench = new TrainingStepBenchmark(n);
        int steps = 6;
        System.out.printf(Locale.ROOT, "DL4J 1.0.0-M2.1, batch %d, %,d parameters: %.3f s per training step (median of %d)%n",
                n, bench.graph.numParams(), bench.medianStepSeconds(steps), steps);
    }
}
