package org.dualpath.train;

import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * How a front end tells the user which training setting to change: the command line names its options, the
 * explorer the controls of its Train tab. The checks before a run ({@link TrainingCheck}, {@link OutputCheck})
 * word their refusals with it, so both front ends run the same checks and each names its own controls.
 *
 * @param out             the output setting, as in "the folder for --out"
 * @param modelFileName   how to name a model file instead of a folder, given an example file
 * @param replaceOrResume what to do when a finished model is at the output: replace it, continue its run, or
 *                        write elsewhere
 * @param otherOut        how to write elsewhere: "choose another --out"
 * @param vectors         how to give word vectors: "give --vectors FILE"
 * @param backboneWeights how to give the pretrained backbone's weights
 * @param batchAtMost     how to make the batch at most the given number of images
 */
public record TrainingAdvice(String out, Function<Path, String> modelFileName, String replaceOrResume,
                             String otherOut, String vectors, String backboneWeights,
                             IntFunction<String> batchAtMost) {
    /** The advice of {@code dualpath train}, naming its options. */
    public static final TrainingAdvice OPTIONS = new TrainingAdvice("--out",
            example -> "give --out a model file name such as " + example,
            "give --force to replace it, --resume to continue its run, or another --out", "choose another --out",
            "give --vectors FILE", "give --backbone-weights FILE", n -> "use --batch " + n + " or less");
}
