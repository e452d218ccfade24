package org.dualpath.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

class AtomicFilesTest {
    @TempDir
    Path dir;

    /** Same permissions as a file the user creates any other way (the umask applies), not the temp file's 0600. */
    @Test
    void writtenFilesHaveTheUsualPermissions() throws IOException {
        assumeThat(dir.getFileSystem().supportedFileAttributeViews()).contains("posix");
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        Path atomic = dir.resolve("model.zip");
        AtomicFiles.writeString(atomic, "model");
        assertThat(atomic).hasContent("model");
        assertThat(Files.getPosixFilePermissions(atomic)).isEqualTo(Files.getPosixFilePermissions(plain))
                .contains(PosixFilePermission.OTHERS_READ);
    }

    /** kill -9 mid-write leaves a hidden temporary file; the next write of the same file removes it. */
    @Test
    void staleTemporaryFilesOfTheTargetAreRemovedByTheNextWrite() throws IOException {
        Path target = dir.resolve("model.zip");
        Path stale = Files.writeString(dir.resolve(".model.zip.abc123.tmp"), "half a model");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(AtomicFiles.STALE_AFTER).minusSeconds(60)));
        Path live = Files.writeString(dir.resolve(".model.zip.def456.tmp"), "being written now");
        Path otherTarget = Files.writeString(dir.resolve(".index.npy.abc123.tmp"), "another file's");
        Files.setLastModifiedTime(otherTarget, FileTime.from(Instant.now().minus(AtomicFiles.STALE_AFTER).minusSeconds(60)));

        AtomicFiles.writeString(target, "model");

        assertThat(stale).doesNotExist();
        assertThat(live).exists();
        assertThat(otherTarget).exists();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "model.zip", ".model.zip.def456.tmp", ".index.npy.abc123.tmp");
        }
    }
}
