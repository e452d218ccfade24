package org.dualpath.cli;

import org.dualpath.data.CocoCaption;
import org.dualpath.data.CocoCaptionsFile;
import org.dualpath.data.CocoImage;
import org.dualpath.data.CocoJson;
import org.dualpath.text.WordVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class VectorsCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return CliRunner.run(out, err, args);
    }

    private Path captions() {
        List<CocoCaption> caps = new ArrayList<>();
        String[] texts = {"A dog runs on the grass .", "A black dog jumps over a log .", "The cat sleeps on a mat .",
                "A giraffe eats leaves .", "A dog and a cat play ."};
        for (int i = 0; i < 60; i++) {
            caps.add(new CocoCaption(i, i % 12, texts[i % texts.length]));
        }
        List<CocoImage> images = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            images.add(new CocoImage(i, i + ".jpg", 10, 10));
        }
        Path file = dir.resolve("captions.json");
        CocoJson.write(file, new CocoCaptionsFile(Map.of(), images, caps));
        return file;
    }

    @Test
    void trainWritesWord2vecTextAndReportsVocabularySize() {
        Path vectors = dir.resolve("out/w2v.txt");
        int code = run("vectors", "train", "--captions", captions().toString(), "--out", vectors.toString(),
                "--dim", "8", "--epochs", "2", "--min-count", "13", "--seed", "3");
        assertThat(code).as(err.toString()).isZero();
        WordVectors v = WordVectors.read(vectors);
        assertThat(v.dimension()).isEqualTo(8);
        // each caption text occurs 12 times: a (84), dog (36), cat, on, the (24); every other word 12
        assertThat(v.words()).containsExactly("a", "dog", "cat", "on", "the");
        assertThat(out.toString()).contains("trained 8-d vectors for 5 words from 60 captions in").contains("wrote " + vectors);
    }

    @Test
    void coverageReportsTypesTokensAndMissingWords() throws Exception {
        Path glove = dir.resolve("glove.txt");
        Files.writeString(glove, "a 1 0\ndog 0 1\nthe 1 1\ncat 2 0\nsky 0 2\n");
        int code = run("vectors", "coverage", "--vectors", glove.toString(), "--captions", captions().toString(),
                "--min-count", "12", "--top", "3");
        assertThat(code).as(err.toString()).isZero();
        // every word occurs at least 12 times; "on" (24) is the most frequent without a vector
        assertThat(out.toString())
                .contains("60 captions, 2-d vectors")
                .contains("type coverage: 4 of ")
                .contains("most frequent words without a vector: on (24)");
    }

    @Test
    void badInputGivesExitCode2AndOneLineMessage() throws Exception {
        Path bad = dir.resolve("bad.txt");
        Files.writeString(bad, "a 1 0\ndog 0\n");
        int code = run("vectors", "coverage", "--vectors", bad.toString(), "--captions", captions().toString());
        assertThat(code).isEqualTo(DualPathCli.EXIT_INPUT);
        assertThat(err.toString()).isEqualTo("error: " + bad + ": line 2: expected 2 numbers, found 1" + System.lineSeparator());

        assertThat(run("vectors", "train", "--captions", dir.resolve("none.json").toString(), "--out", "x.txt"))
                .isEqualTo(DualPathCli.EXIT_INPUT);
        assertThat(run("vectors", "train", "--captions", captions().toString(), "--out", dir.resolve("x").toString(), "--dim", "0"))
                .isEqualTo(DualPathCli.EXIT_INPUT);
        assertThat(Files.exists(dir.resolve("x"))).isFalse();
    }

    @Test
    void missingOptionIsAUsageError() {
        assertThat(run("vectors", "train")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("Missing required options");
        assertThat(run("vectors")).isZero();
        assertThat(out.toString()).contains("train", "coverage");
    }
}
