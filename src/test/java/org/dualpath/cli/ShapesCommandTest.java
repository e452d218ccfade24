package org.dualpath.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ShapesCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return CliRunner.run(out, err, args);
    }

    @Test
    void writesATinyDataset() {
        Path target = dir.resolve("shapes");
        int code = run("shapes", "--out", target.toString(), "--train", "3", "--test", "2", "--seed", "9", "--format", "jpeg");
        assertThat(code).as(err.toString()).isZero();
        assertThat(target.resolve("images/shapes_000005.jpg")).isRegularFile();
        assertThat(target.resolve("captions_shapes.json")).isRegularFile();
        assertThat(target.resolve("instances_shapes.json")).isRegularFile();
        assertThat(target.resolve("split_shapes.json")).content().startsWith("{\"source\":\"shapes generator\",\"seed\":9,");
        assertThat(out.toString()).contains("wrote 5 images (3 train, 2 test)");
        assertThat(err.toString()).contains("rendering shapes: 5/5 (100%)");
    }

    @Test
    void refusesAFolderWithOtherFiles() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "mine");
        int code = run("shapes", "--out", dir.toString(), "--train", "1", "--test", "1");
        assertThat(code).isEqualTo(DualPathCli.EXIT_INPUT);
        assertThat(err.toString().strip())
                .isEqualTo("error: " + dir + ": folder is not empty and holds no shapes dataset; choose a new or empty folder");
    }

    @Test
    void rejectsAnEmptyDataset() {
        int code = run("shapes", "--out", dir.resolve("x").toString(), "--train", "0", "--test", "0");
        assertThat(code).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("need at least one image");
    }
}
