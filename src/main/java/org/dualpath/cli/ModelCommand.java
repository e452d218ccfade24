package org.dualpath.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code dualpath model}: jobs on a model file (for now: what it holds and how it was trained). */
@Command(name = "model",
        mixinStandardHelpOptions = true,
        description = "Model files: show what a model holds and how it was trained.",
        subcommands = {ModelInfoCommand.class})
public final class ModelCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
