package org.dualpath.model;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Instance loss: softmax cross-entropy over training instances, {@code -w_r * log p_r[y_r]} for row {@code r} of
 * the joint stack, whose first half are images ({@code w_r} = image weight) and second half their captions
 * ({@code w_r} = text weight): the paper's image:text loss weights (e.g. 1 : 0.1). The weights live in the loss,
 * not in a label mask, because DL4J applies a label mask again to the gradient flowing into the network, which
 * is only right for 0/1 masks. The trainer changes them between stages. The class name is stored in model
 * files: do not rename it.
 */
public final class InstanceLoss implements ILossFunction {
    private static final double MIN_PROBABILITY = 1e-10;

    @JsonProperty("imageWeight")
    private double imageWeight;
    @JsonProperty("textWeight")
    private double textWeight;

    public InstanceLoss(@JsonProperty("imageWeight") double imageWeight,
                        @JsonProperty("textWeight") double textWeight) {
        this.imageWeight = imageWeight;
        this.textWeight = textWeight;
    }

    /** Sets the weights of the image rows and of the text rows. */
    public void setWeights(double image, double text) {
        this.imageWeight = image;
        this.textWeight = text;
    }

    public double imageWeight() {
        return imageWeight;
    }

    public double textWeight() {
        return textWeight;
    }

    private INDArray rowWeights(long rows, INDArray mask, org.nd4j.linalg.api.buffer.DataType type) {
        long n = rows / 2;
        INDArray w = org.nd4j.linalg.factory.Nd4j.vstack(
                org.nd4j.linalg.factory.Nd4j.valueArrayOf(new long[]{n, 1}, imageWeight, type),
                org.nd4j.linalg.factory.Nd4j.valueArrayOf(new long[]{rows - n, 1}, textWeight, type));
        return mask == null ? w : w.muli(mask.reshape(mask.length(), 1).castTo(type));
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        double sum = computeScoreArray(labels, preOutput, activationFn, mask).sumNumber().doubleValue();
        return average ? sum / preOutput.size(0) : sum;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray p = activationFn.getActivation(preOutput.dup(), true);
        INDArray logP = Transforms.log(Transforms.max(p, MIN_PROBABILITY, false), false);
        INDArray score = logP.muli(labels.castTo(p.dataType())).sum(true, 1).negi();
        return score.muliColumnVector(rowWeights(score.size(0), mask, score.dataType()));
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray p = activationFn.getActivation(preOutput.dup(), true);
        INDArray y = labels.castTo(p.dataType());
        INDArray grad;
        if (activationFn instanceof ActivationSoftmax) {
            // d/dz of -log softmax(z)[y] with one-hot y is p - y
            grad = p.sub(y);
        } else {
            INDArray dLdP = y.div(Transforms.max(p, MIN_PROBABILITY, true)).negi();
            grad = activationFn.backprop(preOutput.dup(), dLdP).getFirst();
        }
        return grad.muliColumnVector(rowWeights(grad.size(0), mask, grad.dataType()));
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput,
                                                          IActivation activationFn, INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return "InstanceLoss(image=" + imageWeight + ", text=" + textWeight + ")";
    }

    @Override
    public String toString() {
        return name();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InstanceLoss l && l.imageWeight == imageWeight && l.textWeight == textWeight;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(imageWeight) * 31 + Double.hashCode(textWeight);
    }
}
