package org.dualpath.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code dualpath export}: groups the exporters of stored embeddings. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export stored embeddings for other tools.",
        subcommands = {ExportProjectorCommand.class, ExportParquetCommand.class})
final class ExportCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
