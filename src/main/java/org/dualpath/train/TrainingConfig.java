package org.dualpath.train;

import org.dualpath.common.InputException;

/**
 * How a dual-path network is trained: the two stages, the optimiser, learning rates and their per-part
 * multipliers, loss weights per stage and augmentation. Built with {@link #builder()}; presets fill it in and the
 * command line overrides single values.
 *
 * <p>Stage I trains with {@link #stage1Weights} (instance loss only in the paper) at {@link #stage1LearningRate};
 * stage II with {@link #stage2Weights} at {@link #stage2LearningRate}, divided by 10 after each fraction listed in
 * {@link #stage2DecayAt} of its epochs (the paper's 15 / 5 / 1 epochs at 0.1 / 0.01 / 0.001 is decay at 0.71 and
 * 0.95). The word embedding always learns at {@link #wordEmbeddingLrMultiplier} times the rate; an in-network
 * image CNN at {@link #imageCnnStage1LrMultiplier} / {@link #imageCnnStage2LrMultiplier} times it.
 */
public record TrainingConfig(
        int stage1Epochs,
        int stage2Epochs,
        int batchSize,
        Optimizer optimizer,
        double stage1LearningRate,
        double stage2LearningRate,
        double[] stage2DecayAt,
        double weightDecay,
        double wordEmbeddingLrMultiplier,
        double imageCnnStage1LrMultiplier,
        double imageCnnStage2LrMultiplier,
        LossWeights stage1Weights,
        LossWeights stage2Weights,
        boolean positionShift,
        boolean imageAugmentation,
        long seed) {

    /** The update rule: SGD with Nesterov momentum 0.9 (the paper) or Adam (faster for small from-scratch runs). */
    public enum Optimizer { SGD, ADAM }

    public TrainingConfig {
        if (stage1Epochs < 0 || stage2Epochs < 0 || stage1Epochs + stage2Epochs == 0) {
            throw new InputException("epochs: stage I " + stage1Epochs + ", stage II " + stage2Epochs
                    + "; give at least one epoch and no negative counts");
        }
        if (batchSize < 2) {
            throw new InputException("batch size " + batchSize + " is too small: the ranking loss needs at least 2");
        }
        if (stage1LearningRate <= 0 || stage2LearningRate <= 0) {
            throw new InputException("learning rates must be positive, got " + stage1LearningRate + " and " + stage2LearningRate);
        }
    }

    /** Total epochs of both stages. */
    public int totalEpochs() {
        return stage1Epochs + stage2Epochs;
    }

    /** The stage (1 or 2) of a 0-based epoch. */
    public int stageOf(int epoch) {
        return epoch < stage1Epochs ? 1 : 2;
    }

    /** The base learning rate of a 0-based epoch. */
    public double learningRate(int epoch) {
        if (stageOf(epoch) == 1) {
            return stage1LearningRate;
        }
        double progress = (double) (epoch - stage1Epochs) / stage2Epochs;
        double lr = stage2LearningRate;
        for (double at : stage2DecayAt) {
            if (progress >= at) {
                lr /= 10;
            }
        }
        return lr;
    }

    /** The loss weights of a 0-based epoch. */
    public LossWeights weights(int epoch) {
        return stageOf(epoch) == 1 ? stage1Weights : stage2Weights;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder; defaults are the paper's where it gives them. */
    public static final class Builder {
        private int stage1Epochs = 10;
        private int stage2Epochs = 10;
        private int batchSize = 32;
        private Optimizer optimizer = Optimizer.SGD;
        private double stage1LearningRate = 0.1;
        private double stage2LearningRate = 0.1;
        private double[] stage2DecayAt = {0.71, 0.95};
        private double weightDecay = 1e-4;
        private double wordEmbeddingLrMultiplier = 1e-3;
        private double imageCnnStage1LrMultiplier = 0;
        private double imageCnnStage2LrMultiplier = 0.1;
        private LossWeights stage1Weights = new LossWeights(0, 1, 1);
        private LossWeights stage2Weights = new LossWeights(2, 1, 0.1);
        private boolean positionShift = true;
        private boolean imageAugmentation = true;
        private long seed = 42;

        private Builder() {
        }

        private Builder(TrainingConfig c) {
            stage1Epochs = c.stage1Epochs;
            stage2Epochs = c.stage2Epochs;
            batchSize = c.batchSize;
            optimizer = c.optimizer;
            stage1LearningRate = c.stage1LearningRate;
            stage2LearningRate = c.stage2LearningRate;
            stage2DecayAt = c.stage2DecayAt.clone();
            weightDecay = c.weightDecay;
            wordEmbeddingLrMultiplier = c.wordEmbeddingLrMultiplier;
            imageCnnStage1LrMultiplier = c.imageCnnStage1LrMultiplier;
            imageCnnStage2LrMultiplier = c.imageCnnStage2LrMultiplier;
            stage1Weights = c.stage1Weights;
            stage2Weights = c.stage2Weights;
            positionShift = c.positionShift;
            imageAugmentation = c.imageAugmentation;
            seed = c.seed;
        }

        public Builder epochs(int stage1, int stage2) { stage1Epochs = stage1; stage2Epochs = stage2; return this; }
        public Builder stage1Epochs(int v) { stage1Epochs = v; return this; }
        public Builder stage2Epochs(int v) { stage2Epochs = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder optimizer(Optimizer v) { optimizer = v; return this; }
        public Builder learningRates(double stage1, double stage2) { stage1LearningRate = stage1; stage2LearningRate = stage2; return this; }
        public Builder stage2DecayAt(double... v) { stage2DecayAt = v.clone(); return this; }
        public Builder weightDecay(double v) { weightDecay = v; return this; }
        public Builder wordEmbeddingLrMultiplier(double v) { wordEmbeddingLrMultiplier = v; return this; }
        public Builder imageCnnLrMultipliers(double stage1, double stage2) { imageCnnStage1LrMultiplier = stage1; imageCnnStage2LrMultiplier = stage2; return this; }
        public Builder stage1Weights(LossWeights v) { stage1Weights = v; return this; }
        public Builder stage2Weights(LossWeights v) { stage2Weights = v; return this; }
        public Builder positionShift(boolean v) { positionShift = v; return this; }
        public Builder imageAugmentation(boolean v) { imageAugmentation = v; return this; }
        public Builder seed(long v) { seed = v; return this; }

        public TrainingConfig build() {
            return new TrainingConfig(stage1Epochs, stage2Epochs, batchSize, optimizer, stage1LearningRate,
                    stage2LearningRate, stage2DecayAt, weightDecay, wordEmbeddingLrMultiplier,
                    imageCnnStage1LrMultiplier, imageCnnStage2LrMultiplier, stage1Weights, stage2Weights,
                    positionShift, imageAugmentation, seed);
        }
    }
}
