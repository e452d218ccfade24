package org.dualpath.app.viewmodel;

import org.dualpath.common.Download;
import org.dualpath.common.LocalFileServer;
import org.dualpath.data.CocoDownloads;
import org.dualpath.data.CocoFixture;
import org.dualpath.data.CocoPart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The Get COCO dialog's state machine, run at once on the test's thread against a local server. */
class GetCocoViewModelTest {
    @TempDir
    Path dir;
    private final LocalFileServer server = CocoFixture.serveAll(new LocalFileServer());
    private final List<Notice> notices = new ArrayList<>();
    private final List<SessionSpec> opened = new ArrayList<>();
    private final List<GetCocoViewModel.State> states = new ArrayList<>();
    private final AtomicLong clock = new AtomicLong();

    @AfterEach
    void stop() {
        server.close();
    }

    private GetCocoViewModel vm(long free) {
        CocoDownloads downloads = new CocoDownloads(server.base(), server.base().resolve("karpathy/caption_datasets.zip"),
                Map.of(), new Download(), p -> free);
        GetCocoViewModel vm = new GetCocoViewModel(BackgroundJobs.sameThread(notices::add), downloads,
                dir.resolve("coco"), opened::add, () -> clock.addAndGet(50_000_000L)); // 50 ms a report
        vm.stateProperty().addListener((o, was, now) -> states.add(now));
        return vm;
    }

    @Test
    void sizesThenDownloadsVerifiesUnpacksEachPartAndOpensTheDataset() {
        GetCocoViewModel vm = vm(Long.MAX_VALUE);
        List<String> readings = new ArrayList<>();
        vm.readingProperty().addListener((o, was, now) -> readings.add(now));
        vm.size();
        assertThat(vm.stateProperty().get()).isEqualTo(GetCocoViewModel.State.READY);
        assertThat(vm.summaryProperty().get()).contains("val2017.zip", "annotations_trainval2017.zip",
                "caption_datasets.zip", "to download", "free in");
        assertThat(dir.resolve("coco")).doesNotExist();

        vm.start();
        assertThat(states).containsExactly(GetCocoViewModel.State.SIZING, GetCocoViewModel.State.READY,
                GetCocoViewModel.State.SIZING,
                GetCocoViewModel.State.DOWNLOADING, GetCocoViewModel.State.VERIFYING, GetCocoViewModel.State.UNPACKING,
                GetCocoViewModel.State.DOWNLOADING, GetCocoViewModel.State.VERIFYING, GetCocoViewModel.State.UNPACKING,
                GetCocoViewModel.State.DOWNLOADING, GetCocoViewModel.State.VERIFYING, GetCocoViewModel.State.UNPACKING,
                GetCocoViewModel.State.DONE);
        assertThat(readings).anyMatch(r -> r.matches(".* of .* kB, .*/s.*")); // bytes and rate while downloading
        assertThat(opened).singleElement().satisfies(spec -> {
            assertThat(spec.captions()).isEqualTo(dir.resolve("coco/annotations/captions_val2017.json"));
            assertThat(spec.images()).isEqualTo(dir.resolve("coco/val2017"));
            assertThat(spec.instances()).isEqualTo(dir.resolve("coco/annotations/instances_val2017.json"));
            assertThat(spec.split()).isEqualTo(dir.resolve("coco/dataset_coco.json"));
        });
        assertThat(notices).isEmpty();
    }

    @Test
    void cancellingMidDownloadKeepsThePartAndTheNextStartResumesIt() {
        GetCocoViewModel vm = vm(Long.MAX_VALUE);
        vm.partProperty(CocoPart.ANNOTATIONS).set(false);
        vm.partProperty(CocoPart.KARPATHY_SPLIT).set(false);
        vm.progressProperty().addListener((o, was, now) -> {
            if (now.doubleValue() > 0 && now.doubleValue() < 1) {
                vm.cancel();
            }
        });
        vm.start();
        assertThat(vm.stateProperty().get()).isEqualTo(GetCocoViewModel.State.CANCELLED);
        assertThat(vm.readingProperty().get()).contains("kept");
        assertThat(dir.resolve("coco/val2017.zip.part")).exists();
        assertThat(opened).isEmpty();

        GetCocoViewModel again = vm(Long.MAX_VALUE);
        again.partProperty(CocoPart.ANNOTATIONS).set(false);
        again.partProperty(CocoPart.KARPATHY_SPLIT).set(false);
        again.start();
        assertThat(again.stateProperty().get()).isEqualTo(GetCocoViewModel.State.DONE);
        assertThat(server.requests()).anyMatch(r -> r.startsWith("GET /zips/val2017.zip bytes="));
        assertThat(dir.resolve("coco/val2017")).isDirectory();
        assertThat(opened).isEmpty(); // images without annotations: nothing to open yet
    }

    @Test
    void aFullDiskFailsInSizingWithOneLineAndNothingWritten() {
        GetCocoViewModel vm = vm(10);
        vm.size();
        assertThat(vm.stateProperty().get()).isEqualTo(GetCocoViewModel.State.FAILED);
        assertThat(vm.errorProperty().get()).contains("not enough free space").doesNotContain("\n");
        assertThat(dir.resolve("coco")).doesNotExist();
    }

    @Test
    void aDamagedZipFailsWithTheEntryNamed() throws Exception {
        byte[] zip = CocoFixture.valImages();
        zip[zip.length / 2] ^= 0x33;
        server.serve("/zips/val2017.zip", zip);
        GetCocoViewModel vm = vm(Long.MAX_VALUE);
        vm.start();
        assertThat(vm.stateProperty().get()).isEqualTo(GetCocoViewModel.State.FAILED);
        assertThat(vm.errorProperty().get()).contains("is damaged");
        assertThat(Files.exists(dir.resolve("coco/val2017"))).isFalse();
        assertThat(opened).isEmpty();
    }
}
