package org.dualpath.cli;

import org.dualpath.common.InputException;
import org.dualpath.common.Versions;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.UncheckedIOException;
import java.util.concurrent.CancellationException;

/** The {@code dualpath} command line: a thin layer over the core services, one subcommand per job. */
@Command(name = "dualpath",
        mixinStandardHelpOptions = true,
        versionProvider = DualPathCli.Version.class,
        description = "Train, load and explore Dual-Path CNN image-text embeddings.",
        subcommands = {
                CommandLine.HelpCommand.class,
                ShapesCommand.class,
                TrainCommand.class,
                DataCommand.class,
                VectorsCommand.class,
                EmbedCommand.class,
                QueryCommand.class,
                EvalCommand.class,
                CompareCommand.class,
                ExportCommand.class,
                MapCommand.class,
                ModelCommand.class,
                CocoCommand.class,
        })
public final class DualPathCli implements Runnable {
    /** Exit code for bad input (file, option or value): the message says what to fix. */
    public static final int EXIT_INPUT = 2;
    /** Exit code for a job the user cancelled. */
    public static final int EXIT_CANCELLED = 130;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The configured command line, with the error handling that turns bad input into one-line messages. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new DualPathCli());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof InputException || ex instanceof UncheckedIOException) {
                commandLine.getErr().println("error: " + ex.getMessage());
                return EXIT_INPUT;
            }
            if (ex instanceof CancellationException) {
                commandLine.getErr().println("cancelled");
                return EXIT_CANCELLED;
            }
            throw ex;
        });
        return cl;
    }

    /** The program's version, the one every trained model records ({@link Versions#program}). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"dualpath " + Versions.program()};
        }
    }
}
