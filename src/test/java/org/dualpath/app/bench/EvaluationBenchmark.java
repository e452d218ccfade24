package org.dualpath.app.bench;

import org.dualpath.app.viewmodel.EvaluateViewModel;
import org.dualpath.cli.DualPathCli;
import org.dualpath.common.Progress;
import org.dualpath.data.Dataset;
import org.dualpath.data.DatasetLoader;
import org.dualpath.data.shapes.ShapesGenerator;
import org.dualpath.eval.Protocol;
import org.dualpath.model.DualPathModel;
import org.dualpath.model.TinyModels;
import org.dualpath.search.QueryService;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * How long an evaluation takes, in the explorer and in the CLI, on two sets: the demo's test split (1,000 images,
 * 5,000 captions; the shipped demo model, 256-d) and a COCO 5K-sized generated set (5,000 test images, 25,000
 * captions) embedded at 2048-d by a small random-weight model. For each it prints
 * <ul>
 * <li>the explorer's one-off embedding of the whole dataset (kept on disk: later sessions open it);</li>
 * <li>the Evaluate tab's job ({@link EvaluateViewModel#compute}: recall of every protocol, curves, the worst
 * queries) on the vectors the explorer holds;</li>
 * <li>{@code dualpath eval} end to end in-process (it embeds the split itself, then evaluates),</li>
 * </ul>
 * each the median of {@code REPS} runs, and the rsum of both, which must agree. Arguments: the work folder, then
 * {@code --coco5k-only} to skip the demo. Run: {@code mvn -q -o test-compile && java -Xmx6g -cp
 * target/classes:target/test-classes:$(cat cp.txt) org.dualpath.app.bench.EvaluationBenchmark WORK_DIR}.
 */
public final class EvaluationBenchmark {
    /** Runs of each measurement, the median printed ({@code -Dreps=N}, default 3). */
    private static final int REPS = Integer.getInteger("reps", 3);

    private EvaluationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "target/evaluation-benchmark");
        Files.createDirectories(work);
        System.out.printf(Locale.ROOT, "%d cores, max heap %d MB%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        if (!(args.length > 1 && args[1].equals("--coco5k-only"))) {
            Path demo = shapes(work.resolve("demo"), 4000, 1000, 42);
            run("demo test split, shapes-demo model (256-d)", demo, Path.of("assets/models/shapes-demo.zip"), work);
        }
        Path coco5k = shapes(work.resolve("coco5k"), 0, 5000, 7);
        Path tiny = work.resolve("random-2048d.zip");
        TinyModels.bundle(2048, 1).write(tiny);
        run("COCO 5K-sized generated set, random-weight model (2048-d)", coco5k, tiny, work);
    }

    private static Path shapes(Path dir, int train, int test, long seed) {
        if (!Files.exists(dir.resolve(ShapesGenerator.SPLIT_FILE))) {
            cli("shapes", "--out", dir.toString(), "--train", "" + train, "--test", "" + test, "--seed", "" + seed);
        }
        return dir;
    }

    private static void run(String title, Path data, Path modelFile, Path work) {
        Path captions = data.resolve(ShapesGenerator.CAPTIONS_FILE);
        Path images = data.resolve(ShapesGenerator.IMAGES_DIR);
        Path split = data.resolve(ShapesGenerator.SPLIT_FILE);
        Dataset dataset = DatasetLoader.of(captions, images).instances(data.resolve(ShapesGenerator.INSTANCES_FILE))
                .splitFile(split).load(Progress.NONE);
        DualPathModel model = DualPathModel.load(modelFile);
        long t0 = System.nanoTime();
        QueryService service = QueryService.open(model, modelFile, dataset, captions, work.resolve("cache"),
                DualPathModel.Options.PLAIN, Progress.NONE);
        double embed = seconds(t0);
        double[] explorer = new double[REPS];
        EvaluateViewModel.Result result = null;
        for (int i = 0; i < REPS; i++) {
            long t = System.nanoTime();
            result = EvaluateViewModel.compute(dataset, service, EvaluateViewModel.Scope.TEST, null, Protocol.AUTO,
                    Progress.NONE);
            explorer[i] = seconds(t);
        }
        double[] cliTimes = new double[REPS];
        String printed = "";
        for (int i = 0; i < cliTimes.length; i++) {
            long t = System.nanoTime();
            printed = cli("eval", "--model", modelFile.toString(), "--captions", captions.toString(), "--images",
                    images.toString(), "--split", split.toString());
            cliTimes[i] = seconds(t);
        }
        String cliRsum = printed.lines().filter(l -> l.startsWith("rsum")).reduce((a, b) -> b).orElse("?");
        System.out.printf(Locale.ROOT, "%n%s: %,d test images, %,d captions (dataset %,d images)%n", title,
                result.rows().get(0).queries(), result.rows().get(1).queries(), dataset.images().size());
        System.out.printf(Locale.ROOT, "  explorer, embedding the dataset once (then cached): %.1f s%n", embed);
        System.out.printf(Locale.ROOT, "  explorer, Evaluate (%s): median %.2f s (min %.2f) over %d runs, rsum %.1f%n",
                result.scope(), median(explorer), Arrays.stream(explorer).min().orElse(0), REPS, result.rsum());
        System.out.printf(Locale.ROOT, "  CLI, dualpath eval (embeds the split, then evaluates): median %.1f s over %d runs, %s%n",
                median(cliTimes), cliTimes.length, cliRsum.replaceAll("\\s+", " "));
    }

    private static String cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = DualPathCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        if (cl.execute(args) != 0) {
            throw new IllegalStateException(String.join(" ", args) + " failed: " + err);
        }
        return out.toString();
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
