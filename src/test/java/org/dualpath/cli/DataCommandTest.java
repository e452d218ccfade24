package org.dualpath.cli;

import org.dualpath.common.SharedData;
import org.dualpath.data.CocoCaptionsFile;
import org.dualpath.data.CocoImage;
import org.dualpath.data.CocoJson;
import org.dualpath.data.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DataCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return CliRunner.run(out, err, args);
    }

    @Test
    void checkOfAGoodDatasetExitsZero() {
        Fixtures.jpeg(dir, "a.jpg", 4, 3);
        Fixtures.jpeg(dir, "b.jpg", 5, 6);
        int code = run("data", "check", "--captions", Fixtures.captions(dir).toString(), "--images", dir.toString());
        assertThat(code).isZero();
        assertThat(out.toString()).contains(
                "images: 2, captions: 3, captions per image: min 1, mean 1.50, max 2, categories: 0", "result: usable");
    }

    @Test
    void checkWithMissingImagesExitsWithInputError() {
        int code = run("data", "check", "--captions", Fixtures.captions(dir).toString(), "--images", dir.toString());
        assertThat(code).isEqualTo(DualPathCli.EXIT_INPUT);
        assertThat(out.toString()).contains("ERROR image files missing: 2", "    a.jpg (image id 1): file not found",
                "result: NOT usable");
    }

    @Test
    void brokenJsonIsOneErrorLine() {
        Path bad = Fixtures.text(dir, "bad.json", "{\"images\": [");
        int code = run("data", "check", "--captions", bad.toString(), "--images", dir.toString());
        assertThat(code).isEqualTo(DualPathCli.EXIT_INPUT);
        assertThat(err.toString()).startsWith("error: " + bad + ": malformed JSON at line 1").hasLineCount(1);
    }

    @Test
    void convertFlickrTokensWithImagesAndSplit() throws Exception {
        Fixtures.jpeg(dir, "img/a.jpg", 8, 6);
        Fixtures.jpeg(dir, "img/b.jpg", 3, 9);
        Path tokens = Fixtures.text(dir, "t.txt", "b.jpg#0\tA dog .\na.jpg#0\tA cat .\na.jpg#1\tCat .\n");
        Path captions = dir.resolve("out/captions.json");
        Path split = dir.resolve("out/split.json");
        int code = run("data", "convert", "--flickr-tokens", tokens.toString(), "--images", dir.resolve("img").toString(),
                "--out", captions.toString(), "--split-out", split.toString(), "--seed", "5");
        assertThat(code).as(err.toString()).isZero();
        CocoCaptionsFile coco = CocoJson.readCaptions(captions);
        assertThat(coco.images()).containsExactly(new CocoImage(1, "a.jpg", 8, 6), new CocoImage(2, "b.jpg", 3, 9));
        assertThat(coco.annotations()).hasSize(3);
        assertThat(Files.readString(split)).contains("\"seed\" : 5", "\"splits\"", "\"train\"");
        assertThat(out.toString()).contains("wrote " + captions + ": 2 images, 3 captions", "wrote " + split + ": train ");
    }

    @Test
    void convertCsv() {
        Path csv = Fixtures.text(dir, "captions.txt", "image,caption\na.jpg,\"A cat, sitting .\"\n");
        Path captions = dir.resolve("c.json");
        assertThat(run("data", "convert", "--csv", csv.toString(), "--out", captions.toString())).isZero();
        assertThat(CocoJson.readCaptions(captions).annotations().get(0).caption()).isEqualTo("A cat, sitting .");
    }

    @Test
    void convertKarpathyKeepsItsSplit() throws Exception {
        Path k = Fixtures.json(dir, "dataset_flickr8k.json", """
                {'images': [{'filename': 'x.jpg', 'imgid': 0, 'split': 'test', 'sentences': [{'raw': 'A.', 'tokens': ['a']}]},
                            {'filename': 'y.jpg', 'imgid': 1, 'split': 'restval', 'sentences': [{'raw': 'B.', 'tokens': ['b']}]}]}
                """);
        Path captions = dir.resolve("c.json");
        Path split = dir.resolve("s.json");
        assertThat(run("data", "convert", "--karpathy", k.toString(), "--out", captions.toString(),
                "--split-out", split.toString())).isZero();
        assertThat(Files.readString(split).replaceAll("\\s", ""))
                .isEqualTo("{\"source\":\"karpathy:dataset_flickr8k.json\",\"seed\":null,\"splits\":{\"train\":[1],\"val\":[],\"test\":[0]}}");
        assertThat(out.toString()).contains("train 1, val 0, test 1 (source karpathy:dataset_flickr8k.json)");
    }

    @Test
    void convertNeedsExactlyOneInput() {
        assertThat(run("data", "convert", "--out", dir.resolve("c.json").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required argument");
        Path t = Fixtures.text(dir, "t.txt", "a.jpg#0\tA .\n");
        assertThat(run("data", "convert", "--flickr-tokens", t.toString(), "--csv", t.toString(),
                "--out", dir.resolve("c.json").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("mutually exclusive");
    }

    @Test
    void convertOfBadInputIsOneErrorLine() {
        Path t = Fixtures.text(dir, "t.txt", "no tab here\n");
        assertThat(run("data", "convert", "--flickr-tokens", t.toString(), "--out", dir.resolve("c.json").toString()))
                .isEqualTo(DualPathCli.EXIT_INPUT);
        assertThat(err.toString()).isEqualToIgnoringNewLines(
                "error: " + t + ": line 1: no TAB between image and caption; expected name.jpg#n<TAB>caption");
        assertThat(dir.resolve("c.json")).doesNotExist();
    }

    @Test
    void checkOfFlickr8k1kExitsZero() {
        Path captions = SharedData.require("data/flickr8k-1k/captions.json");
        Path images = SharedData.require("data/flickr8k-1k/images");
        long t0 = System.nanoTime();
        int code = run("data", "check", "--captions", captions.toString(), "--images", images.toString());
        System.out.println("data check flickr8k-1k: " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        assertThat(code).as(out + err.toString()).isZero();
        assertThat(out.toString()).contains("images: 1000, captions: 5000, captions per image: min 5, mean 5.00, max 5");
    }
}
