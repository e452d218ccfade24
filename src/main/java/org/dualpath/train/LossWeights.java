package org.dualpath.train;

/** Weights of the three losses: ranking, image instance loss, text instance loss (paper, COCO stage II: 2 : 1 : 0.1). */
public record LossWeights(double ranking, double image, double text) {
}
