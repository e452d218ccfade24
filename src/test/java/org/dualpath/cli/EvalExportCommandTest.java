package org.dualpath.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dualpath.store.TinyDataset;
import org.dualpath.model.TinyModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EvalExportCommandTest {
    @TempDir
    static Path dir;

    static Path model;
    static TinyDataset data;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void files() {
        model = dir.resolve("model.zip");
        TinyModels.bundle(3).write(model);
        data = TinyDataset.write(dir, 10);
    }

    private int run(String... args) {
        return CliRunner.run(out, err, args);
    }

    @Test
    void evalPrintsRecallTableAndWritesJson() throws Exception {
        Path json = dir.resolve("report/recall.json");
        assertThat(run("eval", "--model", model.toString(), "--captions", data.captions().toString(), "--images",
                data.images().toString(), "--instances", data.instances().toString(), "--protocol", "all",
                "--json", json.toString(), "--flip")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("split: test", "protocol: all test images", "image -> text",
                "text -> image", "rsum", "per category (all):", "wrote " + json);
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        JsonNode eval = report.path("results").get(0).path("evaluations").get(0);
        assertThat(eval.path("images").asInt()).isEqualTo(2);
        assertThat(eval.path("captions").asInt()).isEqualTo(4);
        assertThat(eval.path("categories")).isNotEmpty();

        assertThat(run("eval", "--model", model.toString(), "--captions", data.captions().toString(), "--images",
                data.images().toString(), "--protocol", "5k")).isEqualTo(DualPathCli.EXIT_INPUT);
        assertThat(err.toString()).contains("error: COCO 5K").contains("needs exactly 5,000 test images");
    }

    @Test
    void evalOnADrawnSplitOfGivenSize() throws Exception {
        Path json = dir.resolve("report/drawn.json");
        assertThat(run("eval", "--model", model.toString(), "--captions", data.captions().toString(), "--images",
                data.images().toString(), "--val", "0", "--test", "4", "--json", json.toString()))
                .as(err.toString()).isZero();
        JsonNode eval = new ObjectMapper().readTree(json.toFile()).path("results").get(0).path("evaluations").get(0);
        assertThat(eval.path("images").asInt()).isEqualTo(4);

        assertThat(run("eval", "--model", model.toString(), "--captions", data.captions().toString(), "--images",
                data.images().toString(), "--split", json.toString(), "--test", "4")).isEqualTo(DualPathCli.EXIT_INPUT);
        assertThat(err.toString()).contains("error: --val/--test draw a split, but --split");
    }

    @Test
    void evalWithSplitAllEvaluatesEveryImageAndPrintsTheCosineDiagnostic() throws Exception {
        Path json = dir.resolve("report/all.json");
        assertThat(run("eval", "--model", model.toString(), "--captions", data.captions().toString(), "--images",
                data.images().toString(), "--split", "all", "--json", json.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("split: all", "mean cosine: true pairs", "caption-caption (different images)");
        JsonNode eval = new ObjectMapper().readTree(json.toFile()).path("results").get(0).path("evaluations").get(0);
        assertThat(eval.path("images").asInt()).isEqualTo(10);

        assertThat(run("eval", "--model", model.toString(), "--captions", data.captions().toString(), "--images",
                data.images().toString(), "--split", "all", "--test", "4")).isEqualTo(DualPathCli.EXIT_INPUT);
        assertThat(err.toString()).contains("error: --split all evaluates every image");
    }

    @Test
    void projectorExportWritesTsvSpriteAndConfig() throws Exception {
        Path index = dir.resolve("index");
        assertThat(run("embed", "--model", model.toString(), "--captions", data.captions().toString(), "--images",
                data.images().toString(), "--instances", data.instances().toString(), "--out", index.toString()))
                .as(err.toString()).isZero();
        Path out = dir.resolve("projector");
        assertThat(run("export", "projector", "--index", index.toString(), "--out", out.toString()))
                .as(err.toString()).isZero();
        assertThat(this.out.toString()).contains("wrote " + out + ": 10 images, 20 captions, sprite 256x256 px of 64 px thumbnails");

        List<String> vectors = Files.readAllLines(out.resolve("vectors.tsv"));
        assertThat(vectors).hasSize(30).allMatch(l -> l.split("\t").length == 16);
        assertThat(Files.readAllLines(out.resolve("image_vectors.tsv"))).hasSize(10);
        List<String> meta = Files.readAllLines(out.resolve("metadata.tsv"));
        assertThat(meta).hasSize(31);
        assertThat(meta.get(0)).isEqualTo("id\tkind\tsplit\tcategory\ttext");
        assertThat(meta.get(1)).matches("1\timage\t(train|val|test)\tcircle\t1\\.png");
        assertThat(meta.get(11)).matches("10\tcaption\t(train|val|test)\tcircle\ta red circle");
        BufferedImage sprite = ImageIO.read(out.resolve("sprite.png").toFile());
        assertThat(sprite.getWidth()).isEqualTo(256);
        // thumbnails are never enlarged: the 20-px image 1 sits in the middle of the first 64-px cell, the last cells are empty
        assertThat(sprite.getRGB(32, 32)).isNotEqualTo(sprite.getRGB(255, 255));
        assertThat(Files.readString(out.resolve("projector_config.pbtxt")))
                .contains("tensor_path: \"vectors.tsv\"", "metadata_path: \"metadata.tsv\"", "image_path: \"sprite.png\"",
                        "single_image_dim: 64");
    }
}
