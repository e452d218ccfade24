package org.dualpath.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the {@code dualpath} command line in-process with its output and error text captured. */
final class CliRunner {
    private CliRunner() {
    }

    /** What one run printed, and its exit code. */
    record Result(int exitCode, String out, String err) {
    }

    /** Runs {@code args} and returns what they printed. */
    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = run(out, err, args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cl = DualPathCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }
}
