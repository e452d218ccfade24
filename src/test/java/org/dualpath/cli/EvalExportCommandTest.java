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
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class EvalExportCommandTest {
    /** How the three bad files of {@link #bad} are listed, in dataset order, with the decoder's reasons. */
    private static final String BAD_LIST_START = "2.png (empty file (0 bytes), not an image), 4.png (corrupt or truncated PNG data";
    private static final String BAD_LIST_END = "5.jpg (not an image (the content is not JPEG, PNG, BMP or GIF))";

    @TempDir
    static Path dir;

    static Path model;
    static TinyDataset data;
    /** A dataset with an empty file, a PNG cut short and a text file named .jpg among its images. */
    static TinyDataset bad;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void files() {
        model = dir.resolve("model.zip");
        TinyModels.bundle(3).write(model);
        data = TinyDataset.write(dir, 10);
        bad = TinyDataset.writeWithBadImages(dir.resolve("bad"), 6);
    }

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
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
    void evalWritesASelfContainedHtmlReport() throws Exception {
        Path reportDir = dir.resolve("html");
        assertThat(run("eval", "--model", model.toString(), "--captions", data.captions().toString(), "--images",
                data.images().toString(), "--instances", data.instances().toString(), "--split", "all", "--report",
                reportDir.toString())).as(err.toString()).isZero();
        Path html = reportDir.resolve("report.html");
        assertThat(out.toString()).contains("wrote " + html);
        String text = java.nio.file.Files.readString(html);
        assertThat(text).startsWith("<!doctype html>").contains("all images · all test images", "R@1 (chance)",
                "<polyline", "Worst text → image queries", "Worst image → text queries", "data:image/png;base64,",
                "ground truth at rank", "Provenance", "model: " + model.toAbsolutePath(),
                "Recall by category (all, weakest first)", "<td class=\"l\">circle</td>", "<td class=\"l\">square</td>");
        assertThat(text).doesNotContain("src=\"file:");
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

    private String[] embedBad(Path index, String... more) {
        String[] args = {"embed", "--model", model.toString(), "--captions", bad.captions().toString(), "--images",
                bad.images().toString(), "--instances", bad.instances().toString(), "--out", index.toString()};
        String[] all = Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    /** The one line of {@code text} (besides progress lines) that names the bad files, each once. */
    private static String badFilesLine(String text) {
        assertThat(text.lines().filter(l -> l.contains("5.jpg"))).hasSize(1);
        for (String file : TinyDataset.BAD_FILES) {
            assertThat(text.split(Pattern.quote(file), -1)).as(file).hasSize(2);
        }
        return text.lines().filter(l -> l.contains("5.jpg")).findFirst().orElseThrow();
    }

    @Test
    void embedSkipsTheBadImagesNamesThemAllInOneLineOnStderrAndRecordsThem() throws Exception {
        Path index = dir.resolve("bad-index");
        assertThat(run(embedBad(index))).as(err.toString()).isZero();
        assertThat(badFilesLine(err.toString())).startsWith("3 images could not be read and were skipped: " + BAD_LIST_START)
                .contains(BAD_LIST_END).endsWith("; repair or replace them to have them embedded next time");
        assertThat(out.toString()).contains("embedded 3 images, 12 captions into " + index + " (a new store)",
                "index " + index + ": 3 images, 12 captions, 16-d").doesNotContain("could not be read");
        JsonNode manifest = new ObjectMapper().readTree(index.resolve("manifest.json").toFile());
        assertThat(manifest.path("skipped")).hasSize(3);
        assertThat(manifest.path("skipped").get(2).path("file").asText()).isEqualTo("5.jpg");

        assertThat(run(embedBad(index))).isZero();
        assertThat(out.toString()).startsWith("embeddings up to date: 3 images, 12 captions");
        assertThat(badFilesLine(err.toString())).startsWith("3 images could not be read and were skipped: " + BAD_LIST_START);

        assertThat(run("query", "--model", model.toString(), "--index", index.toString(), "--text", "a blue square"))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("ground truth: image 6, rank");
        Path projector = dir.resolve("bad-projector");
        assertThat(run("export", "projector", "--index", index.toString(), "--out", projector.toString()))
                .as(err.toString()).isZero();
        assertThat(Files.readAllLines(projector.resolve("metadata.tsv"))).hasSize(1 + 3 + 12)
                .anyMatch(l -> l.matches("21\tcaption\t(train|val|test)\tsquare\ta blue square left of a circle 2"));
        assertThat(run("map", "--model", model.toString(), "--index", index.toString(), "--method", "pca", "--subset", "all",
                "--out", dir.resolve("bad-map.csv").toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("(3 images, 6 captions)");
    }

    @Test
    void strictEmbedFailsListingEveryBadFileInOneMessage() {
        assertThat(run(embedBad(dir.resolve("bad-strict-index"), "--strict"))).isEqualTo(DualPathCli.EXIT_INPUT);
        assertThat(badFilesLine(err.toString())).startsWith("error: 3 images could not be read: " + BAD_LIST_START)
                .endsWith(BAD_LIST_END + "; repair or remove them, or leave out --strict to skip them");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void evalReportsRecallOverTheImagesThatCouldBeReadWithANote() throws Exception {
        Path json = dir.resolve("bad-recall.json");
        String[] eval = {"eval", "--model", model.toString(), "--captions", bad.captions().toString(), "--images",
                bad.images().toString(), "--instances", bad.instances().toString(), "--split", "all",
                "--json", json.toString()};
        assertThat(run(eval)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("note: recall over the 3 of 6 images that could be read; the other 3 and "
                + "their 6 captions are left out", "image -> text", "per category (all):", "mean cosine: true pairs");
        assertThat(badFilesLine(err.toString())).startsWith("3 images could not be read and were skipped: " + BAD_LIST_START);
        JsonNode evaluation = new ObjectMapper().readTree(json.toFile()).path("results").get(0).path("evaluations").get(0);
        assertThat(evaluation.path("images").asInt()).isEqualTo(3);
        assertThat(evaluation.path("captions").asInt()).isEqualTo(6);

        String[] strict = Arrays.copyOf(eval, eval.length + 1);
        strict[eval.length] = "--strict";
        assertThat(run(strict)).isEqualTo(DualPathCli.EXIT_INPUT);
        assertThat(badFilesLine(err.toString())).startsWith("error: 3 images could not be read: " + BAD_LIST_START);
        assertThat(out.toString()).isEmpty();
    }
}
