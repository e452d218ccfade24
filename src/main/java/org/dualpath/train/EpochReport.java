package org.dualpath.train;

import java.util.Map;

/**
 * What one finished epoch did. {@code validation} holds Recall@1/5/10 in both directions on the validation split
 * (keys like {@code "i2t_R@1"}, percent), empty when the dataset has no validation images.
 */
public record EpochReport(int epoch, int totalEpochs, int stage, double learningRate, double loss,
                          double samplesPerSecond, double seconds, double etaSeconds, Map<String, Double> validation) {
}
