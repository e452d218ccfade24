package org.dualpath.store;

import org.dualpath.common.InputException;
import org.dualpath.common.Npy;
import org.dualpath.common.Progress;
import org.dualpath.data.Dataset;
import org.dualpath.data.DatasetLoader;
import org.dualpath.data.DatasetSource;
import org.dualpath.model.DualPathModel;
import org.dualpath.model.TinyModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EmbeddingStoreTest {
    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    static Path modelFile;
    static DualPathModel model;

    @BeforeAll
    static void model() {
        modelFile = shared.resolve("model.zip");
        TinyModels.bundle(3).write(modelFile);
        model = DualPathModel.load(modelFile);
    }

    private static Dataset load(TinyDataset d) {
        return DatasetLoader.of(d.captions(), d.images()).instances(d.instances()).load(Progress.NONE);
    }

    private EmbeddingStore build(Dataset dataset, DualPathModel.Options options) {
        return EmbeddingStore.openOrBuild(model, modelFile, dataset, dir.resolve("index"), options, Progress.NONE);
    }

    /** A .npy reader independent of Npy: parses the header dict and reads little-endian float32 rows. */
    private static float[][] readNpy(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(raw)) {
            byte[] magic = in.readNBytes(6);
            assertThat(magic).isEqualTo(new byte[]{(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'});
            assertThat(in.readUnsignedByte()).isEqualTo(1);
            in.readUnsignedByte();
            int len = in.readUnsignedByte() | in.readUnsignedByte() << 8;
            assertThat((10 + len) % 64).isZero();
            String header = new String(in.readNBytes(len), StandardCharsets.US_ASCII);
            assertThat(header).contains("'descr': '<f4'", "'fortran_order': False").endsWith("\n");
            Matcher m = Pattern.compile("'shape': \\((\\d+), (\\d+)\\)").matcher(header);
            assertThat(m.find()).isTrue();
            int rows = Integer.parseInt(m.group(1));
            int cols = Integer.parseInt(m.group(2));
            ByteBuffer data = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(data.remaining()).isEqualTo(rows * cols * 4);
            float[][] out = new float[rows][cols];
            for (float[] row : out) {
                data.asFloatBuffer().get(row);
                data.position(data.position() + cols * 4);
            }
            return out;
        }
    }

    @Test
    void storesNormalisedFloat32NpyInDatasetOrderWithManifest() throws IOException {
        Dataset dataset = load(TinyDataset.write(dir, 6));
        EmbeddingStore store = build(dataset, DualPathModel.Options.PAPER);

        assertThat(store.report().imagesEmbedded()).isEqualTo(6);
        assertThat(store.report().captionsEmbedded()).isEqualTo(12);
        assertThat(store.images().ids()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(store.captions().ids()).containsExactly(10, 11, 20, 21, 30, 31, 40, 41, 50, 51, 60, 61);
        assertThat(store.captionImageRows()).containsExactly(0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5);
        assertThat(store.images().maxNormError()).isLessThan(1e-5);
        assertThat(store.captions().maxNormError()).isLessThan(1e-5);
        assertThat(store.modelHash()).hasSize(64).isEqualTo(EmbeddingStore.modelHash(modelFile));

        float[][] images = readNpy(dir.resolve("index/images.npy"));
        float[][] captions = readNpy(dir.resolve("index/captions.npy"));
        assertThat(images).hasDimensions(6, 16);
        assertThat(captions).hasDimensions(12, 16);
        for (int r = 0; r < 6; r++) {
            assertThat(images[r]).containsExactly(store.images().row(r));
        }
        assertThat(captions[3]).containsExactly(store.captions().row(3));
        // the stored vectors are what the model gives for the dataset's image and caption
        float[] direct = model.embedImage(org.dualpath.data.image.ImageDecoder.decode(dir.resolve("images/1.png")),
                DualPathModel.Options.PAPER);
        // batches of other sizes may round differently in the last bits
        assertThat(images[0]).containsExactly(direct, within(1e-5f));
        assertThat(captions[0]).containsExactly(model.embedCaptions(java.util.List.of("a red circle"),
                DualPathModel.Options.PAPER)[0], within(1e-5f));
        assertThat(Files.readString(dir.resolve("index/manifest.json")))
                .contains("\"modelHash\"", "\"datasetHash\"", "\"flipImages\" : true", "\"file\" : \"6.png\"");
    }

    @Test
    void secondOpenReusesTheVectors() throws IOException {
        Dataset dataset = load(TinyDataset.write(dir, 6));
        EmbeddingStore first = build(dataset, DualPathModel.Options.PLAIN);
        assertThat(first.report().message())
                .isEqualTo("embedded 6 images, 12 captions into " + dir.resolve("index") + " (a new store)");
        Path npy = dir.resolve("index/images.npy");
        FileTime written = Files.getLastModifiedTime(npy);

        EmbeddingStore second = build(dataset, DualPathModel.Options.PLAIN);
        assertThat(second.report().imagesEmbedded()).isZero();
        assertThat(second.report().captionsEmbedded()).isZero();
        assertThat(second.report().message()).startsWith("embeddings up to date: 6 images, 12 captions");
        assertThat(Files.getLastModifiedTime(npy)).isEqualTo(written);
        assertThat(second.images().row(5)).containsExactly(first.images().row(5));

        EmbeddingStore opened = EmbeddingStore.open(dir.resolve("index"));
        assertThat(opened.captions().row(7)).containsExactly(first.captions().row(7));
        assertThat(opened.options()).isEqualTo(DualPathModel.Options.PLAIN);
    }

    @Test
    void anotherModelOrOtherOptionsMakeTheStoreStale() {
        Dataset dataset = load(TinyDataset.write(dir, 4));
        build(dataset, DualPathModel.Options.PLAIN);
        Path other = dir.resolve("other.zip");
        TinyModels.bundle(7).write(other);

        EmbeddingStore rebuilt = EmbeddingStore.openOrBuild(DualPathModel.load(other), other, dataset,
                dir.resolve("index"), DualPathModel.Options.PLAIN, Progress.NONE);
        assertThat(rebuilt.report().message())
                .startsWith("embedded 4 images, 8 captions into " + dir.resolve("index") + " (stale: model changed")
                .contains(other.toString()).doesNotContain("\n");
        assertThatThrownBy(() -> rebuilt.requireModel(modelFile)).isInstanceOf(InputException.class)
                .hasMessageContaining("was built by another model");

        EmbeddingStore flipped = build(dataset, new DualPathModel.Options(true, false));
        assertThat(flipped.report().message())
                .startsWith("embedded 4 images, 8 captions into " + dir.resolve("index") + " (stale: model changed");
        EmbeddingStore shifted = build(dataset, DualPathModel.Options.PAPER);
        assertThat(shifted.report().message())
                .isEqualTo("embedded 4 images, 8 captions into " + dir.resolve("index")
                        + " (stale: options changed (flip on, shift off -> flip on, shift on))");
    }

    @Test
    void changedDataIsReportedAndOnlyNewOrChangedRowsAreEmbedded() throws IOException {
        Dataset six = load(TinyDataset.write(dir, 6));
        EmbeddingStore before = build(six, DualPathModel.Options.PAPER);

        Dataset eight = load(TinyDataset.write(dir, 8));
        EmbeddingStore after = build(eight, DualPathModel.Options.PAPER);
        assertThat(after.report().message())
                .contains("(stale: data changed (images +2 -0 ~0, captions +4 -0 ~0)");
        assertThat(after.report().imagesEmbedded()).isEqualTo(2);
        assertThat(after.report().captionsEmbedded()).isEqualTo(4);
        for (int r = 0; r < 6; r++) {
            assertThat(after.images().row(r)).containsExactly(before.images().row(r));
        }
        assertThat(after.images().size()).isEqualTo(8);

        Path captions = dir.resolve("captions.json");
        Files.writeString(captions, Files.readString(captions).replace("a blue square left of a circle 4",
                "a red square"));
        EmbeddingStore edited = build(load(new TinyDataset(captions, dir.resolve("images"), dir.resolve("instances.json"))),
                DualPathModel.Options.PAPER);
        assertThat(edited.report().message()).contains("(stale: data changed (images +0 -0 ~0, captions +0 -0 ~1)");
        assertThat(edited.report().imagesEmbedded()).isZero();
        assertThat(edited.report().captionsEmbedded()).isEqualTo(1);
    }

    @Test
    void missingOrDamagedStoresAreRefusedByOpenAndRebuiltByOpenOrBuild() throws IOException {
        assertThatThrownBy(() -> EmbeddingStore.open(dir.resolve("nothing"))).isInstanceOf(InputException.class)
                .hasMessage(dir.resolve("nothing") + ": no embedding store here (no manifest.json); build one with 'dualpath embed'");

        Dataset dataset = load(TinyDataset.write(dir, 4));
        build(dataset, DualPathModel.Options.PLAIN);
        Path npy = dir.resolve("index/captions.npy");
        byte[] bytes = Files.readAllBytes(npy);
        Files.write(npy, Arrays.copyOf(bytes, bytes.length - 10));
        assertThatThrownBy(() -> EmbeddingStore.open(dir.resolve("index"))).isInstanceOf(InputException.class)
                .hasMessageStartingWith(npy + ": embedding store damaged");

        EmbeddingStore rebuilt = build(dataset, DualPathModel.Options.PLAIN);
        assertThat(rebuilt.report().message())
                .startsWith("embedded 4 images, 8 captions into " + dir.resolve("index") + " (the store was damaged (");
        assertThat(EmbeddingStore.open(dir.resolve("index")).captions().size()).isEqualTo(8);
    }

    @Test
    void cancellingLeavesThePreviousStoreIntact() {
        Dataset four = load(TinyDataset.write(dir, 4));
        build(four, DualPathModel.Options.PLAIN);
        Dataset eighty = load(TinyDataset.write(dir, 80));
        AtomicBoolean cancel = new AtomicBoolean();
        Progress progress = new Progress() {
            @Override
            public void update(long done, long total, String message) {
                cancel.set(true);
            }

            @Override
            public boolean isCancelled() {
                return cancel.get();
            }
        };
        assertThatThrownBy(() -> EmbeddingStore.openOrBuild(model, modelFile, eighty, dir.resolve("index"),
                DualPathModel.Options.PLAIN, progress)).isInstanceOf(CancellationException.class);
        assertThat(EmbeddingStore.open(dir.resolve("index")).images().size()).isEqualTo(4);
    }

    @Test
    void unreadableImagesAreSkippedWithTheirCaptionsKeptAndAllReportedInOneLine() throws IOException {
        Dataset dataset = load(TinyDataset.writeWithBadImages(dir, 6));
        EmbeddingStore store = build(dataset, DualPathModel.Options.PAPER);

        assertThat(store.report().imagesEmbedded()).isEqualTo(3);
        assertThat(store.report().captionsEmbedded()).isEqualTo(12);
        assertThat(store.images().ids()).containsExactly(1, 3, 6);
        assertThat(store.captions().ids()).containsExactly(10, 11, 20, 21, 30, 31, 40, 41, 50, 51, 60, 61);
        int none = EmbeddingStore.NO_IMAGE;
        assertThat(store.captionImageRows()).containsExactly(0, 0, none, none, 1, 1, none, none, none, none, 2, 2);
        assertThat(store.captionImageId(3)).isEqualTo(2);
        assertThat(store.skippedImages()).extracting(SkippedImage::file).containsExactlyElementsOf(TinyDataset.BAD_FILES);
        assertThat(store.skippedImage(4).reason()).startsWith("corrupt or truncated PNG data");
        assertThat(store.skippedImage(1)).isNull();
        String summary = "3 images could not be read and were skipped: 2.png (empty file (0 bytes), not an image), 4.png ("
                + store.skippedImage(4).reason() + "), 5.jpg (not an image (the content is not JPEG, PNG, BMP or GIF)); "
                + "repair or replace them to have them embedded next time";
        assertThat(store.report().skippedSummary()).isEqualTo(summary).doesNotContain("\n");
        assertThat(Files.readString(dir.resolve("index/manifest.json"))).contains("\"version\" : 2", "\"skipped\" : [",
                "\"reason\" : \"empty file (0 bytes), not an image\"");

        EmbeddingStore reopened = build(dataset, DualPathModel.Options.PAPER);
        assertThat(reopened.report().message()).startsWith("embeddings up to date: 3 images, 12 captions");
        assertThat(reopened.report().skippedSummary()).isEqualTo(summary);
        assertThat(EmbeddingStore.open(dir.resolve("index")).report().skippedSummary()).isEqualTo(summary);
        assertThat(build(load(TinyDataset.write(dir.resolve("good"), 6)), DualPathModel.Options.PAPER).report()
                .skippedSummary()).isEmpty();
    }

    @Test
    void aRepairedOrRestoredImageIsEmbeddedOnTheNextBuildAndTheOthersStaySkipped() throws IOException {
        TinyDataset d = TinyDataset.writeWithBadImages(dir, 6);
        Files.delete(d.images().resolve("6.png"));
        EmbeddingStore before = build(load(d), DualPathModel.Options.PAPER);
        assertThat(before.skippedImage(6).reason()).isEqualTo("file not found");

        TinyDataset.image(d.images(), 2);
        TinyDataset.image(d.images(), 6);
        EmbeddingStore after = build(load(d), DualPathModel.Options.PAPER);

        assertThat(after.report().message()).contains("(stale: data changed (images +0 -0 ~2, captions +0 -0 ~0)");
        assertThat(after.report().imagesEmbedded()).isEqualTo(2);
        assertThat(after.report().captionsEmbedded()).isZero();
        assertThat(after.images().ids()).containsExactly(1, 2, 3, 6);
        assertThat(after.images().row(after.images().rowOf(3))).containsExactly(before.images().row(before.images().rowOf(3)));
        assertThat(after.skippedImages()).extracting(SkippedImage::file).containsExactly("4.png", "5.jpg");
        assertThat(after.report().skippedSummary()).startsWith("2 images could not be read and were skipped: 4.png (");
    }

    @Test
    void aFolderWithoutOneReadableImageIsRefusedAsTheWrongFolder() throws IOException {
        TinyDataset d = TinyDataset.write(dir, 4);
        for (int i = 1; i <= 4; i++) {
            Files.delete(d.images().resolve(i + ".png"));
        }
        assertThatThrownBy(() -> build(load(d), DualPathModel.Options.PLAIN)).isInstanceOf(InputException.class)
                .hasMessage("none of the 4 images could be read: 1.png (file not found), 2.png (file not found), "
                        + "3.png (file not found) (+1 more); check that the images folder is the dataset's");
        assertThat(dir.resolve("index/manifest.json")).doesNotExist();
    }

    /** Three images of fixed bytes and modification times, so that their stamps and the dataset hash are fixed. */
    private TinyDataset fixedDataset() {
        TinyDataset d = TinyDataset.write(dir, 3);
        for (int i = 1; i <= 3; i++) {
            org.dualpath.data.Fixtures.fixedPng(d.images().resolve(i + ".png"), 1_700_000_000_000L + i);
        }
        return d;
    }

    /** Stores already on users' disks stay up to date: the model and dataset hashes are pinned to this version's. */
    @Test
    void modelAndDatasetHashesStayTheSame() throws IOException {
        assertThat(build(load(fixedDataset()), DualPathModel.Options.PLAIN).datasetHash()).isEqualTo("03ed57a924de15b78abff6a8d8a121a4092c62f16ae1f56839a31e16558498e9");
        Path bytes = Files.write(dir.resolve("model-bytes.zip"), "abc".getBytes(StandardCharsets.US_ASCII));
        assertThat(EmbeddingStore.modelHash(bytes))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    /**
     * {@code manifest-v1.json}: the manifest of {@link #fixedDataset()} with its source recorded, as the store wrote
     * it before it was split into its file format, staleness check and embedding loop; the test folder stands as
     * {@code ${DIR}}, the model file and its SHA-256 as {@code ${MODEL_FILE}} and {@code ${MODEL_HASH}}.
     */
    private String pinnedManifest() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("manifest-v1.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${DIR}", dir.toString())
                    .replace("${MODEL_FILE}", modelFile.toString())
                    .replace("${MODEL_HASH}", EmbeddingStore.modelHash(modelFile));
        }
    }

    private EmbeddingStore buildFixed(Path index) {
        TinyDataset d = fixedDataset();
        return EmbeddingStore.openOrBuild(model, modelFile, load(d),
                new DatasetSource(d.captions(), d.images(), d.instances(), null, 7L, null, null), index,
                DualPathModel.Options.PLAIN, Progress.NONE);
    }

    @Test
    void aNewStoreWritesTheManifestOfStoresAlreadyOnDisk() throws IOException {
        buildFixed(dir.resolve("index"));
        assertThat(Files.readString(dir.resolve("index/manifest.json"))).isEqualTo(pinnedManifest());
    }

    @Test
    void aStoreWrittenBeforeTheSplitOpensAsFresh() throws IOException {
        Path index = Files.createDirectories(dir.resolve("old-index"));
        Files.writeString(index.resolve("manifest.json"), pinnedManifest());
        float[][] images = {unit(0), unit(1), unit(2)};
        Npy.write(index.resolve("images.npy"), images, 16);
        Npy.write(index.resolve("captions.npy"), new float[][]{unit(3), unit(4), unit(5), unit(6), unit(7), unit(8)}, 16);

        EmbeddingStore store = buildFixed(index);

        assertThat(store.report().message()).isEqualTo("embeddings up to date: 3 images, 6 captions in " + index);
        assertThat(store.report().imagesEmbedded()).isZero();
        assertThat(store.images().row(2)).containsExactly(images[2]);
        assertThat(store.captionImageRows()).containsExactly(0, 0, 1, 1, 2, 2);
        assertThat(Files.readString(index.resolve("manifest.json"))).isEqualTo(pinnedManifest());
    }

    private static float[] unit(int axis) {
        float[] v = new float[16];
        v[axis] = 1;
        return v;
    }
}
