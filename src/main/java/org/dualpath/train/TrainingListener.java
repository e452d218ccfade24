package org.dualpath.train;

import java.nio.file.Path;

/** Receives training progress; the CLI prints it, the GUI binds it. Called on the training thread. */
public interface TrainingListener {
    /** After each batch: 1-based epoch, batches done in it, batches in it, running mean loss of the epoch. */
    default void onBatch(int epoch, int batch, int batches, double loss) {
    }

    /** After each epoch, with its validation figures. */
    default void onEpoch(EpochReport report) {
    }

    /**
     * After each epoch's checkpoint is written: {@code epochsDone} epochs are in {@code checkpoint} until the next
     * epoch replaces it (what {@link EpochCheckpoints} keeps).
     */
    default void onCheckpoint(int epochsDone, Path checkpoint) {
    }

    /** A one-line message about a phase (preparing data, saving a checkpoint...). */
    default void onMessage(String message) {
    }
}
