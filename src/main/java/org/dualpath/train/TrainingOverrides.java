package org.dualpath.train;

import org.dualpath.common.InputException;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The values of a run that replace its preset's, each null to keep the preset's: what {@code dualpath train}'s
 * options and the explorer's Train tab set, applied in one place so both get the same run from the same values.
 *
 * @param learningRate the base learning rate of both stages
 * @param threads      threads of the math library (they are the process's, not the run's)
 */
public record TrainingOverrides(Integer stage1Epochs, Integer stage2Epochs, Integer batchSize, Double learningRate,
                                Long seed, Integer threads) {
    /** The preset as it is. */
    public static final TrainingOverrides NONE = new TrainingOverrides(null, null, null, null, null, null);

    public TrainingOverrides {
        if (threads != null && threads < 1) {
            throw new InputException("threads " + threads + ": use 1 or more");
        }
    }

    /** {@code preset} with these values; a combination that cannot train (no epochs, a batch of 1) is refused. */
    public Preset applyTo(Preset preset) {
        TrainingConfig.Builder b = preset.training().toBuilder();
        if (stage1Epochs != null) {
            b.stage1Epochs(stage1Epochs);
        }
        if (stage2Epochs != null) {
            b.stage2Epochs(stage2Epochs);
        }
        if (batchSize != null) {
            b.batchSize(batchSize);
        }
        if (learningRate != null) {
            b.learningRates(learningRate, learningRate);
        }
        if (seed != null) {
            b.seed(seed);
        }
        return preset.withTraining(b.build());
    }

    /** Sets the math library's threads when they are given; returns the count before, to set back after a run. */
    public int applyThreads() {
        int before = Nd4j.getEnvironment().maxThreads();
        if (threads != null) {
            setThreads(threads);
        }
        return before;
    }

    /** Sets the math library's threads (computation and the threads that start them). */
    public static void setThreads(int count) {
        Nd4j.getEnvironment().setMaxThreads(count);
        Nd4j.getEnvironment().setMaxMasterThreads(count);
    }
}
