package org.dualpath.model;

import org.dualpath.common.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelBundleTest {
    @TempDir
    Path dir;

    static ModelBundle tinyBundle() {
        return TinyModels.bundle(3);
    }

    private static BufferedImage image(Color color) {
        BufferedImage img = new BufferedImage(20, 20, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, 20, 20);
        g.setColor(Color.WHITE);
        g.fillOval(3, 3, 9, 9);
        g.dispose();
        return img;
    }

    @Test
    void savedAndReloadedModelsGiveIdenticalEmbeddings() {
        ModelBundle bundle = tinyBundle();
        DualPathModel before = new DualPathModel(bundle);
        List<BufferedImage> images = List.of(image(Color.RED), image(Color.BLUE));
        List<String> captions = List.of("a red circle", "a blue square left of a circle");
        float[][] imagesBefore = before.embedImages(images, DualPathModel.Options.PAPER);
        float[][] captionsBefore = before.embedCaptions(captions, DualPathModel.Options.PAPER);

        Path training = dir.resolve("training.zip");
        bundle.write(training);
        Path inference = dir.resolve("inference.zip");
        ModelBundle.read(training).toInference().write(inference);

        for (Path file : List.of(training, inference)) {
            DualPathModel after = DualPathModel.load(file);
            assertThat(after.embedImages(images, DualPathModel.Options.PAPER)).isDeepEqualTo(imagesBefore);
            assertThat(after.embedCaptions(captions, DualPathModel.Options.PAPER)).isDeepEqualTo(captionsBefore);
        }
        assertThat(ModelBundle.read(inference).trainingGraph()).isNull();
        assertThat(ModelBundle.read(inference).manifest().kind()).isEqualTo(ModelBundle.Kind.INFERENCE);
        double norm = 0;
        for (float v : imagesBefore[0]) {
            norm += v * v;
        }
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void inferenceBundleLeavesOutUpdaterAndClassifier() throws IOException {
        Path training = dir.resolve("training.zip");
        Path inference = dir.resolve("inference.zip");
        ModelBundle bundle = tinyBundle();
        bundle.write(training);
        bundle.toInference().write(inference);
        assertThat(entries(training)).contains("graph.zip").doesNotContain("image_encoder.zip");
        assertThat(entries(inference)).contains("image_encoder.zip", "text_encoder.zip", "vocabulary.json")
                .doesNotContain("graph.zip");
        ModelBundle read = ModelBundle.read(inference);
        assertThat(read.imageEncoder().getLayer(DualPathGraphs.IMAGE_EMBEDDING)).isNotNull();
        assertThat(read.imageEncoder().getVertex(DualPathGraphs.INSTANCE_OUTPUT)).isNull();
        assertThat(read.textEncoder().getVertex(DualPathGraphs.INSTANCE_OUTPUT)).isNull();
    }

    private static List<String> entries(Path zip) throws IOException {
        try (var z = new java.util.zip.ZipFile(zip.toFile())) {
            return z.stream().map(ZipEntry::getName).toList();
        }
    }

    @Test
    void truncatedFileIsRefused() throws IOException {
        Path good = dir.resolve("good.zip");
        tinyBundle().write(good);
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = dir.resolve("truncated.zip");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> ModelBundle.read(truncated))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith(truncated + ": ")
                .hasMessageContaining("truncated");
    }

    /** A model zip without one of its encoders: one clear line that says what to do once. */
    @Test
    void missingEncoderIsNamedAndTheAdviceGivenOnce() throws IOException {
        Path good = dir.resolve("good.zip");
        tinyBundle().toInference().write(good);
        Path incomplete = dir.resolve("incomplete.zip");
        try (var in = new java.util.zip.ZipFile(good.toFile());
             OutputStream out = Files.newOutputStream(incomplete); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e : java.util.Collections.list(in.entries())) {
                if (!e.getName().equals("text_encoder.zip")) {
                    zip.putNextEntry(new ZipEntry(e.getName()));
                    zip.write(in.getInputStream(e).readAllBytes());
                    zip.closeEntry();
                }
            }
        }
        assertThatThrownBy(() -> ModelBundle.read(incomplete)).isInstanceOf(InputException.class)
                .hasMessage(incomplete + ": incomplete model file (no text_encoder.zip); copy it again or retrain");
    }

    @Test
    void zipOfAnotherKindIsRefused() throws IOException {
        Path other = dir.resolve("photos.zip");
        try (OutputStream out = Files.newOutputStream(other); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("holiday.jpg"));
            zip.write(new byte[]{1, 2, 3});
            zip.closeEntry();
        }
        assertThatThrownBy(() -> ModelBundle.read(other))
                .isInstanceOf(InputException.class)
                .hasMessage(other + ": a zip file but not a DualPath model (no manifest.json); give a model .zip written by 'dualpath train'");
    }

    @Test
    void textFileAndMissingFileAreRefused() throws IOException {
        Path text = dir.resolve("notes.zip");
        Files.writeString(text, "not a zip at all");
        assertThatThrownBy(() -> ModelBundle.read(text)).isInstanceOf(InputException.class)
                .hasMessageContaining("not a model file");
        Path missing = dir.resolve("missing.zip");
        assertThatThrownBy(() -> ModelBundle.read(missing)).isInstanceOf(InputException.class)
                .hasMessageContaining("no such model file");
    }

    @Test
    void newerFormatVersionIsRefused() throws IOException {
        Path future = dir.resolve("future.zip");
        try (OutputStream out = Files.newOutputStream(future); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("manifest.json"));
            zip.write(("{\"format\":\"dualpath-model\",\"version\":99,\"kind\":\"INFERENCE\",\"preset\":\"x\","
                    + "\"created\":\"2026-01-01T00:00:00Z\"}").getBytes());
            zip.closeEntry();
        }
        assertThatThrownBy(() -> ModelBundle.read(future))
                .isInstanceOf(InputException.class)
                .hasMessage(future + ": model format version 99, this program reads version 1; update DualPath Explorer");
    }

    @Test
    void queriesWithoutKnownWordsAreRefused() {
        DualPathModel model = new DualPathModel(tinyBundle());
        assertThatThrownBy(() -> model.embedQuery("   ", DualPathModel.Options.PLAIN))
                .isInstanceOf(InputException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> model.embedQuery("giraffe zebra", DualPathModel.Options.PLAIN))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("no word of \"giraffe zebra\" is in the model's vocabulary");
        assertThat(model.embedQuery("red circle", DualPathModel.Options.PLAIN)).hasSize(16);
    }

    @Test
    void provenanceIsKeptByCheckpointAndInferenceBundle() {
        Path training = dir.resolve("training.zip");
        tinyBundle().withProvenance(TinyModels.provenance()).write(training);
        Path inference = dir.resolve("inference.zip");
        ModelBundle.read(training).toInference().write(inference);

        assertThat(ModelBundle.read(training).provenance()).isEqualTo(TinyModels.provenance());
        assertThat(ModelBundle.read(inference).provenance()).isEqualTo(TinyModels.provenance());
        assertThat(ModelBundle.read(inference).manifest().version()).isEqualTo(1);
    }

    @Test
    void aModelWithoutProvenanceReadsWithNone() {
        Path file = dir.resolve("model.zip");
        tinyBundle().write(file);
        assertThat(ModelBundle.read(file).provenance()).isNull();
        ModelBundle demo = ModelBundle.read(Path.of("assets/models/shapes-demo.zip"));
        assertThat(demo.provenance()).isNull();
        assertThat(demo.provenanceSummary()).containsExactly("provenance not recorded (trained before models kept it)");
    }

    @Test
    void provenanceFieldsOfANewerProgramAreSkipped() throws IOException {
        Path file = dir.resolve("model.zip");
        tinyBundle().withProvenance(TinyModels.provenance()).write(file);
        Path newer = dir.resolve("newer.zip");
        rewriteEntry(file, newer, "provenance.json",
                json -> json.replaceFirst("\\{", "{\"gpu\" : \"some accelerator\", "));
        assertThat(ModelBundle.read(newer).provenance()).isEqualTo(TinyModels.provenance());
    }

    /** A model from before training left unreadable images out has none left out. */
    @Test
    void provenanceWithoutUnreadableImagesReadsAsNoneLeftOut() throws IOException {
        Path file = dir.resolve("model.zip");
        tinyBundle().withProvenance(TinyModels.provenance()).write(file);
        Path older = dir.resolve("older.zip");
        java.util.concurrent.atomic.AtomicReference<String> written = new java.util.concurrent.atomic.AtomicReference<>();
        rewriteEntry(file, older, "provenance.json", json -> {
            written.set(json.replaceAll(",\\s*\"unreadableImages\"\\s*:\\s*0", "")
                    .replaceAll(",\\s*\"unreadableFiles\"\\s*:\\s*\\[\\s*]", ""));
            return written.get();
        });
        assertThat(written.get()).doesNotContain("unreadable");
        ModelProvenance.TrainingData data = ModelBundle.read(older).provenance().data();
        assertThat(data.unreadableImages()).isZero();
        assertThat(data.unreadableFiles()).isEmpty();
        assertThat(ModelBundle.read(older).provenance()).isEqualTo(TinyModels.provenance());
    }

    @Test
    void theSummaryCountsUnreadableImagesLeftOut() {
        ModelProvenance p = TinyModels.provenance();
        ModelProvenance.TrainingData d = p.data();
        ModelProvenance leftOut = new ModelProvenance(new ModelProvenance.TrainingData(d.dataset(), d.captionsFile(),
                d.captionsSha256(), d.imagesDir(), d.instancesFile(), d.images(), d.captions(), d.split(), 1,
                java.util.List.of(new ModelProvenance.UnreadableFile("3.png", "empty file (0 bytes), not an image"))),
                p.settings(), p.software(), p.machine(), p.timing());
        assertThat(leftOut.summaryLines().get(0)).isEqualTo("trained on shapes (8 images, 1 unreadable left out,"
                + " seeded split, seed 7)");
    }

    @Test
    void summaryLinesNameDataTimeAndSoftware() {
        assertThat(tinyBundle().withProvenance(TinyModels.provenance()).provenanceSummary()).containsExactly(
                "trained on shapes (8 images, seeded split, seed 7)",
                "2025-06-01 14:03 UTC · 3\u00a0min\u00a006\u00a0s",
                "DualPath " + org.dualpath.common.Versions.program() + " · DL4J "
                        + org.dualpath.common.Versions.library("org.deeplearning4j", "deeplearning4j-nn"));
        assertThat(ModelProvenance.duration(59.4)).isEqualTo("59 s");
        assertThat(ModelProvenance.duration(7_620)).isEqualTo("2 h 07 min");
    }

    /** Copies a model zip, passing one entry's text through {@code change}. */
    private static void rewriteEntry(Path from, Path to, String name,
                                     java.util.function.UnaryOperator<String> change) throws IOException {
        try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(from));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                byte[] bytes = in.readAllBytes();
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(e.getName().equals(name)
                        ? change.apply(new String(bytes, java.nio.charset.StandardCharsets.UTF_8))
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8) : bytes);
                out.closeEntry();
            }
        }
    }
}
