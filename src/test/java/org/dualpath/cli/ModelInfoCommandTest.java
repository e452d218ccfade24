package org.dualpath.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dualpath.common.Hashes;
import org.dualpath.common.Versions;
import org.dualpath.model.ModelBundle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code dualpath model info} on a tiny model trained here by {@code dualpath train}, and on the shipped demo model. */
class ModelInfoCommandTest {
    private static final Path DEMO = Path.of("assets/models/shapes-demo.zip");

    @TempDir
    static Path dir;

    static Path captions;
    static Path model;

    private StringWriter out;
    private StringWriter err;

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return CliRunner.run(out, err, args);
    }

    @BeforeAll
    static void train() throws IOException {
        Path shapes = dir.resolve("shapes");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(CliRunner.run(out, err, "shapes", "--out", shapes.toString(), "--train", "24", "--test", "8",
                "--seed", "3")).as(err.toString()).isZero();
        captions = shapes.resolve("captions_shapes.json");
        Path tiny = Files.writeString(dir.resolve("tiny.json"), """
                {"network": {"imageWidths": [4, 8], "imageHiddenDim": 16, "embeddingDim": 16,
                             "textWidths": [8, 16], "textBlocks": [1, 1]}}
                """);
        model = dir.resolve("model.zip");
        assertThat(CliRunner.run(out, err, "train", "--preset", "shapes-demo", "--captions", captions.toString(),
                "--images", shapes.resolve("images").toString(), "--split-seed", "7", "--val", "4", "--test", "4",
                "--config", tiny.toString(), "--epochs-stage1", "1", "--epochs-stage2", "0", "--batch", "8",
                "--seed", "5", "--out", model.toString())).as(err.toString()).isZero();
    }

    @Test
    void printsManifestNetworkMetricsAndProvenanceAsAlignedLines() throws IOException {
        assertThat(run("model", "info", model.toString())).as(err.toString()).isZero();
        List<String> lines = Arrays.asList(out.toString().split(System.lineSeparator()));
        String sha = Hashes.sha256Hex(captions);
        assertThat(lines).contains(
                "file               " + model.toAbsolutePath().normalize(),
                "format             dualpath-model, version 1",
                "kind               inference (embeds images and captions)",
                "preset             shapes-demo",
                "embedding dim      16",
                "backbone           small-resnet, trained in the network, 40 x 40 px images",
                "metrics            val split, epoch 1",
                "provenance",
                "  dataset          captions_shapes (32 images, " + captionCount() + " captions)",
                "  captions file    " + captions.toAbsolutePath().normalize(),
                "  captions sha256  " + sha,
                "  split            drawn with seed 7: train 24, val 4, test 4 (seeded shuffle: val 4, test 4)",
                "  preset           shapes-demo",
                "  seed             5",
                "  word vectors     word2vec trained on the training captions",
                "  program          DualPath " + Versions.program(),
                "  libraries        DL4J " + Versions.library("org.deeplearning4j", "deeplearning4j-nn") + ", ND4J "
                        + Versions.library("org.nd4j", "nd4j-api") + ", JavaCPP " + Versions.library("org.bytedeco", "javacpp"));
        assertThat(lines).anyMatch(l -> l.matches("  i2t_R@1 +\\d+(\\.\\d+)?"));
        assertThat(lines).anyMatch(l -> l.matches("  overrides +\\S+ .* -> .*"));
        assertThat(lines).contains("                   training.batchSize 128 -> 8",
                "                   training.seed 42 -> 5", "                   network.embeddingDim 256 -> 16");
        assertThat(lines).anyMatch(l -> l.matches("  machine +.+ \\(.+\\), \\d+ CPUs"));
        assertThat(lines).anyMatch(l -> l.matches("  training time +\\d+ s in 1 run"));
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void printsJson() throws IOException {
        assertThat(run("model", "info", "--json", model.toString())).as(err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.path("manifest").path("kind").asText()).isEqualTo("INFERENCE");
        assertThat(json.path("network").path("embeddingDim").asInt()).isEqualTo(16);
        assertThat(json.path("network").path("backbone").asText()).isEqualTo("small-resnet");
        assertThat(json.path("metrics").path("recall").has("rsum")).isTrue();
        JsonNode data = json.path("provenance").path("data");
        assertThat(data.path("captionsSha256").asText()).isEqualTo(Hashes.sha256Hex(captions));
        assertThat(data.path("split").path("kind").asText()).isEqualTo("seeded");
        assertThat(data.path("split").path("seed").asLong()).isEqualTo(7);
        assertThat(data.path("split").path("train").asInt()).isEqualTo(24);
        assertThat(json.path("provenance").path("settings").path("seed").asLong()).isEqualTo(5);
        assertThat(json.path("provenance").path("software").path("dl4j").asText())
                .isEqualTo(Versions.library("org.deeplearning4j", "deeplearning4j-nn"));
        assertThat(json.path("provenance").path("timing").path("runs").asInt()).isEqualTo(1);
    }

    @Test
    void theCheckpointCarriesTheProvenanceToo() {
        assertThat(run("model", "info", model + ".checkpoint")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("kind               training checkpoint (can continue training)",
                "  captions sha256  ");
    }

    @Test
    void theShippedDemoModelHasNoProvenance() {
        assertThat(run("model", "info", DEMO.toString())).as(err.toString()).isZero();
        assertThat(out.toString().split(System.lineSeparator())).contains(
                "preset         shapes-demo",
                "embedding dim  256",
                "vocabulary     112 words",
                "metrics        test split, epoch 80",
                "  i2t_R@1      72.2",
                "provenance     not recorded (trained before models kept it)");
        assertThat(run("model", "info", "--json", DEMO.toString())).isZero();
        assertThat(out.toString()).contains("\"provenance\" : null");
    }

    @Test
    void missingDamagedAndForeignFilesGiveOneLine() throws IOException {
        Path missing = dir.resolve("none.zip");
        assertThat(run("model", "info", missing.toString())).isEqualTo(DualPathCli.EXIT_INPUT);
        assertThat(err.toString()).isEqualTo("error: " + missing
                + ": no such model file; give the path of a model .zip written by 'dualpath train'" + System.lineSeparator());

        Path text = Files.writeString(dir.resolve("notes.zip"), "not a zip");
        assertThat(run("model", "info", text.toString())).isEqualTo(DualPathCli.EXIT_INPUT);
        assertThat(err.toString()).startsWith("error: " + text + ": not a model file").hasLineCount(1);

        byte[] bytes = Files.readAllBytes(model);
        Path truncated = Files.write(dir.resolve("truncated.zip"), Arrays.copyOf(bytes, bytes.length / 2));
        assertThat(run("model", "info", truncated.toString())).isEqualTo(DualPathCli.EXIT_INPUT);
        assertThat(err.toString()).startsWith("error: " + truncated + ": ").contains("copy it again or retrain")
                .hasLineCount(1);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void modelAloneShowsItsSubcommands() {
        assertThat(run("model")).isZero();
        assertThat(out.toString()).contains("info", "how it was trained");
    }

    private static int captionCount() {
        return ModelBundle.read(model).provenance().data().captions();
    }
}
