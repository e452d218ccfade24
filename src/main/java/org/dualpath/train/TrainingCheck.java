package org.dualpath.train;

import org.dualpath.common.InputException;
import org.dualpath.data.CocoImage;
import org.dualpath.data.Dataset;
import org.dualpath.data.Split;
import org.dualpath.model.Backbone;
import org.dualpath.model.DualPathGraphs;
import org.dualpath.model.NetworkConfig;
import org.dualpath.text.TokenCounts;
import org.dualpath.text.Vocabulary;
import org.dualpath.text.WordVectors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a training request is refused for before it trains: a split with too few training images for a batch or
 * none to validate on, no word vectors for a preset that needs them, missing backbone weights, an output that
 * cannot be written, too little disk for the checkpoints. {@code dualpath train} and the explorer's Train tab run
 * these checks before they start a run, and the {@link Trainer} runs {@link #settings} itself, so a refusal
 * names the same value in either front end, each in its own words ({@link TrainingAdvice}).
 */
public final class TrainingCheck {
    private TrainingCheck() {
    }

    /**
     * The checks that need nothing but the request: the split, the word vectors and backbone weights a new run
     * needs (a resumed run takes them from its checkpoint), and that the model file can be written.
     */
    public static void settings(Trainer.Request request, TrainingAdvice advice) {
        Dataset dataset = request.dataset();
        int training = dataset.images(Split.TRAIN).size();
        if (training < 2) {
            throw new InputException(dataset.name() + ": " + training
                    + " training images; training needs at least 2 (check the split)");
        }
        int batch = request.preset().training().batchSize();
        if (batch > training) {
            // an epoch is whole batches only: it would run no step and write a model that never saw the data
            throw new InputException("batch size " + batch + " is larger than the " + training
                    + " training images of " + dataset.name() + ": " + advice.batchAtMost().apply(training));
        }
        if (dataset.images(Split.VAL).isEmpty() && dataset.images(Split.TEST).isEmpty()) {
            throw new InputException(dataset.name() + ": no validation or test images to measure recall on after "
                    + "each epoch; give the split validation or test images");
        }
        if (!resumes(request)) {
            requireInputs(request, advice);
        }
        OutputCheck.writable(request.out(), request.force() || request.resume(), advice);
    }

    /**
     * {@link #settings}, then that the checkpoints fit on the disk: those of a resumed run are as large as its
     * checkpoint, those of a new run are estimated from the network the preset builds on this data (its vocabulary
     * counted generously, every caption word seen often enough). With {@code keepCheckpoints} every epoch's
     * checkpoint stays beside the model ({@link EpochCheckpoints}).
     */
    public static void beforeRun(Trainer.Request request, boolean keepCheckpoints, TrainingAdvice advice) {
        settings(request, advice);
        long checkpointBytes = resumes(request) ? sizeOf(Trainer.checkpointOf(request.out()))
                : OutputCheck.checkpointBytes(DualPathGraphs.trainingParameterCount(estimatedNetwork(request)));
        OutputCheck.space(request.out(), checkpointBytes,
                keepCheckpoints ? request.preset().training().totalEpochs() : 0, advice);
    }

    private static boolean resumes(Trainer.Request request) {
        return request.resume() && Files.exists(Trainer.checkpointOf(request.out()));
    }

    private static void requireInputs(Trainer.Request request, TrainingAdvice advice) {
        Preset preset = request.preset();
        Path vectors = request.wordVectors();
        if (vectors == null && preset.word2vecDim() == 0) {
            throw new InputException("preset " + preset.name() + " needs pretrained word vectors: " + advice.vectors());
        }
        if (vectors != null && !Files.isRegularFile(vectors)) {
            throw new InputException(vectors + ": no such word-vector file; " + advice.vectors());
        }
        Path weights = request.backboneWeights();
        if (weights == null && preset.backbone() == Backbone.MOBILENET) {
            throw new InputException("the " + preset.backbone() + " backbone needs a full Keras MobileNet v1 .h5 model "
                    + "file: " + advice.backboneWeights());
        }
        if (weights != null && preset.backbone().pretrained() && !Files.isRegularFile(weights)) {
            throw new InputException(weights + ": no such backbone weights file; " + advice.backboneWeights());
        }
    }

    /** The network of a new run with at most as many words as its training captions hold. */
    private static NetworkConfig estimatedNetwork(Trainer.Request request) {
        Dataset dataset = request.dataset();
        Preset preset = request.preset();
        List<CocoImage> training = dataset.images(Split.TRAIN);
        List<String> captions = new ArrayList<>();
        training.forEach(image -> dataset.captions(image.id()).forEach(c -> captions.add(c.caption())));
        int words = Vocabulary.build(TokenCounts.of(captions), preset.vocabularyMinCount(), word -> true,
                Vocabulary.DEFAULT_MAX_LENGTH).size();
        int wordDim = request.wordVectors() == null ? preset.word2vecDim() : WordVectors.dimensionOf(request.wordVectors());
        return preset.networkFor(words, wordDim, training.size(), 0);
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + file + ": " + e.getMessage(), e);
        }
    }
}
