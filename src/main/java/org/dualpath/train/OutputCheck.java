package org.dualpath.train;

import org.dualpath.common.InputException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks, before the first training step, that the model file and its checkpoint can be written: a run must not
 * fail after an hour because of a folder, a permission or a full disk that was wrong from the start.
 */
final class OutputCheck {
    private OutputCheck() {
    }

    /**
     * Refuses an {@code out} that is a folder, a finished model that would be replaced without {@code replace},
     * a missing or unwritable folder; the reason (permission denied, is a folder...) is named with the path.
     */
    static void writable(Path out, boolean replace) {
        if (Files.isDirectory(out)) {
            throw new InputException(out + ": is a folder; give --out a model file name such as "
                    + out.resolve("model.zip"));
        }
        if (Files.exists(out) && !replace) {
            throw new InputException(out + ": a model file is already there; give --force to replace it, "
                    + "--resume to continue its run, or another --out");
        }
        Path folder = out.toAbsolutePath().getParent();
        if (!Files.isDirectory(folder)) {
            throw new InputException(folder + ": the folder for --out does not exist; create it first");
        }
        try {
            Files.delete(Files.createTempFile(folder, ".dualpath-write-check", ".tmp"));
        } catch (AccessDeniedException e) {
            throw new InputException(folder + ": permission denied, the model cannot be written there; "
                    + "choose another --out", e);
        } catch (FileSystemException e) {
            throw new InputException(folder + ": cannot write there (" + reason(e) + "); choose another --out", e);
        } catch (IOException e) {
            throw new InputException(folder + ": cannot write there (" + e.getMessage() + "); choose another --out", e);
        }
    }

    /**
     * Refuses a run whose checkpoint cannot fit: {@code bytes} is the checkpoint's expected size, needed twice
     * while a checkpoint is written beside the one it replaces.
     */
    static void space(Path out, long bytes) {
        Path folder = out.toAbsolutePath().getParent();
        long free;
        try {
            free = Files.getFileStore(folder).getUsableSpace();
        } catch (IOException e) {
            return;
        }
        if (free < 2 * bytes) {
            throw new InputException(folder + ": no space for the checkpoints, " + megabytes(free) + " free and about "
                    + megabytes(2 * bytes) + " needed; free some space or choose another --out");
        }
    }

    private static String megabytes(long bytes) {
        return Math.max(1, bytes / 1_000_000) + " MB";
    }

    private static String reason(FileSystemException e) {
        return e.getReason() == null ? e.getClass().getSimpleName() : e.getReason();
    }
}
