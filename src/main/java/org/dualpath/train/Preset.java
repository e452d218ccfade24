package org.dualpath.train;

import org.dualpath.common.InputException;
import org.dualpath.data.image.ImagePreprocessor;
import org.dualpath.model.Backbone;
import org.dualpath.model.NetworkConfig;
import org.dualpath.model.PretrainedBackbone;
import org.dualpath.model.RankingLoss;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A named starting configuration: backbone, network shape (vocabulary size, instances and feature length are
 * filled in from the data), image preprocessing, training schedule and text settings.
 *
 * @param vocabularyMinCount minimum count of a training-caption word to enter the vocabulary
 * @param keepWordsWithoutVector training-caption words without a pretrained vector enter the vocabulary with a
 *                           random vector (learnt with the rest) instead of being dropped
 * @param word2vecDim        dimension of word2vec trained on the training captions when no vector file is given;
 *                           0 when the preset needs a pretrained vector file
 */
public record Preset(String name, String description, Backbone backbone, NetworkConfig network,
                     ImagePreprocessor.Config preprocessing, TrainingConfig training, int vocabularyMinCount,
                     boolean keepWordsWithoutVector, int word2vecDim) {

    /**
     * The offline demo: small CNN from scratch on 40-px images, small text CNN, word2vec trained on the captions,
     * batch 128, FC layers and the instance classifier initialised uniform in +-1/sqrt(fan-in) as PyTorch's
     * {@code nn.Linear}. Meant for a generated set of 10,000 training images ({@code dualpath shapes --train 10000}):
     * on the default 4,000 the network overfits (test R@1 44 / 35 against 62 / 49 on training images), and the
     * generator keeps the test split the same whatever the training count. 80 epochs take about 56 minutes on one
     * core each. Unlike the paper, the ranking loss leads from stage I, summed over all negatives of the batch,
     * with the instance loss at 0.1: with a CNN trained from scratch the instance loss (one example per class per
     * epoch) and hardest negatives barely move. No crops and no mirror images: captions name sides and shapes.
     */
    public static Preset shapesDemo() {
        return new Preset("shapes-demo", "small residual CNN from scratch + small text CNN, word2vec on the captions",
                Backbone.SMALL_RESNET,
                NetworkConfig.builder().pixels(40, 16, 32, 64).imageHiddenDim(256).embeddingDim(256).dropout(0.2)
                        .wordDim(64).seqLength(32).textCnn(new int[]{32, 64, 128}, new int[]{1, 1, 1})
                        .fanInUniformInit(true).margin(0.2).negatives(RankingLoss.Negatives.ALL).build(),
                new ImagePreprocessor.Config(40, 40, ImagePreprocessor.Normalization.CENTERED, ImagePreprocessor.Layout.CHW),
                TrainingConfig.builder().epochs(5, 75).batchSize(128).optimizer(TrainingConfig.Optimizer.ADAM)
                        .imageAugmentation(false).learningRates(3e-3, 3e-3).stage2DecayAt(0.67).weightDecay(1e-5)
                        .wordEmbeddingLrMultiplier(1).imageCnnLrMultipliers(1, 1)
                        .stage1Weights(new LossWeights(1, 0.1, 0.1)).stage2Weights(new LossWeights(1, 0.1, 0.1)).build(),
                1, false, 64);
    }

    /**
     * Frozen Keras MobileNet features (standardised with the training images' statistics), pretrained word vectors
     * from a file, following the PyTorch anchor of bench/TRANSFER.md: image path FC + BN + ReLU, dropout 0.5, FC;
     * text path a 1x1 stem to 256 channels and two residual blocks of 1x2 convolutions, max pool over the words,
     * dropout 0.5, FC; instance and ranking losses together from the first epoch, Adam 1e-3 at batch 64 for 60
     * epochs, word vectors fine-tuned at the base rate, no weight decay, no augmentation; caption words without a
     * vector are kept with a random one. Unlike the anchor, the ranking loss sums the hinges over every negative of
     * the batch (VSE0) instead of taking the hardest one (VSE++): on the tuning split the sum gave validation rsum
     * 200.8 against 181.8, mean of 3 seeds (bench/TRANSFER.md).
     */
    public static Preset transfer() {
        return new Preset("transfer", "frozen MobileNet v1 features + small text CNN on pretrained word vectors",
                Backbone.MOBILENET,
                NetworkConfig.builder().features(Backbone.MOBILENET.featureDim()).imageHiddenDim(512).embeddingDim(512)
                        .dropout(0.5).seqLength(32).textStem(256).textCnn(new int[]{256}, new int[]{2})
                        .dropoutBeforeLastFc(true).fanInUniformInit(true).margin(0.2)
                        .negatives(RankingLoss.Negatives.ALL).build(),
                PretrainedBackbone.preprocessing(Backbone.MOBILENET),
                TrainingConfig.builder().epochs(60, 0).batchSize(64).optimizer(TrainingConfig.Optimizer.ADAM)
                        .learningRates(1e-3, 1e-3).weightDecay(0).wordEmbeddingLrMultiplier(1)
                        .positionShift(false).imageAugmentation(false)
                        .stage1Weights(new LossWeights(1, 1, 1)).stage2Weights(new LossWeights(1, 1, 1)).build(),
                1, true, 0);
    }

    /**
     * The paper's configuration: ResNet-50 features, the full text CNN (ResNet-50 layout with 1x2 kernels, 2048-d),
     * SGD with Nesterov momentum, weight decay 1e-4, batch 32, stage I at lr 0.1 with the backbone frozen, stage II
     * at 0.1 / 0.01 / 0.001 for 15 / 5 / 1 epochs with loss weights 2 : 1 : 0.1.
     */
    public static Preset paper() {
        return new Preset("paper", "ResNet-50 + full text CNN, 2048-d joint space, the paper's schedule",
                Backbone.RESNET50,
                NetworkConfig.builder().features(Backbone.RESNET50.featureDim()).imageHiddenDim(2048).embeddingDim(2048)
                        .dropout(0.5).wordDim(300).seqLength(32).bottleneck(true)
                        .textCnn(new int[]{256, 512, 1024, 2048}, new int[]{3, 4, 6, 1}).margin(1).build(),
                PretrainedBackbone.preprocessing(Backbone.RESNET50),
                TrainingConfig.builder().epochs(90, 21).batchSize(32).optimizer(TrainingConfig.Optimizer.SGD)
                        .learningRates(0.1, 0.1).stage2DecayAt(15.0 / 21, 20.0 / 21).weightDecay(1e-4)
                        .wordEmbeddingLrMultiplier(1e-3)
                        .stage1Weights(new LossWeights(0, 1, 1)).stage2Weights(new LossWeights(2, 1, 0.1)).build(),
                1, false, 0);
    }

    public static List<Preset> all() {
        return List.of(shapesDemo(), transfer(), paper());
    }

    public static Preset named(String name) {
        return all().stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new InputException("unknown preset '" + name + "': use one of "
                        + all().stream().map(Preset::name).collect(Collectors.joining(", "))));
    }

    /**
     * The network this preset trains on data of {@code vocabSize} words with {@code wordDim}-d vectors and
     * {@code numInstances} training images, seeded with the training seed; {@code featureDim} is the length of the
     * backbone's features as measured on its weights (0: the preset's).
     */
    public NetworkConfig networkFor(int vocabSize, int wordDim, int numInstances, int featureDim) {
        NetworkConfig.Builder b = network.toBuilder().vocabSize(vocabSize).wordDim(wordDim).numInstances(numInstances)
                .seed(training.seed());
        if (featureDim > 0) {
            b.features(featureDim);
        }
        return b.build();
    }

    public Preset withTraining(TrainingConfig newTraining) {
        return new Preset(name, description, backbone, network, preprocessing, newTraining, vocabularyMinCount,
                keepWordsWithoutVector, word2vecDim);
    }
}
