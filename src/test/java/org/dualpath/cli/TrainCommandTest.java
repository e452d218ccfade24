package org.dualpath.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dualpath train} on a shapes dataset with an empty image, a PNG cut in half and a text file named
 * notes.jpg: without {@code --strict} it names them in one line and trains on the rest, and
 * {@code dualpath model info} lists them; with it, it stops with one line that names all three.
 */
class TrainCommandTest {
    @TempDir
    static Path dir;

    static Path shapes;
    static Path images;
    static Path tinyConfig;

    @BeforeAll
    static void hostileShapes() throws IOException {
        shapes = dir.resolve("shapes");
        CliRunner.Result generated = CliRunner.run("shapes", "--out", shapes.toString(), "--train", "24", "--test", "8",
                "--seed", "3");
        assertThat(generated.exitCode()).as(generated.err()).isZero();
        images = shapes.resolve("images");
        Files.write(images.resolve("shapes_000003.png"), new byte[0]);
        byte[] png = Files.readAllBytes(images.resolve("shapes_000005.png"));
        Files.write(images.resolve("shapes_000005.png"), Arrays.copyOf(png, png.length / 2));
        Path captions = shapes.resolve("captions_shapes.json");
        Files.writeString(captions, Files.readString(captions).replace("shapes_000007.png", "notes.jpg"));
        Files.writeString(images.resolve("notes.jpg"), "a shopping list, not a picture\n");
        tinyConfig = Files.writeString(dir.resolve("tiny.json"), """
                {"network": {"imageWidths": [4, 8], "imageHiddenDim": 16, "embeddingDim": 16,
                             "textWidths": [8, 16], "textBlocks": [1, 1]}}
                """);
    }

    /** Every image is in the training or the validation split, so the run decodes all 32. */
    private static CliRunner.Result train(Path model, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--preset", "shapes-demo",
                "--captions", shapes.resolve("captions_shapes.json").toString(), "--images", images.toString(),
                "--split-seed", "7", "--val", "4", "--test", "0", "--config", tinyConfig.toString(),
                "--epochs-stage1", "1", "--epochs-stage2", "0", "--batch", "8", "--out", model.toString()));
        args.addAll(List.of(more));
        return CliRunner.run(args.toArray(String[]::new));
    }

    @Test
    void unreadableImagesAreNamedInOneLineLeftOutAndListedByModelInfo() {
        Path model = dir.resolve("model.zip");
        CliRunner.Result trained = train(model);
        assertThat(trained.exitCode()).as(trained.err()).isZero();
        List<String> named = trained.err().lines().filter(l -> l.contains("could not be read")).toList();
        assertThat(named).singleElement().satisfies(l -> assertThat(l)
                .startsWith("3 of 32 images in " + images.toAbsolutePath().normalize() + " could not be read and are"
                        + " left out of training and validation: ")
                .contains("shapes_000003.png (empty file (0 bytes), not an image)",
                        "shapes_000005.png (corrupt or truncated PNG data (",
                        "notes.jpg (not an image (the content is not JPEG, PNG, BMP or GIF))")
                .endsWith("or give --strict to stop instead"));
        assertThat(trained.err()).doesNotContain("Exception", "\tat ");

        CliRunner.Result info = CliRunner.run("model", "info", model.toString());
        assertThat(info.exitCode()).as(info.err()).isZero();
        List<String> lines = info.out().lines().toList();
        int leftOut = lines.indexOf(lines.stream().filter(l -> l.matches("  left out +3 unreadable images, not trained"
                + " or validated on:")).findFirst().orElseThrow());
        assertThat(lines.subList(leftOut + 1, leftOut + 4)).satisfiesExactly(
                l -> assertThat(l).matches(" +shapes_000003\\.png \\(empty file \\(0 bytes\\), not an image\\)"),
                l -> assertThat(l).matches(" +shapes_000005\\.png \\(corrupt or truncated PNG data \\(.+\\); replace the file"
                        + " with a complete copy\\)"),
                l -> assertThat(l).matches(" +notes\\.jpg \\(not an image \\(the content is not JPEG, PNG, BMP or GIF\\)\\)"));
        assertThat(lines).anyMatch(l -> l.matches("  split +drawn with seed 7: train 28, val 4, test 0 .*"));
    }

    @Test
    void strictStopsWithOneLineNamingEveryUnreadableImage() {
        Path model = dir.resolve("strict.zip");
        CliRunner.Result refused = train(model, "--strict");
        assertThat(refused.exitCode()).isEqualTo(DualPathCli.EXIT_INPUT);
        List<String> errors = refused.err().lines().filter(l -> l.startsWith("error: ")).toList();
        assertThat(errors).singleElement().satisfies(l -> assertThat(l)
                .startsWith("error: 3 of 32 images in " + images.toAbsolutePath().normalize() + " could not be read: ")
                .contains("shapes_000003.png (empty file (0 bytes), not an image)", "shapes_000005.png (corrupt",
                        "notes.jpg (not an image")
                .endsWith("; fix or replace them, or train without --strict to leave them out"));
        assertThat(refused.err()).doesNotContain("Exception", "\tat ");
        assertThat(model).doesNotExist();
    }
}
