package org.dualpath.data;

import org.dualpath.common.Download;
import org.dualpath.common.InputException;
import org.dualpath.common.LocalFileServer;
import org.dualpath.common.Progress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Runs only against a local HTTP server serving small zips in COCO's layout. */
class CocoDownloadsTest {
    @TempDir
    Path dir;
    private final LocalFileServer server = CocoFixture.serveAll(new LocalFileServer());

    @AfterEach
    void stop() {
        server.close();
    }

    private CocoDownloads downloads(Map<String, String> md5, long free) {
        return new CocoDownloads(server.base(), server.base().resolve("karpathy/caption_datasets.zip"), md5,
                new Download(), p -> free);
    }

    private CocoDownloads downloads() {
        return downloads(Map.of(), Long.MAX_VALUE);
    }

    private List<CocoDownloads.Item> items(CocoDownloads d, CocoPart... parts) {
        return Stream.of(parts).map(p -> d.item(2017, p)).toList();
    }

    @Test
    void fetchesVerifiesUnpacksAndOpensAsADatasetWithInstancesAndTheKarpathySplit() throws Exception {
        Path out = dir.resolve("coco");
        CocoDownloads d = downloads(Map.of("val2017.zip", md5(CocoFixture.valImages())), Long.MAX_VALUE);
        CocoDownloads.Plan plan = d.plan(items(d, CocoPart.VAL_IMAGES, CocoPart.ANNOTATIONS, CocoPart.KARPATHY_SPLIT), out);
        assertThat(plan.items()).extracting(CocoDownloads.Sized::size).containsExactly(
                (long) CocoFixture.valImages().length, (long) CocoFixture.annotations().length,
                (long) CocoFixture.karpathy().length);
        assertThat(plan.summary()).contains("val2017.zip", "to download");
        assertThat(out).doesNotExist(); // planning writes nothing

        List<String> steps = new ArrayList<>();
        d.fetch(plan, Progress.NONE, (item, phase) -> steps.add(item.zipName() + " " + phase));
        assertThat(steps).containsExactly("val2017.zip DOWNLOADING", "val2017.zip VERIFYING", "val2017.zip UNPACKING",
                "annotations_trainval2017.zip DOWNLOADING", "annotations_trainval2017.zip VERIFYING",
                "annotations_trainval2017.zip UNPACKING", "caption_datasets.zip DOWNLOADING",
                "caption_datasets.zip VERIFYING", "caption_datasets.zip UNPACKING");
        try (Stream<Path> left = Files.list(out)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "val2017", "annotations", "dataset_coco.json"); // no zip, .part or staging folder left
        }
        assertThat(out.resolve("val2017").resolve(CocoFixture.name(1))).hasBinaryContent(
                entry(CocoFixture.valImages(), "val2017/" + CocoFixture.name(1)));

        CocoLayout layout = CocoLayout.find(out, 2017).orElseThrow();
        Dataset dataset = DatasetLoader.of(layout.captions(), layout.images()).instances(layout.instances())
                .splitFile(layout.karpathySplit()).load(Progress.NONE);
        assertThat(dataset.images()).hasSize(CocoFixture.IMAGES)
                .allSatisfy(i -> assertThat(i.width()).isEqualTo(CocoFixture.SIDE)); // from the headers
        assertThat(dataset.images(Split.TEST)).extracting(CocoImage::id).containsExactly(4L); // 2014 names matched
        assertThat(dataset.categories()).hasSize(2);

        int before = server.requests().size();
        d.fetch(d.plan(items(d, CocoPart.VAL_IMAGES), out), Progress.NONE, (item, phase) -> steps.add("again"));
        assertThat(server.requests()).hasSize(before); // already unpacked: not asked again
    }

    @Test
    void aConnectionDroppedMidFileResumesToAByteIdenticalFile() throws Exception {
        byte[] zip = CocoFixture.valImages();
        server.dropNextAfter(zip.length / 2);
        CocoDownloads d = downloads();
        Path out = dir.resolve("coco");
        assertThatThrownBy(() -> d.fetch(d.plan(items(d, CocoPart.VAL_IMAGES), out), Progress.NONE, (i, p) -> { }))
                .isInstanceOf(InputException.class).hasMessageContaining("download failed")
                .hasMessageContaining("resumes from the bytes kept");
        Path part = out.resolve("val2017.zip.part");
        // the server drops the connection after half the file; how much of it reached the client depends on TCP
        long kept = Files.size(part);
        assertThat(kept).isPositive().isLessThanOrEqualTo(zip.length / 2);
        assertThat(out.resolve("val2017")).doesNotExist();

        byte[][] downloaded = new byte[1][];
        d.fetch(d.plan(items(d, CocoPart.VAL_IMAGES), out), Progress.NONE, (item, phase) -> {
            if (phase == CocoDownloads.Phase.VERIFYING) {
                downloaded[0] = read(out.resolve("val2017.zip"));
            }
        });
        assertThat(downloaded[0]).isEqualTo(zip);
        assertThat(server.requests()).contains("GET /zips/val2017.zip bytes=" + kept + "-");
        assertThat(out.resolve("val2017")).isDirectory();
    }

    @Test
    void aServerWithoutRangeSupportRestartsTheFileCleanly() throws Exception {
        byte[] zip = CocoFixture.valImages();
        server.ranges(false);
        server.dropNextAfter(zip.length / 3);
        CocoDownloads d = downloads();
        Path out = dir.resolve("coco");
        assertThatThrownBy(() -> d.fetch(d.plan(items(d, CocoPart.VAL_IMAGES), out), Progress.NONE, (i, p) -> { }))
                .isInstanceOf(InputException.class);
        assertThat(out.resolve("val2017.zip.part")).exists();

        byte[][] downloaded = new byte[1][];
        d.fetch(d.plan(items(d, CocoPart.VAL_IMAGES), out), Progress.NONE, (item, phase) -> {
            if (phase == CocoDownloads.Phase.VERIFYING) {
                downloaded[0] = read(out.resolve("val2017.zip"));
            }
        });
        assertThat(downloaded[0]).isEqualTo(zip); // the whole file again, not appended to the kept third
        assertThat(server.requests()).contains("GET /zips/val2017.zip bytes=" + zip.length / 3 + "-");
    }

    @Test
    void aCorruptedZipIsAClearErrorAndLeavesNothingThatLooksComplete() throws Exception {
        byte[] zip = CocoFixture.valImages();
        zip[zip.length / 3] ^= 0x55;
        server.serve("/zips/val2017.zip", zip);
        CocoDownloads d = downloads();
        Path out = dir.resolve("coco");
        assertThatThrownBy(() -> d.fetch(d.plan(items(d, CocoPart.VAL_IMAGES), out), Progress.NONE, (i, p) -> { }))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("val2017.zip: entry val2017/")
                .hasMessageContaining("is damaged")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        try (Stream<Path> left = Files.list(out)) {
            assertThat(left).isEmpty(); // no images folder, no staging folder, and the damaged zip is gone
        }
    }

    @Test
    void aChecksumMismatchWithTheRecordedMd5DeletesTheZip() {
        CocoDownloads d = downloads(Map.of("val2017.zip", "0".repeat(32)), Long.MAX_VALUE);
        Path out = dir.resolve("coco");
        assertThatThrownBy(() -> d.fetch(d.plan(items(d, CocoPart.VAL_IMAGES), out), Progress.NONE, (i, p) -> { }))
                .isInstanceOf(InputException.class).hasMessageContaining("MD5 checksum mismatch");
        assertThat(out.resolve("val2017.zip")).doesNotExist();
        assertThat(out.resolve("val2017")).doesNotExist();
    }

    @Test
    void aDestinationUnderARegularFileIsRefusedBeforeAnyRequestOrByte() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        CocoDownloads d = downloads();
        assertThatThrownBy(() -> d.plan(items(d, CocoPart.VAL_IMAGES), file.resolve("coco")))
                .isInstanceOf(InputException.class)
                .hasMessageContaining(file + " is a file; choose another folder");
        assertThat(server.requests()).isEmpty();
        assertThat(file).hasContent("x");
    }

    @Test
    void aFullDiskIsRefusedBeforeAnyByteIsDownloaded() {
        CocoDownloads d = downloads(Map.of(), 1000);
        Path out = dir.resolve("coco");
        assertThatThrownBy(() -> d.plan(items(d, CocoPart.VAL_IMAGES, CocoPart.ANNOTATIONS), out))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("not enough free space")
                .hasMessageContaining("1.0 kB free");
        assertThat(server.requests()).allMatch(r -> r.startsWith("HEAD ")); // sizes asked, nothing fetched
        assertThat(out).doesNotExist();
    }

    @Test
    void cancellingKeepsThePartForTheNextFetch() {
        CocoDownloads d = downloads();
        Path out = dir.resolve("coco");
        AtomicBoolean cancel = new AtomicBoolean();
        Progress cancelsAfterTheFirstBytes = new Progress() {
            @Override
            public void update(long done, long total, String message) {
                cancel.compareAndSet(false, done > 0 && message.startsWith("downloading"));
            }

            @Override
            public boolean isCancelled() {
                return cancel.get();
            }
        };
        CocoDownloads.Plan plan = d.plan(items(d, CocoPart.VAL_IMAGES), out);
        assertThatThrownBy(() -> d.fetch(plan, cancelsAfterTheFirstBytes, (i, p) -> { }))
                .isInstanceOf(CancellationException.class);
        assertThat(out.resolve("val2017.zip.part")).exists();
        CocoDownloads.Plan again = d.plan(items(d, CocoPart.VAL_IMAGES), out);
        assertThat(again.items().get(0).kept()).isPositive();
        assertThat(again.toFetch()).isLessThan(CocoFixture.valImages().length);
    }

    @Test
    void unknownYearsAndPartsAreOneLineErrors() {
        assertThatThrownBy(() -> downloads().item(2015, CocoPart.VAL_IMAGES)).isInstanceOf(InputException.class)
                .hasMessageContaining("[2017, 2014]");
        assertThatThrownBy(() -> CocoPart.parse("val")).isInstanceOf(InputException.class)
                .hasMessageContaining("val-images, train-images, annotations, karpathy-split");
    }

    private static byte[] entry(byte[] zip, String name) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (e.getName().equals(name)) {
                    return in.readAllBytes();
                }
            }
        }
        throw new AssertionError("no entry " + name);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }
}
