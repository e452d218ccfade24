package org.dualpath.app;

import org.dualpath.cli.DualPathCli;
import picocli.CommandLine;

/**
 * The {@code dualpath} program of {@code target/dualpath.jar}: the command line with {@code explore} added, which
 * lives here because the command line may not depend on the explorer.
 */
public final class DualPathMain {
    private DualPathMain() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** {@link DualPathCli#commandLine()} with the {@code explore} subcommand. */
    public static CommandLine commandLine() {
        return DualPathCli.commandLine().addSubcommand(new ExploreCommand());
    }
}
