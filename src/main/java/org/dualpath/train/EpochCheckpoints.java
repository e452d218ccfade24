package org.dualpath.train;

import org.dualpath.common.AtomicFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Keeps every finished epoch's checkpoint beside the model as {@code FILE.epochN.zip} ({@code model.zip} gives
 * {@code model.epoch3.zip}), so that the epochs of a run can be opened and compared later: a checkpoint opens as a
 * model. The copy is written atomically once the trainer has written the checkpoint; everything else passes on to
 * the listener it wraps.
 */
public final class EpochCheckpoints implements TrainingListener {
    private final Path out;
    private final TrainingListener listener;

    private EpochCheckpoints(Path out, TrainingListener listener) {
        this.out = out;
        this.listener = listener;
    }

    /** {@code listener}, keeping the epochs of the run that writes {@code out}. */
    public static TrainingListener keeping(Path out, TrainingListener listener) {
        return new EpochCheckpoints(out, listener);
    }

    /** Where the checkpoint after epoch {@code epoch} (1-based) of the run writing {@code out} is kept. */
    public static Path fileOf(Path out, int epoch) {
        String name = out.getFileName().toString();
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".zip") ? name.substring(0, name.length() - 4) : name;
        return out.resolveSibling(stem + ".epoch" + epoch + ".zip");
    }

    @Override
    public void onCheckpoint(int epochsDone, Path checkpoint) {
        Path kept = fileOf(out, epochsDone);
        AtomicFiles.write(kept, copy -> Files.copy(checkpoint, copy));
        listener.onCheckpoint(epochsDone, checkpoint);
        listener.onMessage("kept epoch " + epochsDone + " as " + kept);
    }

    @Override
    public void onBatch(int epoch, int batch, int batches, double loss) {
        listener.onBatch(epoch, batch, batches, loss);
    }

    @Override
    public void onEpoch(EpochReport report) {
        listener.onEpoch(report);
    }

    @Override
    public void onMessage(String message) {
        listener.onMessage(message);
    }
}
