package org.dualpath.train;

import org.dualpath.common.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The checks that run before the first training step, so a bad --out fails at once and not after the run. */
class OutputCheckTest {
    @TempDir
    Path dir;

    @Test
    void aFolderAsOutIsRefusedWithAFileNameToUse() {
        assertThatThrownBy(() -> OutputCheck.writable(dir, false)).isInstanceOf(InputException.class)
                .hasMessage(dir + ": is a folder; give --out a model file name such as " + dir.resolve("model.zip"));
    }

    @Test
    void aFinishedModelIsReplacedOnlyWhenAsked() throws IOException {
        Path model = Files.writeString(dir.resolve("model.zip"), "an earlier model");
        assertThatThrownBy(() -> OutputCheck.writable(model, false)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(model + ": a model file is already there; give --force");
        assertThatCode(() -> OutputCheck.writable(model, true)).doesNotThrowAnyException();
        assertThat(model).hasContent("an earlier model");
    }

    @Test
    void aMissingFolderIsNamed() {
        Path out = dir.resolve("no-such-folder").resolve("model.zip");
        assertThatThrownBy(() -> OutputCheck.writable(out, false)).isInstanceOf(InputException.class)
                .hasMessage(out.getParent() + ": the folder for --out does not exist; create it first");
    }

    @Test
    void aWritableFolderPassesAndKeepsNoProbeFile() throws IOException {
        OutputCheck.writable(dir.resolve("model.zip"), false);
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aCheckpointLargerThanTheFreeSpaceIsRefused() {
        assertThatThrownBy(() -> OutputCheck.space(dir.resolve("model.zip"), Long.MAX_VALUE / 4))
                .isInstanceOf(InputException.class).hasMessageContaining(": no space for the checkpoints, ")
                .hasMessageContaining(" MB free and about ");
        assertThatCode(() -> OutputCheck.space(dir.resolve("model.zip"), 1000)).doesNotThrowAnyException();
    }
}
