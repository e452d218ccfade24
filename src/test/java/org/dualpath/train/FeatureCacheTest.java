package org.dualpath.train;

import org.dualpath.common.Progress;
import org.dualpath.data.Dataset;
import org.dualpath.data.DatasetLoader;
import org.dualpath.data.Fixtures;
import org.dualpath.data.UnreadableImage;
import org.dualpath.data.image.ImagePreprocessor;
import org.dualpath.model.Backbone;
import org.dualpath.model.FeatureExtractor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeatureCacheTest {
    private static final int IMAGES = 40;

    @TempDir
    Path tmp;
    private Dataset dataset;
    private CountingExtractor extractor;
    private FeatureCache cache;

    @BeforeEach
    void setUp() throws IOException {
        Path images = tmp.resolve("images");
        for (int i = 1; i <= IMAGES; i++) {
            writeImage(images.resolve(i + ".png"), new Color(i * 6, 255 - i * 6, 100));
        }
        Path captions = Fixtures.captions(tmp, IMAGES);
        Files.writeString(captions, Files.readString(captions).replace(".jpg", ".png"));
        dataset = DatasetLoader.of(captions, images).load(Progress.NONE);
        extractor = new CountingExtractor();
        cache = new FeatureCache(tmp.resolve("cache"));
    }

    @Test
    void computesOnceThenReusesInTheGivenOrder() {
        float[][] first = cache.features(extractor, dataset, dataset.images(), false, Progress.NONE).rows();
        assertThat(first).hasNumberOfRows(IMAGES);
        assertThat(extractor.calls.get()).isEqualTo(2); // batches of 32
        assertThat(first[0][0]).isEqualTo(red(1));
        assertThat(first[39][0]).isEqualTo(red(40));

        float[][] again = cache.features(extractor, dataset, dataset.images(), false, Progress.NONE).rows();
        assertThat(extractor.calls.get()).isEqualTo(2);
        assertThat(again).isDeepEqualTo(first);
    }

    @Test
    void recomputesWhenAnImageFileChanges() throws IOException {
        float[][] first = cache.features(extractor, dataset, dataset.images(), false, Progress.NONE).rows();
        Path changed = dataset.imagePath(dataset.images().get(2));
        writeImage(changed, Color.WHITE);
        Files.setLastModifiedTime(changed, FileTime.fromMillis(Files.getLastModifiedTime(changed).toMillis() + 10_000));

        float[][] second = cache.features(extractor, dataset, dataset.images(), false, Progress.NONE).rows();
        assertThat(extractor.calls.get()).isEqualTo(4);
        assertThat(second[2][0]).isEqualTo(1f);
        assertThat(second[3]).containsExactly(first[3]);
    }

    @Test
    void flippedFeaturesAndSubsetsAreSeparateEntries() {
        float[][] plain = cache.features(extractor, dataset, dataset.images(), false, Progress.NONE).rows();
        float[][] flipped = cache.features(extractor, dataset, dataset.images(), true, Progress.NONE).rows();
        // the extractor's second value is the top-left pixel, which the flip replaces by the top-right one
        assertThat(flipped[0][1]).isNotEqualTo(plain[0][1]);
        List<org.dualpath.data.CocoImage> subset = List.of(dataset.images().get(5), dataset.images().get(1));
        float[][] rows = cache.features(extractor, dataset, subset, false, Progress.NONE).rows();
        assertThat(rows[0]).containsExactly(plain[5]);
        assertThat(rows[1]).containsExactly(plain[1]);
        assertThat(extractor.calls.get()).isEqualTo(5);
    }

    @Test
    void storesANumpyMatrixAndAManifest() throws IOException {
        float[][] features = cache.features(extractor, dataset, dataset.images(), false, Progress.NONE).rows();
        List<Path> npy;
        try (Stream<Path> files = Files.list(cache.dir())) {
            npy = files.filter(p -> p.toString().endsWith(".npy")).toList();
        }
        assertThat(npy).hasSize(1);
        float[][] read = readNpy(npy.get(0));
        assertThat(read).isDeepEqualTo(features);
        String manifest = Files.readString(Path.of(npy.get(0).toString().replace(".npy", ".json")));
        assertThat(manifest).contains("\"format\" : \"dualpath-features\"", "\"dim\" : 3", "\"flipped\" : false");
    }

    @Test
    void cancellationStopsBeforeTheNextBatchAndStoresNothing() throws IOException {
        AtomicBoolean cancel = new AtomicBoolean();
        Progress progress = new Progress() {
            @Override
            public void update(long done, long total, String message) {
                if (done > 0) {
                    cancel.set(true);
                }
            }

            @Override
            public boolean isCancelled() {
                return cancel.get();
            }
        };
        assertThatThrownBy(() -> cache.features(extractor, dataset, dataset.images(), false, progress))
                .isInstanceOf(CancellationException.class);
        assertThat(extractor.calls.get()).isEqualTo(1);
        assertThat(Files.exists(cache.dir()) ? Files.list(cache.dir()).count() : 0).isZero();
    }

    /**
     * Images that cannot be decoded (missing, empty, a cut PNG, text named .jpg) get no row and are listed with
     * the decoder's reason; the cached entry remembers them, so a second run neither decodes nor runs the network.
     */
    @Test
    void unreadableImagesAreListedInsteadOfStoppingAndRememberedByTheCache() throws IOException {
        Files.delete(dataset.imagePath(dataset.images().get(0)));
        Files.write(dataset.imagePath(dataset.images().get(4)), new byte[0]);
        Path cut = dataset.imagePath(dataset.images().get(9));
        byte[] png = Files.readAllBytes(cut);
        Files.write(cut, java.util.Arrays.copyOf(png, png.length / 2));
        Files.writeString(dataset.imagePath(dataset.images().get(38)), "not a picture\n");

        FeatureCache.Features features = cache.features(extractor, dataset, dataset.images(), false, Progress.NONE);
        assertThat(features.unreadable()).extracting(u -> u.image().id()).containsExactly(1L, 5L, 10L, 39L);
        assertThat(features.unreadable()).extracting(UnreadableImage::reason).containsExactly("file not found",
                "empty file (0 bytes), not an image", features.unreadable().get(2).reason(),
                "not an image (the content is not JPEG, PNG, BMP or GIF)");
        assertThat(features.unreadable().get(2).reason()).startsWith("corrupt or truncated PNG data (");
        assertThat(features.rows()).hasNumberOfRows(IMAGES - 4);
        assertThat(features.rows()[0][0]).isEqualTo(red(2));
        assertThat(features.rows()[IMAGES - 5][0]).isEqualTo(red(40));
        int calls = extractor.calls.get();

        FeatureCache.Features again = cache.features(extractor, dataset, dataset.images(), false, Progress.NONE);
        assertThat(extractor.calls.get()).isEqualTo(calls);
        assertThat(again.unreadable()).isEqualTo(features.unreadable());
        assertThat(again.rows()).isDeepEqualTo(features.rows());
    }

    /** Feature caches already on users' disks stay valid: the entry name is pinned to the value this version computes. */
    @Test
    void entryNamesStayTheSame() throws IOException {
        Path pinned = tmp.resolve("pinned");
        for (int i = 1; i <= 3; i++) {
            Fixtures.fixedPng(pinned.resolve("images/" + i + ".png"), 1_700_000_000_000L + i);
        }
        Path captions = Fixtures.captions(pinned, 3);
        Files.writeString(captions, Files.readString(captions).replace(".jpg", ".png"));
        Dataset fixed = DatasetLoader.of(captions, pinned.resolve("images")).load(Progress.NONE);
        cache.features(extractor, fixed, fixed.images(), false, Progress.NONE);
        try (Stream<Path> files = Files.list(cache.dir())) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("fcbeeeee424fe32c85d27f772cb5e369.json", "fcbeeeee424fe32c85d27f772cb5e369.npy");
        }
    }

    /** The red channel of image {@code i} after MINUS_ONE_TO_ONE normalisation. */
    private static float red(int i) {
        return ImagePreprocessor.Normalization.MINUS_ONE_TO_ONE.apply(0, i * 6);
    }

    /** A flat colour with a black left half of the top row, so that mirroring changes the top-left pixel. */
    private static void writeImage(Path file, Color color) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage image = new BufferedImage(20, 16, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, 20, 16);
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, 10, 3);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    /** An .npy reader written from the format description, independent of the production code. */
    private static float[][] readNpy(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(raw)) {
            byte[] magic = in.readNBytes(6);
            assertThat(magic).containsExactly(0x93, 'N', 'U', 'M', 'P', 'Y');
            assertThat(in.readUnsignedByte()).isEqualTo(1);
            assertThat(in.readUnsignedByte()).isEqualTo(0);
            int headerLength = Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
            assertThat((10 + headerLength) % 16).isZero();
            String header = new String(in.readNBytes(headerLength), StandardCharsets.US_ASCII);
            assertThat(header).contains("'descr': '<f4'", "'fortran_order': False").endsWith("\n");
            String shape = header.substring(header.indexOf('(') + 1, header.indexOf(')'));
            String[] dims = shape.split(",\\s*");
            int rows = Integer.parseInt(dims[0].trim());
            int cols = Integer.parseInt(dims[1].trim());
            ByteBuffer data = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(data.remaining()).isEqualTo(rows * cols * 4);
            float[][] out = new float[rows][cols];
            for (float[] row : out) {
                for (int c = 0; c < cols; c++) {
                    row[c] = data.getFloat();
                }
            }
            return out;
        }
    }

    /**
     * A stand-in backbone on 8x8 CHW inputs: features are (a red sample below the black band, the top-left red,
     * a blue sample); counts calls.
     */
    private static final class CountingExtractor implements FeatureExtractor {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public Backbone kind() {
            return Backbone.MOBILENET;
        }

        @Override
        public int featureDim() {
            return 3;
        }

        @Override
        public ImagePreprocessor.Config preprocessing() {
            return ImagePreprocessor.Config.of(8, ImagePreprocessor.Normalization.MINUS_ONE_TO_ONE,
                    ImagePreprocessor.Layout.CHW);
        }

        @Override
        public String fingerprint() {
            return "counting-v1";
        }

        @Override
        public float[][] features(float[][] batch) {
            calls.incrementAndGet();
            float[][] out = new float[batch.length][];
            for (int i = 0; i < batch.length; i++) {
                float[] x = batch[i];
                // sample the red plane away from the black top band for the colour
                out[i] = new float[]{x[7 * 8 + 4], x[0], x[2 * 64 + 7 * 8 + 4]};
            }
            return out;
        }
    }
}
