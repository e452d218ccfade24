package org.dualpath.cli;

import org.dualpath.model.DualPathModel;
import picocli.CommandLine.Option;

/** The test-time averaging switches shared by the commands that embed a dataset. */
final class AveragingOptions {
    @Option(names = "--flip", description = "Average each image with its mirror image (as the paper at test time).")
    boolean flip;

    @Option(names = "--shift", description = "Average each caption over its placements in the word slots.")
    boolean shift;

    DualPathModel.Options options() {
        return new DualPathModel.Options(flip, shift);
    }
}
