package org.dualpath.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code dualpath vectors}: word-vector jobs (train word2vec on captions, measure coverage). */
@Command(name = "vectors",
        mixinStandardHelpOptions = true,
        description = "Word vectors for the text path: train word2vec on captions, measure coverage of a vector file.",
        subcommands = {VectorsTrainCommand.class, VectorsCoverageCommand.class})
public final class VectorsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
