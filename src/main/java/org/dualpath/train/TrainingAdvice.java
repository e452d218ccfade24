package org.dualpath.train;

import java.nio.file.Path;

/**
 * How a front end tells the user which training setting to change: the command line names its options, the
 * explorer the controls of its Train tab. The checks before a run ({@link TrainingCheck}, {@link OutputCheck})
 * word their refusals with it, so both front ends run the same checks and each names its own controls.
 */
public interface TrainingAdvice {
    /** The output setting, as in "the folder for --out". */
    String out();

    /** How to name a model file instead of a folder, e.g. "give --out a model file name such as DIR/model.zip". */
    String modelFileName(Path example);

    /** What to do when a finished model is where the output goes: replace it, continue its run, or write elsewhere. */
    String replaceOrResume();

    /** How to write elsewhere: "choose another --out". */
    String otherOut();

    /** How to give word vectors: "give --vectors FILE". */
    String vectors();

    /** How to give the pretrained backbone's weights: "give --backbone-weights FILE". */
    String backboneWeights();

    /** How to make the batch at most {@code n} images: "use --batch n or less". */
    String batchAtMost(int n);

    /** The advice of {@code dualpath train}, naming its options. */
    TrainingAdvice OPTIONS = new TrainingAdvice() {
        @Override
        public String out() {
            return "--out";
        }

        @Override
        public String modelFileName(Path example) {
            return "give --out a model file name such as " + example;
        }

        @Override
        public String replaceOrResume() {
            return "give --force to replace it, --resume to continue its run, or another --out";
        }

        @Override
        public String otherOut() {
            return "choose another --out";
        }

        @Override
        public String vectors() {
            return "give --vectors FILE";
        }

        @Override
        public String backboneWeights() {
            return "give --backbone-weights FILE";
        }

        @Override
        public String batchAtMost(int n) {
            return "use --batch " + n + " or less";
        }
    };
}
