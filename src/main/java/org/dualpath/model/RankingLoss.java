package org.dualpath.model;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Random;

/**
 * Bidirectional hinge (triplet) ranking loss on the cosine similarity of image and text embeddings.
 *
 * <p>The input is the row stack of {@code n} image embeddings followed by their {@code n} matching text
 * embeddings ({@code [2n, d]}; row {@code k} and row {@code n + k} are a true pair). With {@code i_k}, {@code t_k}
 * the L2-normalised rows and {@code S = i t^T}:
 * <pre>
 *   image anchor k:  sum over chosen negatives j != k of  max(0, margin + S[k][j] - S[k][k])
 *   text anchor k:   sum over chosen negatives j != k of  max(0, margin + S[j][k] - S[k][k])
 * </pre>
 * Negatives: {@link Negatives#HARDEST} takes the single most similar wrong item of the batch (VSE++),
 * {@link Negatives#ALL} sums over every wrong item (VSE0), {@link Negatives#PAPER} follows the dual-path code
 * within a batch: the hardest caption for an image anchor, a random other image for a caption anchor.
 *
 * <p>The whole loss is scaled by a weight that the trainer sets per stage (0 switches it off); a label mask, if
 * given, switches single anchors off (row {@code k}: image anchor {@code k}, row {@code n + k}: text anchor
 * {@code k}). Labels are ignored (pairs are given by row position). The class name is stored in model files:
 * do not rename it.
 */
public final class RankingLoss implements ILossFunction {
    /** Which wrong items of the batch count as negatives. */
    public enum Negatives { HARDEST, ALL, PAPER }

    @JsonProperty("margin")
    private final double margin;
    @JsonProperty("negatives")
    private final Negatives negatives;
    @JsonProperty("seed")
    private final long seed;
    @JsonProperty("weight")
    private double weight;
    private transient Random random;

    public RankingLoss(@JsonProperty("margin") double margin,
                       @JsonProperty("negatives") Negatives negatives,
                       @JsonProperty("seed") long seed,
                       @JsonProperty("weight") double weight) {
        this.margin = margin;
        this.negatives = negatives;
        this.seed = seed;
        this.weight = weight;
    }

    /** Sets the factor of the whole loss. */
    public void setWeight(double weight) {
        this.weight = weight;
    }

    public double weight() {
        return weight;
    }

    public double margin() {
        return margin;
    }

    public Negatives negatives() {
        return negatives;
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        double sum = computeScoreArray(labels, preOutput, activationFn, mask).sumNumber().doubleValue();
        return average ? sum / preOutput.size(0) : sum;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return evaluate(preOutput, activationFn, mask, false).getFirst();
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return evaluate(preOutput, activationFn, mask, true).getSecond();
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput,
                                                          IActivation activationFn, INDArray mask, boolean average) {
        Pair<INDArray, INDArray> r = evaluate(preOutput, activationFn, mask, true);
        double sum = r.getFirst().sumNumber().doubleValue();
        return new Pair<>(average ? sum / preOutput.size(0) : sum, r.getSecond());
    }

    @Override
    public String name() {
        return "RankingLoss(margin=" + margin + ", negatives=" + negatives + ", weight=" + weight + ")";
    }

    @Override
    public String toString() {
        return name();
    }

    /** Per-row scores {@code [2n, 1]} and, when asked, the gradient with respect to the pre-activation input. */
    private Pair<INDArray, INDArray> evaluate(INDArray preOutput, IActivation activationFn, INDArray mask,
                                             boolean withGradient) {
        INDArray out = activationFn.getActivation(preOutput.dup(), true);
        int n = (int) (out.size(0) / 2);
        INDArray img = out.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, n),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        INDArray txt = out.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(n, 2 * n),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        INDArray imgNorm = img.norm2(1).reshape(n, 1).addi(1e-12);
        INDArray txtNorm = txt.norm2(1).reshape(n, 1).addi(1e-12);
        INDArray iu = img.divColumnVector(imgNorm);
        INDArray tu = txt.divColumnVector(txtNorm);
        double[][] s = iu.mmul(tu.transpose()).toDoubleMatrix();
        double[] w = weights(mask, 2 * n, weight);

        double[] score = new double[2 * n];
        double[][] dS = new double[n][n];
        Random rnd = random();
        for (int k = 0; k < n; k++) {
            // image anchor k against captions j
            for (int j : negativesFor(k, n, s, true, rnd)) {
                double cost = margin + s[k][j] - s[k][k];
                if (cost > 0) {
                    score[k] += w[k] * cost;
                    dS[k][j] += w[k];
                    dS[k][k] -= w[k];
                }
            }
            // caption anchor k against images j
            for (int j : negativesFor(k, n, s, false, rnd)) {
                double cost = margin + s[j][k] - s[k][k];
                if (cost > 0) {
                    score[n + k] += w[n + k] * cost;
                    dS[j][k] += w[n + k];
                    dS[k][k] -= w[n + k];
                }
            }
        }
        INDArray scoreArr = Nd4j.create(score, new long[]{2 * n, 1}).castTo(preOutput.dataType());
        if (!withGradient) {
            return new Pair<>(scoreArr, null);
        }
        INDArray g = Nd4j.create(dS).castTo(out.dataType());
        INDArray gi = g.mmul(tu);
        INDArray gt = g.transpose().mmul(iu);
        INDArray dOut = Nd4j.vstack(throughNormalisation(gi, iu, imgNorm), throughNormalisation(gt, tu, txtNorm));
        INDArray dPre = activationFn.backprop(preOutput.dup(), dOut).getFirst();
        return new Pair<>(scoreArr, dPre);
    }

    /** Gradient of {@code u = x / |x|}: {@code dL/dx = (g - u (u . g)) / |x|}. */
    private static INDArray throughNormalisation(INDArray g, INDArray u, INDArray norm) {
        INDArray dot = g.mul(u).sum(true, 1);
        return g.sub(u.mulColumnVector(dot)).diviColumnVector(norm);
    }

    private int[] negativesFor(int k, int n, double[][] s, boolean imageAnchor, Random rnd) {
        if (n < 2) {
            return new int[0];
        }
        if (negatives == Negatives.ALL) {
            int[] all = new int[n - 1];
            for (int j = 0, m = 0; j < n; j++) {
                if (j != k) {
                    all[m++] = j;
                }
            }
            return all;
        }
        if (negatives == Negatives.PAPER && !imageAnchor) {
            int j = rnd.nextInt(n - 1);
            return new int[]{j >= k ? j + 1 : j};
        }
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            double v = imageAnchor ? s[k][j] : s[j][k];
            if (j != k && v > bestScore) {
                bestScore = v;
                best = j;
            }
        }
        return new int[]{best};
    }

    private static double[] weights(INDArray mask, int rows, double weight) {
        double[] w = new double[rows];
        java.util.Arrays.fill(w, weight);
        if (mask != null) {
            INDArray m = mask.reshape(mask.length());
            for (int i = 0; i < rows; i++) {
                w[i] *= m.getDouble(i);
            }
        }
        return w;
    }

    private Random random() {
        if (random == null) {
            random = new Random(seed);
        }
        return random;
    }
}
