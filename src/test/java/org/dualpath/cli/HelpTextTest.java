package org.dualpath.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command's help renders without picocli format warnings (a bare '%' in a description breaks it). */
class HelpTextTest {
    @Test
    void everyCommandsHelpRendersWithoutFormatWarnings() {
        List<CommandLine> commands = new ArrayList<>();
        collect(DualPathCli.commandLine(), commands);
        PrintStream stderr = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            for (CommandLine c : commands) {
                assertThat(c.getUsageMessage()).as(c.getCommandName()).doesNotContain("%n");
            }
        } finally {
            System.setErr(stderr);
        }
        assertThat(commands).hasSizeGreaterThan(10);
        assertThat(warnings.toString(StandardCharsets.UTF_8)).doesNotContain("Could not format");
    }

    @Test
    void versionIsTheOneEveryModelRecords() {
        java.io.StringWriter out = new java.io.StringWriter();
        assertThat(CliRunner.run(out, new java.io.StringWriter(), "--version")).isZero();
        assertThat(out.toString().strip()).isEqualTo("dualpath " + org.dualpath.common.Versions.program());
    }

    private static void collect(CommandLine c, List<CommandLine> into) {
        into.add(c);
        c.getSubcommands().values().forEach(s -> collect(s, into));
    }
}
