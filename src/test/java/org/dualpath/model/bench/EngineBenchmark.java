package org.dualpath.model.bench;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dualpath.model.PretrainedBackbone;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * DL4J against PyTorch on the same CPU threads, in one run: (1) one training step of the shapes-demo network,
 * batch 128; (2) MobileNet v1 0.25 forward at 224x224, batch 32 (ours: the Keras model of
 * {@code $DUALPATH_SHARED/models/mobilenet_v1_0.25_224}); (3) ResNet-50 forward at 224x224, batch 8 (random
 * weights on both sides). Each line gives both medians and the ratio DL4J / PyTorch. The PyTorch side is
 * {@code bench/torch_engine.py} run with {@code /usr/bin/python3} (Debian's python3-torch, python3-torchvision
 * and libopenblas0-pthread). With {@code --profile} it also prints the per-vertex profile
 * ({@link LayerProfile}) of the training step and of the MobileNet forward.
 *
 * <p>Run: {@code OMP_NUM_THREADS=2 java -cp target/classes:target/test-classes:$(cat cp.txt)
 * org.dualpath.model.bench.EngineBenchmark [--profile] [--threads N]}. Figures: bench/ENGINE.md.
 */
public final class EngineBenchmark {
    private EngineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        boolean profile = List.of(args).contains("--profile");
        int threads = List.of(args).contains("--threads")
                ? Integer.parseInt(args[List.of(args).indexOf("--threads") + 1]) : 2;
        System.out.printf(Locale.ROOT, "threads %d (OMP_NUM_THREADS=%s), %d cores%n", threads,
                System.getenv("OMP_NUM_THREADS"), Runtime.getRuntime().availableProcessors());

        TrainingStepBenchmark step = new TrainingStepBenchmark(TrainingStepBenchmark.defaultBatch());
        double ours = step.medianStepSeconds(8);
        report("shapes-demo training step, batch 128", ours, torch("step", threads));
        if (profile) {
            LayerProfile.print(new LayerProfile(step.graph()).measure(step.data(), true, 5), EngineBenchmark::partOf, ours);
        }

        Path mobilenet = mobilenetFile();
        if (mobilenet == null) {
            System.out.println("MobileNet: skipped (set DUALPATH_SHARED to the shared data folder)");
        } else {
            ComputationGraph g = PretrainedBackbone.mobilenet(mobilenet).graph();
            INDArray x = Nd4j.rand(DataType.FLOAT, 32, 224, 224, 3);
            double seconds = TrainingStepBenchmark.medianSeconds(() -> g.output(x), 2, 6);
            report("MobileNet v1 0.25 forward 224x224, batch 32", seconds, torch("mobilenet", threads));
            if (profile) {
                MultiDataSet in = new MultiDataSet(new INDArray[]{x}, new INDArray[]{null});
                LayerProfile.print(new LayerProfile(g).measure(in, false, 3), name -> "mobilenet", seconds);
            }
        }

        ComputationGraph resnet = PretrainedBackbone.resnet50(null).graph();
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 3, 224, 224);
        report("ResNet-50 forward 224x224, batch 8", TrainingStepBenchmark.medianSeconds(() -> resnet.output(x), 1, 5),
                torch("resnet50", threads));
    }

    private static void report(String what, double ours, Torch theirs) {
        if (theirs == null) {
            System.out.printf(Locale.ROOT, "%-46s DL4J %.3f s | PyTorch not run%n", what, ours);
        } else {
            System.out.printf(Locale.ROOT, "%-46s DL4J %.3f s | PyTorch %.3f s (BLAS %s) | ratio %.2f%n",
                    what, ours, theirs.seconds, theirs.blas, ours / theirs.seconds);
        }
    }

    /** Which part of the dual-path network a vertex belongs to, by its name. */
    private static String partOf(String vertex) {
        if (vertex.startsWith("img_cnn_")) {
            return "image CNN";
        }
        if (vertex.startsWith("img_")) {
            return "image head";
        }
        if (vertex.startsWith("txt_") || vertex.equals("word_embedding")) {
            return "text path";
        }
        if (vertex.equals("instance") || vertex.equals("ranking")) {
            return "losses";
        }
        return "inputs, embeddings, joint";
    }

    private static Path mobilenetFile() {
        String shared = System.getenv("DUALPATH_SHARED");
        Path h5 = shared == null ? null
                : Path.of(shared, "models", "mobilenet_v1_0.25_224", "mobilenet_v1_0.25_224.h5");
        return h5 != null && Files.isRegularFile(h5) ? h5 : null;
    }

    private record Torch(double seconds, String blas) {
    }

    /** Runs {@code bench/torch_engine.py WORKLOAD THREADS}; null (with a line saying why) when it cannot run. */
    private static Torch torch(String workload, int threads) throws IOException, InterruptedException {
        Path script = Path.of("bench", "torch_engine.py");
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), workload, Integer.toString(threads))
                .redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(line);
            }
        }
        String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        String[] parts = last.split(" ");
        if (p.waitFor() != 0 || parts.length != 3 || !parts[0].equals(workload)) {
            System.out.println("PyTorch " + workload + " did not run: " + last);
            return null;
        }
        return new Torch(Double.parseDouble(parts[1]), parts[2]);
    }
}
