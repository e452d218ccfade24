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
 * network in PyTorch, for the time ratio. Run with the ND4J threads pinned like PyTorch's:
 * {@code OMP_NUM_THREADS=2 java -cp target/classes:target/test-classes:$(cat cp.txt)
 * org.dualpath.model.bench.TrainingStepBenchmark [BATCH]}.
 */
public final class TrainingStepBenchmark {
    private static final int VOCABULARY = 114;
    private static final int INSTANCES = 4000;

    private TrainingStepBenchmark() {
    }

    public static void main(String[] args) {
        Preset preset = Preset.shapesDemo();
        int n = args.length > 0 ? Integer.parseInt(args[0]) : preset.training().batchSize();
        NetworkConfig c = preset.network().toBuilder().vocabSize(VOCABULARY).numInstances(INSTANCES).build();
        ComputationGraph g = DualPathGraphs.training(c, null, DataType.FLOAT, new Adam(3e-3), 0);
        DualPathGraphs.instanceLoss(g).setWeights(0.1, 0.1);
        Nd4j.getRandom().setSeed(1);
        INDArray images = Nd4j.rand(DataType.FLOAT, n, 3, c.imageSize(), c.imageSize());
        INDArray words = Nd4j.zeros(DataType.FLOAT, n, c.seqLength());
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 2L * n, INSTANCES);
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < c.seqLength(); t++) {
                words.putScalar(i, t, 1 + (i * 7 + t * 3) % (VOCABULARY - 1));
            }
            labels.putScalar(i, i, 1);
            labels.putScalar(n + i, i, 1);
        }
        MultiDataSet data = new MultiDataSet(new INDArray[]{images, words},
                new INDArray[]{labels, Nd4j.zeros(DataType.FLOAT, 2L * n, c.embeddingDim())});
        double[] seconds = new double[Integer.getInteger("steps", 6)];
        for (int step = -2; step < seconds.length; step++) {
            long start = System.nanoTime();
            g.fit(data);
            if (step >= 0) {
                seconds[step] = (System.nanoTime() - start) / 1e9;
            }
        }
        Arrays.sort(seconds);
        System.out.printf(Locale.ROOT, "DL4J 1.0.0-M2.1, batch %d, %,d parameters: %.3f s per training step (median of %d)%n",
                n, g.numParams(), (seconds[2] + seconds[3]) / 2, seconds.length);
    }
}
