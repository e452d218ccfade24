package org.dualpath.model;

import org.dualpath.common.InputException;

import java.util.Arrays;

/**
 * The shape of a dual-path network: what the image path receives, the text CNN, the joint space and the
 * instance classifier. Built with {@link #builder()}; every value has a default suited to the shapes demo.
 *
 * @param imageInput     {@code PIXELS}: the image CNN is part of the network; {@code FEATURES}: the network
 *                       receives pooled features of a frozen backbone computed elsewhere
 * @param imageSize      side of the square input crop (PIXELS)
 * @param imageWidths    channels of the small residual image CNN's stages (PIXELS)
 * @param featureDim     length of the backbone feature vector (FEATURES)
 * @param imageHiddenDim width of the first of the two image FC layers
 * @param embeddingDim   dimension of the joint space
 * @param dropout        probability of dropping a unit before the joint space
 * @param vocabSize      word indices including padding (index 0)
 * @param wordDim        word-vector dimension
 * @param seqLength      word slots of the text input (the paper's 32)
 * @param textWidths     channels of the text CNN's stages
 * @param textBlocks     residual blocks per text stage; stages after the first halve the word axis
 * @param bottleneck     text blocks as ResNet-50 bottlenecks (1x1, 1x2, 1x1) instead of two 1x2 convolutions
 * @param textStem       channels of a 1x1 convolution + BN + ReLU on the word vectors before the residual blocks
 *                       (then the word embedding has no batch norm of its own); 0: none
 * @param maskPadding    the text max pool looks only at positions holding a word (padding slots are ignored)
 * @param dropoutBeforeLastFc the last FC of each path reads dropped-out units and has no batch norm after it;
 *                       false: FC + BN, then dropout on the embedding
 * @param fanInUniformInit the weights of the FC layers and the instance classifier start uniform in
 *                       +-1/sqrt(fan-in) (PyTorch's default) instead of the ReLU / Xavier normal init
 * @param numInstances   classes of the shared instance classifier (one per training image)
 * @param margin         ranking-loss margin on the cosine
 * @param negatives      ranking-loss negative selection
 * @param seed           weight initialisation seed
 */
public record NetworkConfig(
        ImageInput imageInput,
        int imageSize,
        int[] imageWidths,
        int featureDim,
        int imageHiddenDim,
        int embeddingDim,
        double dropout,
        int vocabSize,
        int wordDim,
        int seqLength,
        int[] textWidths,
        int[] textBlocks,
        boolean bottleneck,
        int textStem,
        boolean maskPadding,
        boolean dropoutBeforeLastFc,
        boolean fanInUniformInit,
        int numInstances,
        double margin,
        RankingLoss.Negatives negatives,
        long seed) {

    /** What the image path of the network receives. */
    public enum ImageInput { PIXELS, FEATURES }

    public NetworkConfig {
        if (textWidths.length != textBlocks.length || textWidths.length == 0) {
            throw new InputException("text CNN: " + textWidths.length + " stage widths but " + textBlocks.length
                    + " block counts; give one block count per width");
        }
        positive("embedding dimension", embeddingDim);
        positive("vocabulary size", vocabSize);
        positive("word-vector dimension", wordDim);
        positive("sequence length", seqLength);
        positive("number of instances", numInstances);
        if (imageInput == ImageInput.PIXELS) {
            positive("image size", imageSize);
        } else {
            positive("feature dimension", featureDim);
        }
        if (textStem < 0) {
            throw new InputException("text stem width must be 0 (none) or positive, got " + textStem);
        }
        if (dropout < 0 || dropout >= 1) {
            throw new InputException("dropout " + dropout + " is outside [0, 1): give a drop probability such as 0.5");
        }
    }

    private static void positive(String what, int value) {
        if (value <= 0) {
            throw new InputException(what + " must be positive, got " + value);
        }
    }

    /** Width of the word axis after the text CNN's strided stages. */
    public int textOutputLength() {
        int w = seqLength;
        for (int s = 1; s < textWidths.length; s++) {
            w = (w + 1) / 2;
        }
        return w;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkConfig c && toString().equals(c.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return "NetworkConfig[" + imageInput + ", imageSize=" + imageSize + ", imageWidths=" + Arrays.toString(imageWidths)
                + ", featureDim=" + featureDim + ", imageHiddenDim=" + imageHiddenDim + ", embeddingDim=" + embeddingDim
                + ", dropout=" + dropout + ", vocabSize=" + vocabSize + ", wordDim=" + wordDim + ", seqLength=" + seqLength
                + ", textWidths=" + Arrays.toString(textWidths) + ", textBlocks=" + Arrays.toString(textBlocks)
                + ", bottleneck=" + bottleneck + ", textStem=" + textStem + ", maskPadding=" + maskPadding
                + ", dropoutBeforeLastFc=" + dropoutBeforeLastFc + ", fanInUniformInit=" + fanInUniformInit
                + ", numInstances=" + numInstances + ", margin=" + margin
                + ", negatives=" + negatives + ", seed=" + seed + "]";
    }

    /** Builder with the shapes-demo defaults. */
    public static final class Builder {
        private ImageInput imageInput = ImageInput.PIXELS;
        private int imageSize = 64;
        private int[] imageWidths = {16, 32, 64, 128};
        private int featureDim = 0;
        private int imageHiddenDim = 256;
        private int embeddingDim = 256;
        private double dropout = 0.3;
        private int vocabSize = 1;
        private int wordDim = 64;
        private int seqLength = 32;
        private int[] textWidths = {64, 128, 256};
        private int[] textBlocks = {1, 1, 1};
        private boolean bottleneck = false;
        private int textStem = 0;
        private boolean maskPadding = true;
        private boolean dropoutBeforeLastFc = false;
        private boolean fanInUniformInit = false;
        private int numInstances = 1;
        private double margin = 0.2;
        private RankingLoss.Negatives negatives = RankingLoss.Negatives.HARDEST;
        private long seed = 42;

        private Builder() {
        }

        private Builder(NetworkConfig c) {
            imageInput = c.imageInput;
            imageSize = c.imageSize;
            imageWidths = c.imageWidths.clone();
            featureDim = c.featureDim;
            imageHiddenDim = c.imageHiddenDim;
            embeddingDim = c.embeddingDim;
            dropout = c.dropout;
            vocabSize = c.vocabSize;
            wordDim = c.wordDim;
            seqLength = c.seqLength;
            textWidths = c.textWidths.clone();
            textBlocks = c.textBlocks.clone();
            bottleneck = c.bottleneck;
            textStem = c.textStem;
            maskPadding = c.maskPadding;
            dropoutBeforeLastFc = c.dropoutBeforeLastFc;
            fanInUniformInit = c.fanInUniformInit;
            numInstances = c.numInstances;
            margin = c.margin;
            negatives = c.negatives;
            seed = c.seed;
        }

        /** The image CNN inside the network, fed square crops of {@code size} pixels. */
        public Builder pixels(int size, int... widths) {
            imageInput = ImageInput.PIXELS;
            imageSize = size;
            imageWidths = widths.clone();
            return this;
        }

        /** A frozen backbone outside the network, fed its pooled features of length {@code dim}. */
        public Builder features(int dim) {
            imageInput = ImageInput.FEATURES;
            featureDim = dim;
            return this;
        }

        public Builder imageHiddenDim(int v) { imageHiddenDim = v; return this; }
        public Builder embeddingDim(int v) { embeddingDim = v; return this; }
        public Builder dropout(double v) { dropout = v; return this; }
        public Builder vocabSize(int v) { vocabSize = v; return this; }
        public Builder wordDim(int v) { wordDim = v; return this; }
        public Builder seqLength(int v) { seqLength = v; return this; }
        public Builder bottleneck(boolean v) { bottleneck = v; return this; }
        public Builder textStem(int v) { textStem = v; return this; }
        public Builder maskPadding(boolean v) { maskPadding = v; return this; }
        public Builder dropoutBeforeLastFc(boolean v) { dropoutBeforeLastFc = v; return this; }
        public Builder fanInUniformInit(boolean v) { fanInUniformInit = v; return this; }
        public Builder numInstances(int v) { numInstances = v; return this; }
        public Builder margin(double v) { margin = v; return this; }
        public Builder negatives(RankingLoss.Negatives v) { negatives = v; return this; }
        public Builder seed(long v) { seed = v; return this; }

        /** Text CNN stages: {@code widths[s]} channels in {@code blocks[s]} residual blocks. */
        public Builder textCnn(int[] widths, int[] blocks) {
            textWidths = widths.clone();
            textBlocks = blocks.clone();
            return this;
        }

        public NetworkConfig build() {
            return new NetworkConfig(imageInput, imageSize, imageWidths, featureDim, imageHiddenDim, embeddingDim,
                    dropout, vocabSize, wordDim, seqLength, textWidths, textBlocks, bottleneck, textStem, maskPadding,
                    dropoutBeforeLastFc, fanInUniformInit, numInstances, margin,
                    negatives, seed);
        }
    }
}
