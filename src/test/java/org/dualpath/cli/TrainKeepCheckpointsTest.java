package org.dualpath.cli;

import org.dualpath.model.DualPathModel;
import org.dualpath.model.ModelBundle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code dualpath train --keep-checkpoints}, and settings refused before the first step. */
@Tag("slow")
class TrainKeepCheckpointsTest {
    @TempDir
    static Path dir;
    static Path shapes;
    static Path tiny;

    @TempDir
    Path out;

    private StringWriter err;

    private int run(String... args) {
        err = new StringWriter();
        return CliRunner.run(new StringWriter(), err, args);
    }

    @BeforeAll
    static void generate() throws IOException {
        shapes = dir.resolve("shapes");
        assertThat(CliRunner.run(new StringWriter(), new StringWriter(), "shapes", "--out", shapes.toString(),
                "--train", "24", "--test", "8", "--seed", "3")).isZero();
        tiny = Files.writeString(dir.resolve("tiny.json"), """
                {"network": {"imageWidths": [4, 8], "imageHiddenDim": 16, "embeddingDim": 16,
                             "textWidths": [8, 16], "textBlocks": [1, 1]}}
                """);
    }

    private int train(Path model, String... more) {
        String[] base = {"train", "--preset", "shapes-demo", "--captions", shapes.resolve("captions_shapes.json").toString(),
                "--images", shapes.resolve("images").toString(), "--config", tiny.toString(), "--out", model.toString()};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return run(args);
    }

    @Test
    void everyEpochsCheckpointIsKeptAndOpensAsAModel() {
        Path model = out.resolve("model.zip");
        assertThat(train(model, "--batch", "8", "--epochs-stage1", "1", "--epochs-stage2", "1", "--keep-checkpoints"))
                .as(err.toString()).isZero();
        for (int epoch = 1; epoch <= 2; epoch++) {
            Path kept = out.resolve("model.epoch" + epoch + ".zip");
            assertThat(err.toString()).contains("kept epoch " + epoch + " as " + kept);
            ModelBundle bundle = ModelBundle.read(kept);
            assertThat(bundle.training().path("epochsDone").asInt()).isEqualTo(epoch);
            assertThat(new DualPathModel(bundle).embedQuery("a red circle", DualPathModel.Options.PLAIN)).hasSize(16);
        }
        assertThat(out.resolve("model.epoch3.zip")).doesNotExist();
    }

    @Test
    void withoutTheSwitchOnlyTheLastCheckpointStays() throws IOException {
        Path model = out.resolve("model.zip");
        assertThat(train(model, "--batch", "8", "--epochs-stage1", "2", "--epochs-stage2", "0")).as(err.toString()).isZero();
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("model.zip", "model.zip.checkpoint");
        }
    }

    @Test
    void badSettingsAreRefusedInOneLineBeforeTraining() {
        Path model = out.resolve("model.zip");
        assertThat(train(model, "--batch", "500")).isNotZero();
        assertThat(err.toString()).contains("batch size 500 is larger than the ").contains(": use --batch ")
                .doesNotContain("at org.");
        assertThat(train(model, "--batch", "8", "--threads", "0")).isNotZero();
        assertThat(err.toString()).contains("threads 0: use 1 or more");
        assertThat(train(out.resolve("missing").resolve("model.zip"), "--batch", "8")).isNotZero();
        assertThat(err.toString()).contains("the folder for --out does not exist; create it first")
                .doesNotContain("preparing");
        assertThat(model).doesNotExist();
    }
}
