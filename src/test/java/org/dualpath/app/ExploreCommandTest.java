package org.dualpath.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code dualpath explore} is a command of the jar's program and refuses bad paths in one line, before any window. */
class ExploreCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = DualPathMain.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void exploreIsListedWithItsOptions() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).containsPattern("(?m)^  explore +Open the explorer window");
        out.getBuffer().setLength(0);
        assertThat(run("explore", "--help")).isZero();
        assertThat(out.toString()).contains("--captions=FILE", "--images=DIR", "--model=FILE", "--split=FILE");
    }

    @Test
    void badPathsAreOneLineErrorsNamingThem() throws Exception {
        Path captions = Files.writeString(dir.resolve("captions.json"), "{}");
        Path missing = dir.resolve("no-such-model.zip");

        assertThat(run("explore", "--captions", captions.toString(), "--images", dir.toString(), "--model",
                missing.toString())).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("error: --model " + missing + ": file not found; check the path");

        err.getBuffer().setLength(0);
        assertThat(run("explore", "--captions", captions.toString())).isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("error: --captions and --images go together: give both, or neither for the last session");

        err.getBuffer().setLength(0);
        assertThat(run("explore", "--captions", captions.toString(), "--images", captions.toString())).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("error: --images " + captions + ": not a folder; check the path");
    }
}
