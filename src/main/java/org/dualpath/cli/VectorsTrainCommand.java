package org.dualpath.cli;

import org.dualpath.data.CocoCaption;
import org.dualpath.data.CocoJson;
import org.dualpath.text.Word2VecTrainer;
import org.dualpath.text.WordVectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code dualpath vectors train}: word2vec on the captions of a COCO captions file, saved in word2vec text format. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train word2vec on the captions of a COCO captions JSON file (use the TRAINING captions).")
public final class VectorsTrainCommand implements Callable<Integer> {
    private static final Word2VecTrainer.Options DEFAULTS = Word2VecTrainer.Options.defaults();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--captions", required = true, paramLabel = "FILE", description = "COCO captions JSON file.")
    Path captions;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output file, word2vec text format.")
    Path out;

    @Option(names = "--dim", paramLabel = "D", description = "Vector dimension (default: ${DEFAULT-VALUE}).")
    int dimension = DEFAULTS.dimension();

    @Option(names = "--epochs", paramLabel = "E", description = "Passes over the captions (default: ${DEFAULT-VALUE}).")
    int epochs = DEFAULTS.epochs();

    @Option(names = "--min-count", paramLabel = "N", description = "Ignore words seen fewer times (default: ${DEFAULT-VALUE}).")
    int minCount = DEFAULTS.minCount();

    @Option(names = "--seed", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed = DEFAULTS.seed();

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        List<String> texts = CocoJson.readCaptions(captions).annotations().stream().map(CocoCaption::caption).toList();
        long start = System.nanoTime();
        WordVectors vectors = Word2VecTrainer.train(texts,
                new Word2VecTrainer.Options(dimension, epochs, minCount, DEFAULTS.windowSize(), seed),
                new ConsoleProgress(spec.commandLine().getErr()));
        double seconds = (System.nanoTime() - start) / 1e9;
        vectors.writeText(out);
        stdout.printf(Locale.ROOT, "trained %d-d vectors for %d words from %d captions in %.1f s%n",
                vectors.dimension(), vectors.size(), texts.size(), seconds);
        stdout.printf("wrote %s%n", out);
        return 0;
    }
}
