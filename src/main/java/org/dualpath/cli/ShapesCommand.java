package org.dualpath.cli;

import org.dualpath.data.shapes.ShapesConfig;
import org.dualpath.data.shapes.ShapesGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;

/** {@code dualpath shapes}: writes the synthetic shapes dataset (the offline demo data) as COCO files. */
@Command(name = "shapes",
        mixinStandardHelpOptions = true,
        description = "Generate the synthetic shapes dataset (COCO captions, instances and split files).")
final class ShapesCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output folder: new, empty, or an earlier shapes dataset to replace.")
    Path out;

    @Option(names = "--train", paramLabel = "N", defaultValue = "" + ShapesConfig.DEFAULT_TRAIN,
            description = "Training images (default: ${DEFAULT-VALUE}).")
    int train;

    @Option(names = "--test", paramLabel = "M", defaultValue = "" + ShapesConfig.DEFAULT_TEST,
            description = "Test images (default: ${DEFAULT-VALUE}).")
    int test;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "" + ShapesConfig.DEFAULT_SEED,
            description = "Random seed; the same seed gives the same files (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--format", paramLabel = "png|jpeg", defaultValue = "png",
            description = "Image format: png (lossless) or jpeg (quality 92) (default: ${DEFAULT-VALUE}).")
    ShapesConfig.Format format;

    @Override
    public void run() {
        ShapesConfig config;
        try {
            config = ShapesConfig.defaults().withCounts(train, test).withSeed(seed).withFormat(format);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        long start = System.nanoTime();
        ShapesGenerator.Result result = ShapesGenerator.generate(out, config, new ConsoleProgress(spec.commandLine().getErr()));
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %d images (%d train, %d test) to %s in %.1f s%n",
                result.images(), train, test, result.directory(), (System.nanoTime() - start) / 1e9);
        spec.commandLine().getOut().flush();
    }
}
