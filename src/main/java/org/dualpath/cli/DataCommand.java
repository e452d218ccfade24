package org.dualpath.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code dualpath data}: checks and converts image-caption datasets. */
@Command(name = "data",
        mixinStandardHelpOptions = true,
        description = "Check and convert image-caption datasets.",
        subcommands = {DataCheckCommand.class, DataConvertCommand.class})
final class DataCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
