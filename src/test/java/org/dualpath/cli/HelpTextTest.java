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
        collect(org.dualpath.app.DualPathMain.commandLine(), commands);
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

    /**
     * picocli starts a new line at each element of a description array and wraps the rest itself, so an element
     * that stops mid-sentence broke the help in the middle of a sentence ("Barnes-Hut t-SNE, UMAP\nor PCA").
     */
    @Test
    void descriptionsBreakLinesOnlyBetweenSentences() {
        List<CommandLine> commands = new ArrayList<>();
        collect(org.dualpath.app.DualPathMain.commandLine(), commands);
        List<String> midSentence = new ArrayList<>();
        for (CommandLine c : commands) {
            String name = c.getCommandSpec().qualifiedName();
            addMidSentence(name, c.getCommandSpec().usageMessage().description(), midSentence);
            for (CommandLine.Model.ArgSpec arg : c.getCommandSpec().args()) {
                addMidSentence(name + " " + arg.paramLabel(), arg.description(), midSentence);
            }
        }
        assertThat(midSentence).isEmpty();
    }

    private static void addMidSentence(String where, String[] lines, List<String> into) {
        for (int i = 0; i < lines.length - 1; i++) {
            if (!lines[i].strip().matches(".*[.:?!]")) {
                into.add(where + ": \"" + lines[i] + "\"");
            }
        }
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
