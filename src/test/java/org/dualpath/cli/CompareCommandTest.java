package org.dualpath.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dualpath.model.TinyModels;
import org.dualpath.store.TinyDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code dualpath compare} on two tiny models of other vocabularies and embedding sizes, one of them a checkpoint. */
class CompareCommandTest {
    @TempDir
    static Path dir;

    static Path modelA;
    static Path checkpointB;
    static TinyDataset data;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void files() {
        modelA = dir.resolve("a.zip");
        TinyModels.bundle(3).write(modelA);
        checkpointB = dir.resolve("b.zip.checkpoint");
        TinyModels.bundle(List.of("a red circle", "a blue square"), 24, 5).write(checkpointB);
        data = TinyDataset.write(dir, 10);
    }

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return CliRunner.run(out, err, args);
    }

    private String[] compare(Path b, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("compare", "--model", modelA.toString(), "--model",
                b.toString(), "--captions", data.captions().toString(), "--images", data.images().toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void printsBothTablesWithTheDifferencesAndTheQueriesThatMovedMost() {
        assertThat(run(compare(checkpointB, "--split", "all"))).as(err.toString()).isZero();
        assertThat(out.toString()).contains("model A: " + modelA + " (16-d, vocabulary 7 words)",
                "model B: " + checkpointB + " (24-d, vocabulary 5 words)",
                "split: all · protocol: all test images · 10 images, 20 captions", "model A", "model B", "B - A",
                "chance R@1/5/10", "image -> text: ", "text -> image: ", "rank of the ground truth under A -> B",
                "most improved", "most regressed", "\nrsum ");
        // chance beside the figures as dualpath eval prints it (1 of 10 images; 2 of 20 captions: 1 - 18/20 is a hair under 10 %)
        assertThat(out.toString().lines().filter(l -> l.startsWith("text -> image  "))).singleElement().asString()
                .contains(" 10/50/100 ");
        assertThat(out.toString().lines().filter(l -> l.startsWith("image -> text  "))).singleElement().asString()
                .contains(" 10.0/45/76 ");
    }

    @Test
    void theJsonHoldsTheFiguresOfDualpathEvalForEachModelAndEveryQuerysRanks() throws Exception {
        Path json = dir.resolve("compare.json");
        assertThat(run(compare(checkpointB, "--split", "all", "--json", json.toString()))).as(err.toString()).isZero();
        assertThat(out.toString()).contains("wrote " + json);
        JsonNode c = new ObjectMapper().readTree(json.toFile());
        assertThat(c.path("modelB").asText()).isEqualTo(checkpointB.toAbsolutePath().toString());
        assertThat(c.path("imageToText").path("queries")).hasSize(10);
        assertThat(c.path("textToImage").path("queries")).hasSize(20);

        for (String model : new String[]{"A", "B"}) {
            Path evalJson = dir.resolve("eval-" + model + ".json");
            assertThat(run("eval", "--model", (model.equals("A") ? modelA : checkpointB).toString(), "--captions",
                    data.captions().toString(), "--images", data.images().toString(), "--split", "all", "--protocol",
                    "all", "--json", evalJson.toString())).as(err.toString()).isZero();
            JsonNode e = new ObjectMapper().readTree(evalJson.toFile()).path("results").get(0).path("evaluations").get(0);
            assertThat(c.path("rsum" + model).asDouble()).isEqualTo(e.path("rsum").asDouble());
            assertThat(c.path("textToImage").path(model.toLowerCase()).path("r5").asDouble())
                    .isEqualTo(e.path("textToImage").path("r5").asDouble());
            assertThat(c.path("imageToText").path(model.toLowerCase()).path("medianRank").asDouble())
                    .isEqualTo(e.path("imageToText").path("medianRank").asDouble());
        }

        JsonNode t2i = c.path("textToImage");
        JsonNode listed = c.path("listed").path("textToImage");
        assertThat(listed.path("mostImproved")).hasSize(Math.min(CompareCommand.LISTED, t2i.path("improvedCount").asInt()));
        assertThat(listed.path("mostRegressed")).hasSize(Math.min(CompareCommand.LISTED, t2i.path("regressedCount").asInt()));
        assertThat(t2i.path("improvedCount").asInt() + t2i.path("regressedCount").asInt() + t2i.path("unchanged").asInt())
                .isEqualTo(20);
        for (JsonNode q : listed.path("mostImproved")) {
            assertThat(q.path("rankA").asInt()).isGreaterThan(q.path("rankB").asInt());
            assertThat(q.path("query").asText()).startsWith("a ");
        }
        for (JsonNode q : listed.path("mostRegressed")) {
            assertThat(q.path("rankA").asInt()).isLessThan(q.path("rankB").asInt());
        }
    }

    @Test
    void theReportHoldsBothTablesTheScatterTheListedQueriesWithThumbnailsAndBothProvenances() throws Exception {
        Path reportDir = dir.resolve("compare-html");
        Path json = dir.resolve("compare-for-report.json");
        assertThat(run(compare(checkpointB, "--split", "all", "--report", reportDir.toString(), "--json", json.toString())))
                .as(err.toString()).isZero();
        Path html = reportDir.resolve("report.html");
        assertThat(out.toString()).contains("wrote " + html);
        String text = java.nio.file.Files.readString(html);
        JsonNode c = new ObjectMapper().readTree(json.toFile());
        assertThat(text).startsWith("<!doctype html>").contains("10 images, 20 captions", "model A", "model B", "B − A",
                String.format(java.util.Locale.ROOT, "<td>%.1f</td><td>%.1f</td>", c.path("rsumA").asDouble(),
                        c.path("rsumB").asDouble()), "A image → text", "B text → image", "<polyline",
                "ground truth at rank", "data:image/png;base64,", "Model A", "Model B",
                "model: " + modelA.toAbsolutePath(), "model: " + checkpointB.toAbsolutePath());
        // one dot per query of each direction in the scatters
        assertThat(text.split("<circle ", -1)).hasSize(10 + 20 + 1);
        int listed = 0;
        for (String direction : new String[]{"imageToText", "textToImage"}) {
            listed += c.path("listed").path(direction).path("mostImproved").size()
                    + c.path("listed").path(direction).path("mostRegressed").size();
        }
        assertThat(text.split("under A, ", -1)).hasSize(listed + 1);
        assertThat(text).doesNotContain("src=\"file:");
    }

    @Test
    void onTheTestSplitOfADrawnSplit() {
        assertThat(run(compare(checkpointB, "--val", "0", "--test", "4"))).as(err.toString()).isZero();
        assertThat(out.toString()).contains("split: test · protocol: all test images · 4 images, 8 captions");
    }

    @Test
    void aModelThatCannotEmbedTheDatasetGetsOneLineNamingItsFile() {
        Path noBackbone = dir.resolve("features-only.zip");
        TinyModels.readingFeaturesWithoutBackbone().write(noBackbone);
        assertThat(run(compare(noBackbone, "--split", "all"))).isEqualTo(DualPathCli.EXIT_INPUT);
        assertThat(err.toString().lines().filter(l -> l.startsWith("error: "))).containsExactly("error: " + noBackbone + ": its network reads 256-d mobilenet "
                + "features, but the file holds no mobilenet backbone to compute them; use the model file "
                + "'dualpath train' wrote, which includes it");
        assertThat(err.toString()).doesNotContain("Exception");
        assertThat(out.toString()).doesNotContain("model B");
    }

    @Test
    void oneModelIsNotAComparison() {
        assertThat(run("compare", "--model", modelA.toString(), "--captions", data.captions().toString(), "--images",
                data.images().toString())).isEqualTo(DualPathCli.EXIT_INPUT);
        assertThat(err.toString().strip()).isEqualTo("error: give two models, --model A.zip --model B.zip; got 1");
    }
}
