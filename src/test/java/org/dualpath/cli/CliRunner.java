package org.dualpath.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the {@code dualpath} command line in-process with its output and error text captured. */
final class CliRunner {
    private CliRunner() {
    }

    static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cl = DualPathCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }
}
