package org.dualpath.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dualpath.store.TinyDataset;
import org.dualpath.model.TinyModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class EmbedQueryCommandTest {
    @TempDir
    static Path dir;

    static Path model;
    static Path index;
    static TinyDataset data;

    private StringWriter out;
    private StringWriter err;

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return CliRunner.run(out, err, args);
    }

    @BeforeAll
    static void embed() {
        model = dir.resolve("model.zip");
        TinyModels.bundle(3).write(model);
        data = TinyDataset.write(dir, 8);
        index = dir.resolve("index");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(CliRunner.run(out, err, "embed", "--model", model.toString(), "--captions", data.captions().toString(),
                "--images", data.images().toString(), "--instances", data.instances().toString(),
                "--out", index.toString(), "--flip", "--shift")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("embedded 8 images, 16 captions into " + index + " (a new store)",
                "index " + index + ": 8 images, 16 captions, 16-d");
        assertThat(err.toString()).contains("embedding captions: 24/24 (100%)");
    }

    @BeforeEach
    void reset() {
        out = new StringWriter();
        err = new StringWriter();
    }

    @Test
    void embeddingAgainReusesTheIndex() {
        assertThat(run("embed", "--model", model.toString(), "--captions", data.captions().toString(),
                "--images", data.images().toString(), "--instances", data.instances().toString(),
                "--out", index.toString(), "--flip", "--shift")).isZero();
        assertThat(out.toString()).startsWith("embeddings up to date: 8 images, 16 captions in " + index);
    }

    @Test
    void textQueryPrintsRankedImagesWithGroundTruthRank() {
        assertThat(run("query", "--model", model.toString(), "--index", index.toString(), "--text",
                "a blue square left of a circle 4", "--top", "3")).as(err.toString()).isZero();
        String[] lines = out.toString().split("\n");
        assertThat(lines[0]).matches(" *rank +cosine +image id +file");
        assertThat(lines).hasSize(5);
        assertThat(lines[1]).matches(" +1 +-?\\d\\.\\d{4} +\\d+ +\\d\\.png");
        assertThat(lines[4]).matches("ground truth: image 4, rank \\d+");
        assertThat(err.toString()).isEqualTo("not in the model's vocabulary, ignored: 4" + System.lineSeparator());
    }

    /** "a dog" with a model that knows "a" only would rank by "a" alone without a word about "dog". */
    @Test
    void unknownWordsOfATextQueryAreNamed() {
        assertThat(run("query", "--model", model.toString(), "--index", index.toString(), "--text",
                "a red zebra circle giraffe zebra", "--top", "3")).as(err.toString()).isZero();
        assertThat(err.toString()).isEqualTo("not in the model's vocabulary, ignored: zebra, giraffe" + System.lineSeparator());
    }

    @Test
    void aLongQueryIsQuotedShortInItsError() {
        String longQuery = "zebra ".repeat(2000);
        assertThat(run("query", "--model", model.toString(), "--index", index.toString(), "--text", longQuery))
                .isEqualTo(DualPathCli.EXIT_INPUT);
        assertThat(err.toString()).hasLineCount(1).contains("zebra zebra").contains("…").hasSizeLessThan(300);
    }

    @Test
    void plusMinusTextIsACombinedImageQuery() {
        assertThat(run("query", "--model", model.toString(), "--index", index.toString(), "--text",
                "a red circle -square", "--top", "8", "--in-split", "train")).as(err.toString()).isZero();
        assertThat(out.toString()).doesNotContain("ground truth");
        assertThat(out.toString().lines().skip(1)).allMatch(l -> l.matches(" +\\d+ +-?\\d\\.\\d{4} +\\d+ +\\d\\.png"));
        assertThat(run("query", "--model", model.toString(), "--index", index.toString(), "--text",
                "red -", "--top", "8")).isEqualTo(DualPathCli.EXIT_INPUT);
        assertThat(err.toString()).contains("has a '+' or '-' without words after it").hasLineCount(1);
    }

    @Test
    void idQueryListsCaptionsAndJsonHasTheSameRanking() throws Exception {
        assertThat(run("query", "--model", model.toString(), "--index", index.toString(), "--id", "3", "--json"))
                .as(err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.path("gallery").asText()).isEqualTo("captions");
        assertThat(json.path("hits")).hasSize(10);
        assertThat(json.path("hits").get(0).path("caption").asText()).isNotEmpty();
        assertThat(json.path("groundTruth").path("ids").toString()).isEqualTo("[30,31]");
        assertThat(json.path("groundTruth").path("rank").asInt()).isBetween(1, 15);

        assertThat(run("query", "--model", model.toString(), "--index", index.toString(), "--image",
                data.images().resolve("2.png").toString(), "--target", "images", "--category", "square",
                "--top", "2")).as(err.toString()).isZero();
        assertThat(out.toString().lines().skip(1)).hasSize(2).allMatch(l -> l.matches(".* [2468]\\.png"));
    }

    @Test
    void badQueriesGiveOneLineAndExitCode2() throws Exception {
        Path corrupt = Files.writeString(dir.resolve("corrupt.png"), "not a picture");
        expectError(corrupt + ": not an image", "--image", corrupt.toString());
        expectError("the text query is empty: type a few words that describe an image", "--text", "   ");
        expectError("no word of \"zebra giraffe\" is in the model's vocabulary", "--text", "zebra giraffe");
        expectError("image id 99 is not in the index", "--id", "99");

        Path other = dir.resolve("other.zip");
        TinyModels.bundle(9).write(other);
        assertThat(run("query", "--model", other.toString(), "--index", index.toString(), "--text", "red"))
                .isEqualTo(DualPathCli.EXIT_INPUT);
        assertThat(err.toString()).startsWith("error: " + index + " was built by another model").hasLineCount(1);
        Path damaged = dir.resolve("damaged-copy.zip");
        byte[] bytes = Files.readAllBytes(model);
        bytes[bytes.length / 2] ^= 0x5A;
        Files.write(damaged, bytes);
        assertThat(run("query", "--model", damaged.toString(), "--index", index.toString(), "--text", "red"))
                .isEqualTo(DualPathCli.EXIT_INPUT);
        assertThat(err.toString()).startsWith("error: " + damaged + ": damaged or truncated model file").hasLineCount(1);
        assertThat(run("query", "--model", model.toString(), "--index", dir.resolve("none").toString(), "--text", "red"))
                .isEqualTo(DualPathCli.EXIT_INPUT);
        assertThat(err.toString()).contains("no embedding store here").hasLineCount(1);
    }

    private void expectError(String message, String... query) {
        String[] full = new String[5 + query.length];
        full[0] = "query";
        full[1] = "--model";
        full[2] = model.toString();
        full[3] = "--index";
        full[4] = index.toString();
        System.arraycopy(query, 0, full, 5, query.length);
        assertThat(run(full)).as(err.toString()).isEqualTo(DualPathCli.EXIT_INPUT);
        assertThat(err.toString()).startsWith("error: ").contains(message).hasLineCount(1);
        assertThat(out.toString()).isEmpty();
    }
}
