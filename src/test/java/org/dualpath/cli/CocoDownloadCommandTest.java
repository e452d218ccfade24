package org.dualpath.cli;

import org.dualpath.common.LocalFileServer;
import org.dualpath.data.CocoFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code dualpath coco download} against a local server. */
class CocoDownloadCommandTest {
    @TempDir
    Path dir;
    private final LocalFileServer server = CocoFixture.serveAll(new LocalFileServer());

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void downloadsThePartsAndNamesTheDatasetToOpen() {
        Path out = dir.resolve("coco");
        CliRunner.Result r = CliRunner.run("coco", "download", "--part", "val-images,annotations", "--part",
                "karpathy-split", "--out", out.toString(), "--base-url", server.base().toString(),
                "--karpathy-url", server.base().resolve("karpathy/caption_datasets.zip").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("to download", "free in " + out, "downloading val2017.zip", "unpacking val2017.zip",
                "of " + String.format("%.1f kB", CocoFixture.valImages().length / 1000.0),
                "--captions " + out.resolve("annotations/captions_val2017.json"),
                "--instances " + out.resolve("annotations/instances_val2017.json"),
                "--split " + out.resolve("dataset_coco.json"));
        assertThat(out.resolve("val2017")).isDirectory();

        CliRunner.Result check = CliRunner.run("data", "check", "--captions",
                out.resolve("annotations/captions_val2017.json").toString(), "--images", out.resolve("val2017").toString());
        assertThat(check.exitCode()).isZero();
        assertThat(check.out()).contains("NOTE images without width/height");
    }

    @Test
    void aDestinationThatCannotBeAFolderIsAOneLineErrorBeforeAnyRequest() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");
        CliRunner.Result r = CliRunner.run("coco", "download", "--part", "val-images", "--out",
                file.resolve("coco").toString(), "--base-url", server.base().toString());
        assertThat(r.exitCode()).isEqualTo(DualPathCli.EXIT_INPUT);
        assertThat(r.err().strip()).startsWith("error: ").contains("is a file; choose another folder").doesNotContain("\n");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void anUnknownPartIsAOneLineError() {
        CliRunner.Result r = CliRunner.run("coco", "download", "--part", "everything", "--out", dir.toString());
        assertThat(r.exitCode()).isEqualTo(DualPathCli.EXIT_INPUT);
        assertThat(r.err()).contains("unknown COCO part \"everything\"");
    }
}
