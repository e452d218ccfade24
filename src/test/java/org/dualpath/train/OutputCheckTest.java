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
        assertThatThrownBy(() -> OutputCheck.writable(dir, false, TrainingAdvice.OPTIONS)).isInstanceOf(InputException.class)
                .hasMessage(dir + ": is a folder; give --out a model file name such as " + dir.resolve("model.zip"));
    }

    @Test
    void aFinishedModelIsReplacedOnlyWhenAsked() throws IOException {
        Path model = Files.writeString(dir.resolve("model.zip"), "an earlier model");
        assertThatThrownBy(() -> OutputCheck.writable(model, false, TrainingAdvice.OPTIONS)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(model + ": a model file is already there; give --force");
        assertThatCode(() -> OutputCheck.writable(model, true, TrainingAdvice.OPTIONS)).doesNotThrowAnyException();
        assertThat(model).hasContent("an earlier model");
    }

    @Test
    void aMissingFolderIsNamed() {
        Path out = dir.resolve("no-such-folder").resolve("model.zip");
        assertThatThrownBy(() -> OutputCheck.writable(out, false, TrainingAdvice.OPTIONS)).isInstanceOf(InputException.class)
                .hasMessage(out.getParent() + ": the folder for --out does not exist; create it first");
    }

    @Test
    void aWritableFolderPassesAndKeepsNoProbeFile() throws IOException {
        OutputCheck.writable(dir.resolve("model.zip"), false, TrainingAdvice.OPTIONS);
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aCheckpointLargerThanTheFreeSpaceIsRefused() {
        assertThatThrownBy(() -> OutputCheck.space(dir.resolve("model.zip"), Long.MAX_VALUE / 4, 0, TrainingAdvice.OPTIONS))
                .isInstanceOf(InputException.class).hasMessageContaining(": no space for the checkpoints, ")
                .hasMessageContaining(" MB free and about ").hasMessageEndingWith("; free some space or choose another --out");
        assertThatCode(() -> OutputCheck.space(dir.resolve("model.zip"), 1000, 0, TrainingAdvice.OPTIONS))
                .doesNotThrowAnyException();
    }

    /** Each epoch's checkpoint that is kept needs room of its own beside the two a checkpoint write needs. */
    @Test
    void keptCheckpointsNeedTheirSpaceToo() throws IOException {
        long third = Files.getFileStore(dir).getUsableSpace() / 3;
        assertThatCode(() -> OutputCheck.space(dir.resolve("model.zip"), third, 0, TrainingAdvice.OPTIONS))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> OutputCheck.space(dir.resolve("model.zip"), third, 10, TrainingAdvice.OPTIONS))
                .isInstanceOf(InputException.class).hasMessageContaining(" needed (10 epochs kept); free some space");
    }

    @Test
    void checkpointsHoldTheWeightsAndTwoAdamMomentsAsFloats() {
        assertThat(OutputCheck.checkpointBytes(1000)).isEqualTo(12_000);
    }
}
