package org.dualpath.train;

import org.dualpath.common.InputException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks, before the first training step, that the model file and its checkpoint can be written: a run must not
 * fail after an hour because of a folder, a permission or a full disk that was wrong from the start. Refusals
 * name the setting to change in the words of the front end ({@link TrainingAdvice}).
 */
final class OutputCheck {
    private OutputCheck() {
    }

    /**
     * Refuses an {@code out} that is a folder, a finished model that would be replaced without {@code replace},
     * a missing or unwritable folder; the reason (permission denied, is a folder...) is named with the path.
     */
    static void writable(Path out, boolean replace, TrainingAdvice advice) {
        if (Files.isDirectory(out)) {
            throw new InputException(out + ": is a folder; " + advice.modelFileName().apply(out.resolve("model.zip")));
        }
        if (Files.exists(out) && !replace) {
            throw new InputException(out + ": a model file is already there; " + advice.replaceOrResume());
        }
        Path folder = out.toAbsolutePath().getParent();
        if (!Files.isDirectory(folder)) {
            throw new InputException(folder + ": the folder for " + advice.out() + " does not exist; create it first");
        }
        try {
            Files.delete(Files.createTempFile(folder, ".dualpath-write-check", ".tmp"));
        } catch (AccessDeniedException e) {
            throw new InputException(folder + ": permission denied, the model cannot be written there; "
                    + advice.otherOut(), e);
        } catch (FileSystemException e) {
            throw new InputException(folder + ": cannot write there (" + reason(e) + "); " + advice.otherOut(), e);
        } catch (IOException e) {
            throw new InputException(folder + ": cannot write there (" + e.getMessage() + "); " + advice.otherOut(), e);
        }
    }

    /** The size of a checkpoint of {@code parameters} weights: the weights and the updater's state (Adam keeps two moments per weight), as floats. */
    static long checkpointBytes(long parameters) {
        return 3L * Float.BYTES * parameters;
    }

    /**
     * Refuses a run whose checkpoints cannot fit: {@code bytes} is a checkpoint's expected size, needed twice
     * while a checkpoint is written beside the one it replaces, and once more for each of {@code keptCopies}
     * epochs' checkpoints kept beside the model.
     */
    static void space(Path out, long bytes, int keptCopies, TrainingAdvice advice) {
        Path folder = out.toAbsolutePath().getParent();
        long free;
        try {
            free = Files.getFileStore(folder).getUsableSpace();
        } catch (IOException e) {
            return;
        }
        long needed = (2L + keptCopies) * bytes;
        if (free < needed) {
            throw new InputException(folder + ": no space for the checkpoints, " + megabytes(free) + " free and about "
                    + megabytes(needed) + " needed" + (keptCopies > 0 ? " (" + keptCopies + " epochs kept)" : "")
                    + "; free some space or " + advice.otherOut());
        }
    }

    private static String megabytes(long bytes) {
        return Math.max(1, bytes / 1_000_000) + " MB";
    }

    private static String reason(FileSystemException e) {
        return e.getReason() == null ? e.getClass().getSimpleName() : e.getReason();
    }
}
