package org.dualpath.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dualpath.common.InputException;
import org.dualpath.common.Progress;
import org.dualpath.data.CocoCaption;
import org.dualpath.data.CocoImage;
import org.dualpath.data.Dataset;
import org.dualpath.data.DatasetSource;
import org.dualpath.data.Split;
import org.dualpath.data.UnreadableImage;
import org.dualpath.data.image.ImagePreprocessor;
import org.dualpath.common.Download;
import org.dualpath.model.Backbone;
import org.dualpath.model.DualPathGraphs;
import org.dualpath.model.FeatureStandardization;
import org.dualpath.model.PretrainedBackbone;
import org.dualpath.model.PretrainedWeights;
import org.dualpath.model.ModelBundle;
import org.dualpath.model.NetworkConfig;
import org.dualpath.text.Vocabulary;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * Trains a dual-path network in two stages on the training split of a dataset and writes the model bundle.
 *
 * <p>Each step takes a batch of training images, samples one of each image's captions (placed at a random offset
 * of the word slots when position shift is on) and labels both with the image's instance id, so the shared
 * classifier sees the image and its caption as the same class. After every epoch it measures Recall@K on the
 * validation split (or the test split when there is none) and writes a training checkpoint atomically; a later
 * run with {@code resume} continues after the last finished epoch. When cancelled it saves a checkpoint first.
 */
public final class Trainer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EMBED_BATCH = 128;

    /**
     * What to train on and where to write it. {@code wordVectors} and {@code backboneWeights} may be null.
     *
     * @param source the files {@code dataset} was loaded from, recorded (with their hashes) in the model file
     * @param resume continue from the checkpoint beside {@code out} when there is one
     * @param force  replace a finished model at {@code out}
     * @param strict stop when an image cannot be decoded instead of leaving it out
     */
    public record Request(Dataset dataset, DatasetSource source, Preset preset, Path wordVectors, Path backboneWeights,
                          Path out, boolean resume, boolean force, boolean strict) {
    }

    private final Request request;
    private final TrainingConfig config;
    private final TrainingListener listener;
    private final Progress progress;
    private final TrainingAdvice advice;

    public Trainer(Request request, TrainingListener listener, Progress progress) {
        this(request, listener, progress, TrainingAdvice.OPTIONS);
    }

    /** A trainer whose refusals name the settings to change with {@code advice} (the explorer names its controls). */
    public Trainer(Request request, TrainingListener listener, Progress progress, TrainingAdvice advice) {
        this.request = request;
        this.config = request.preset().training();
        this.listener = listener;
        this.progress = progress;
        this.advice = advice;
    }

    /** The checkpoint file written beside the model file. */
    public static Path checkpointOf(Path out) {
        return out.resolveSibling(out.getFileName() + ".checkpoint");
    }

    /**
     * Runs the training and returns the written inference bundle. Every training and validation image is decoded
     * (or its backbone features computed) before the first step; images that cannot be decoded are left out with
     * their captions, named in one message, and recorded in the model's provenance, or stop the run with
     * {@link Request#strict}.
     */
    public ModelBundle run() {
        Instant runStart = Instant.now();
        Dataset dataset = request.dataset();
        Preset preset = request.preset();
        TrainingCheck.settings(request, advice);
        Split validationSplit = dataset.images(Split.VAL).isEmpty() ? Split.TEST : Split.VAL;
        Path checkpoint = checkpointOf(request.out());
        if (request.resume() && !Files.exists(checkpoint)) {
            listener.onMessage("no checkpoint at " + checkpoint + " to resume: starting a new run");
        } else if (!request.resume() && Files.exists(checkpoint)) {
            listener.onMessage("replacing the checkpoint of an earlier run at " + checkpoint
                    + " (give --resume to continue that run instead)");
        }
        ModelBundle resumed = request.resume() && Files.exists(checkpoint) ? ModelBundle.read(checkpoint) : null;
        if (resumed != null && resumed.trainingGraph() == null) {
            throw new InputException(checkpoint + ": not a training checkpoint (it has no training graph); delete it"
                    + " or train without --resume");
        }
        PretrainedBackbone backbone;
        if (resumed != null) {
            backbone = resumed.backbone() == null ? null
                    : PretrainedBackbone.restore(resumed.image().backbone(), resumed.backbone());
        } else {
            backbone = preset.backbone().pretrained() ? loadBackbone(preset.backbone(), request.backboneWeights()) : null;
        }
        int epochsDone = resumed == null ? 0 : resumed.training().path("epochsDone").asInt();

        List<CocoImage> allTrainRows = dataset.images(Split.TRAIN);
        List<CocoImage> allValidationRows = dataset.images(validationSplit);
        listener.onMessage("preparing " + allTrainRows.size() + " training and " + allValidationRows.size() + " "
                + validationSplit.id() + " images");
        PreparedImages images = backbone == null
                ? pixels(dataset, allTrainRows, allValidationRows)
                : features(backbone, dataset, allTrainRows, allValidationRows,
                resumed == null ? null : resumed.standardization(), epochsDone);
        UnreadableImages unreadable = new UnreadableImages(dataset, images.unreadable(),
                allTrainRows.size() + allValidationRows.size());
        if (!unreadable.isEmpty()) {
            if (request.strict()) {
                throw new InputException(unreadable.refusal());
            }
            listener.onMessage(unreadable.leftOutMessage());
        }
        Dataset used = dataset.without(unreadable.ids());
        List<CocoImage> trainRows = used.images(Split.TRAIN);
        List<CocoImage> validationRows = used.images(validationSplit);
        requireEnoughTrainingImages(dataset.name(), trainRows.size(), unreadable.isEmpty() ? "" : unreadable.tooFewNote());

        ComputationGraph graph;
        NetworkConfig network;
        Vocabulary vocabulary;
        int batchesDone = 0;
        double lossSoFar = 0;
        List<EpochReport> history = new ArrayList<>();
        if (resumed != null) {
            if (resumed.network().numInstances() != trainRows.size()) {
                throw new InputException(checkpoint + ": checkpoint does not match this dataset ("
                        + resumed.network().numInstances() + " training images, dataset has " + trainRows.size()
                        + (unreadable.isEmpty() ? "" : " that can be read") + "); delete it or train without --resume");
            }
            graph = resumed.trainingGraph();
            network = resumed.network();
            vocabulary = resumed.vocabulary();
            batchesDone = resumed.training().path("batchesDone").asInt(0);
            lossSoFar = resumed.training().path("lossSum").asDouble(0);
            for (JsonNode r : resumed.training().path("history")) {
                history.add(JSON.convertValue(r, EpochReport.class));
            }
            listener.onMessage("resuming from " + checkpoint + " after epoch " + epochsDone
                    + (batchesDone > 0 ? ", batch " + batchesDone : ""));
        } else {
            listener.onMessage(request.wordVectors() == null ? "training word2vec on the training captions"
                    : "reading word vectors from " + request.wordVectors());
            List<String> captions = new ArrayList<>();
            for (CocoImage image : trainRows) {
                used.captions(image.id()).forEach(c -> captions.add(c.caption()));
            }
            TextSetup text = TextSetup.build(captions, request.wordVectors(), preset.vocabularyMinCount(),
                    preset.keepWordsWithoutVector(),
                    preset.word2vecDim(), config.seed(), progress);
            vocabulary = text.vocabulary();
            NetworkConfig.Builder nb = preset.network().toBuilder().vocabSize(vocabulary.size())
                    .wordDim(text.embedding().dimension()).numInstances(trainRows.size()).seed(config.seed());
            if (backbone != null) {
                nb.features(backbone.featureDim());
            }
            network = nb.build();
            INDArray wordVectors = Nd4j.create(text.embedding().toArray());
            graph = DualPathGraphs.training(network, wordVectors, DataType.FLOAT, this::updaterOf, config.weightDecay());
        }
        OutputCheck.space(request.out(), OutputCheck.checkpointBytes(graph.numParams()), 0, advice);
        RunProvenance provenance = new RunProvenance(request, runStart, resumed == null ? null : resumed.provenance(),
                unreadable.images());
        int[][][] trainTokens = tokens(used, trainRows, vocabulary, Integer.MAX_VALUE);
        Validation validation = new Validation(network, images.validation(),
                tokens(used, validationRows, vocabulary, 5), network.seqLength());

        ModelBundle.ImageSettings imageSettings = new ModelBundle.ImageSettings(preset.backbone(),
                backbone == null ? preset.preprocessing() : backbone.preprocessing());
        RunOutput output = new RunOutput(network, imageSettings, vocabulary, graph,
                backbone == null ? null : backbone.graph(), images.standardization(), used, validationSplit, history,
                provenance);
        int epoch = epochsDone;
        try (Batches batches = new Batches(images.train(), trainTokens, network, config)) {
            for (; epoch < config.totalEpochs(); epoch++) {
                EpochReport report = runEpoch(graph, batches, epoch, batchesDone, lossSoFar, validation, history);
                batchesDone = 0;
                lossSoFar = 0;
                history.add(report);
                listener.onEpoch(report);
                bundle(output, epoch + 1, 0, 0).write(checkpoint);
                listener.onCheckpoint(epoch + 1, checkpoint);
            }
        } catch (CancellationException e) {
            // keep what the unfinished epoch learnt; a resumed run repeats that epoch
            bundle(output, epoch, epochProgress.batches, epochProgress.lossSum).write(checkpoint);
            listener.onMessage("stopped: progress saved in " + checkpoint + "; continue with --resume");
            throw e;
        }
        ModelBundle finalBundle = bundle(output, config.totalEpochs(), 0, 0).toInference();
        finalBundle.write(request.out());
        listener.onMessage("wrote " + request.out());
        return finalBundle;
    }

    /**
     * Refuses a training set too small to train on: fewer than 2 images, or fewer than one batch (an epoch is
     * whole batches only: it would run no step and write a model that never saw the data).
     *
     * @param leftOut what was left out of {@code count}, for the message ("" when nothing was)
     */
    private void requireEnoughTrainingImages(String dataset, int count, String leftOut) {
        String readable = leftOut.isEmpty() ? "" : " that can be read";
        if (count < 2) {
            throw new InputException(dataset + ": " + count + " training images" + readable
                    + "; training needs at least 2 (check the split)" + leftOut);
        }
        if (config.batchSize() > count) {
            throw new InputException("batch size " + config.batchSize() + " is larger than the " + count
                    + " training images of " + dataset + readable + ": use --batch " + count + " or less" + leftOut);
        }
    }

    /**
     * The image inputs of the training and validation images that could be read, the images that could not, and
     * the standardisation of backbone features (null for pixels).
     */
    private record PreparedImages(ImageInputs train, ImageInputs validation, List<UnreadableImage> unreadable,
                                  FeatureStandardization standardization) {
    }

    /** Decoded pixels, kept in memory. */
    private PreparedImages pixels(Dataset dataset, List<CocoImage> trainRows, List<CocoImage> validationRows) {
        ImagePreprocessor preprocessor = new ImagePreprocessor(request.preset().preprocessing());
        PixelInputs train = PixelInputs.load(dataset, trainRows, preprocessor, progress);
        PixelInputs validation = PixelInputs.load(dataset, validationRows, preprocessor, progress);
        return new PreparedImages(train, validation, concat(train.unreadable(), validation.unreadable()), null);
    }

    /**
     * Backbone features from the cache, standardised with {@code standardization} (a resumed run's) or with one
     * measured on the training features when a new run starts. The mirrored features (augmentation) are computed
     * for the training images that decoded a moment before; one that no longer does stops the run.
     */
    private PreparedImages features(PretrainedBackbone backbone, Dataset dataset, List<CocoImage> trainRows,
                                    List<CocoImage> validationRows, FeatureStandardization standardization,
                                    int epochsDone) {
        FeatureCache cache = new FeatureCache(FeatureCache.defaultDir());
        FeatureCache.Features train = cache.features(backbone, dataset, trainRows, false, progress);
        FeatureStandardization s = standardization == null && epochsDone == 0
                ? FeatureStandardization.of(train.rows()) : standardization;
        UnaryOperator<float[][]> prepare = f -> s == null ? f : s.apply(f);
        float[][] mirrored = null;
        if (config.imageAugmentation()) {
            Set<Long> unreadable = new HashSet<>();
            train.unreadable().forEach(u -> unreadable.add(u.image().id()));
            FeatureCache.Features flipped = cache.features(backbone, dataset,
                    trainRows.stream().filter(i -> !unreadable.contains(i.id())).toList(), true, progress);
            if (!flipped.unreadable().isEmpty()) {
                UnreadableImage changed = flipped.unreadable().get(0);
                throw new InputException(dataset.imagePath(changed.image()) + ": " + changed.reason()
                        + " (it could be read a moment ago: check what is changing the images folder, then train again)");
            }
            mirrored = prepare.apply(flipped.rows());
        }
        FeatureCache.Features validation = cache.features(backbone, dataset, validationRows, false, progress);
        return new PreparedImages(new FeatureInputs(prepare.apply(train.rows()), mirrored),
                new FeatureInputs(prepare.apply(validation.rows()), null),
                concat(train.unreadable(), validation.unreadable()), s);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** How far the running epoch got: what a checkpoint written on cancel records. */
    private static final class EpochProgress {
        int batches;
        double lossSum;
    }

    private final EpochProgress epochProgress = new EpochProgress();

    /**
     * Runs epoch {@code epoch} from batch {@code firstBatch} ({@code lossSum} so far). Dropout draws from ND4J's
     * generator seeded per (seed, epoch, batch), and batches are built from the same triple, so a run resumed at any
     * batch continues exactly as an uninterrupted one.
     */
    private EpochReport runEpoch(ComputationGraph graph, Batches batches, int epoch, int firstBatch, double lossSum,
                                 Validation validation, List<EpochReport> history) {
        double lr = config.learningRate(epoch);
        LossWeights weights = config.weights(epoch);
        // the per-layer learning-rate schedules are keyed by the graph's epoch count
        graph.getConfiguration().setEpochCount(epoch);
        DualPathGraphs.instanceLoss(graph).setWeights(weights.image(), weights.text());
        DualPathGraphs.rankingLoss(graph).setWeight(weights.ranking());

        long start = System.nanoTime();
        int[] order = batches.shuffledRows(epoch);
        int count = order.length / config.batchSize();
        epochProgress.batches = firstBatch;
        epochProgress.lossSum = lossSum;
        CompletableFuture<MultiDataSet> next = batches.prepare(order, Math.min(firstBatch, count - 1), epoch);
        for (int b = firstBatch; b < count; b++) {
            MultiDataSet batch = next.join();
            if (b + 1 < count) {
                next = batches.prepare(order, b + 1, epoch);
            }
            progress.checkCancelled();
            Nd4j.getRandom().setSeed((config.seed() * 1_000_003L + epoch) * 1_000_003L + b);
            graph.fit(batch);
            epochProgress.lossSum += graph.score();
            epochProgress.batches = b + 1;
            listener.onBatch(epoch + 1, b + 1, count, epochProgress.lossSum / (b + 1));
        }
        lossSum = epochProgress.lossSum;
        int run = Math.max(1, count - firstBatch);
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> recall = validation.recall(graph);
        double secondsSoFar = seconds + history.stream().mapToDouble(EpochReport::seconds).sum();
        int epochsRun = history.size() + 1;
        double eta = secondsSoFar / epochsRun * (config.totalEpochs() - epoch - 1);
        return new EpochReport(epoch + 1, config.totalEpochs(), config.stageOf(epoch), lr, lossSum / count,
                run * config.batchSize() / seconds, seconds, eta, recall);
    }

    /**
     * The updater of a layer: the configured optimiser with a per-epoch learning-rate schedule, the base rate of
     * each epoch times the layer's multiplier (the word embedding's, or the in-network image CNN's of the stage).
     */
    private IUpdater updaterOf(String layer) {
        Map<Integer, Double> rates = new HashMap<>();
        for (int epoch = 0; epoch < config.totalEpochs(); epoch++) {
            double multiplier = 1;
            if (layer.equals(DualPathGraphs.WORD_EMBEDDING)) {
                multiplier = config.wordEmbeddingLrMultiplier();
            } else if (layer.startsWith(DualPathGraphs.IMAGE_CNN_PREFIX)) {
                multiplier = config.stageOf(epoch) == 1 ? config.imageCnnStage1LrMultiplier() : config.imageCnnStage2LrMultiplier();
            }
            rates.put(epoch, config.learningRate(epoch) * multiplier);
        }
        ISchedule schedule = new MapSchedule(ScheduleType.EPOCH, rates);
        return config.optimizer() == TrainingConfig.Optimizer.ADAM ? new Adam(schedule) : new Nesterovs(schedule, 0.9);
    }

    /**
     * The pretrained backbone: MobileNet from a full Keras .h5 (required: {@link TrainingCheck}); ResNet-50 from the DL4J zoo zip, which
     * is downloaded into the cache folder when no file is given.
     */
    private PretrainedBackbone loadBackbone(Backbone kind, Path weights) {
        if (kind == Backbone.MOBILENET) {
            listener.onMessage("importing " + weights);
            return PretrainedBackbone.mobilenet(weights);
        }
        Path zip = weights;
        if (zip == null) {
            listener.onMessage("downloading " + PretrainedWeights.RESNET50_DL4J.uri());
            zip = PretrainedWeights.RESNET50_DL4J.download(new Download(),
                    FeatureCache.defaultDir().resolveSibling("weights"), progress);
        }
        return PretrainedBackbone.resnet50(zip);
    }

    /**
     * What every model file of a run holds; only the training position differs between its checkpoints and the
     * final model. {@code used} is the dataset without the images left out, whose split the model records.
     */
    private record RunOutput(NetworkConfig network, ModelBundle.ImageSettings image, Vocabulary vocabulary,
                             ComputationGraph graph, ComputationGraph backboneGraph,
                             FeatureStandardization standardization, Dataset used, Split validationSplit,
                             List<EpochReport> history, RunProvenance provenance) {
    }

    private ModelBundle bundle(RunOutput o, int epochsDone, int batchesDone, double lossSum) {
        Preset preset = request.preset();
        ObjectNode training = JSON.createObjectNode();
        training.put("preset", preset.name());
        training.set("config", JSON.valueToTree(config));
        training.put("epochsDone", epochsDone);
        // a run stopped inside an epoch continues at its next batch
        training.put("batchesDone", batchesDone);
        training.put("lossSum", lossSum);
        training.set("history", JSON.valueToTree(o.history()));
        training.put("dataset", o.used().name());
        JsonNode metrics = o.history().isEmpty() ? null : JSON.valueToTree(Map.of(
                "split", o.validationSplit().id(),
                "epoch", o.history().get(o.history().size() - 1).epoch(),
                "recall", o.history().get(o.history().size() - 1).validation()));
        return ModelBundle.training(preset.name(), o.network(), o.image(), o.vocabulary(), o.used().splitRecord(),
                metrics, training, o.graph(), o.backboneGraph(), o.standardization())
                .withProvenance(o.provenance().now());
    }

    /** Encoded captions of each row: all of them, or the first {@code limit} by caption id. */
    static int[][][] tokens(Dataset dataset, List<CocoImage> rows, Vocabulary vocabulary, int limit) {
        int[][][] out = new int[rows.size()][][];
        for (int i = 0; i < rows.size(); i++) {
            out[i] = dataset.captions(rows.get(i).id()).stream()
                    .sorted(java.util.Comparator.comparingLong(CocoCaption::id))
                    .limit(limit)
                    .map(c -> vocabulary.encode(c.caption()))
                    .toArray(int[][]::new);
        }
        return out;
    }

    /** Builds training batches, the next one on a background thread while the current one trains. */
    private static final class Batches implements AutoCloseable {
        private final ImageInputs inputs;
        private final int[][][] tokens;
        private final NetworkConfig network;
        private final TrainingConfig config;
        private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "batch-builder");
            t.setDaemon(true);
            return t;
        });

        Batches(ImageInputs inputs, int[][][] tokens, NetworkConfig network, TrainingConfig config) {
            this.inputs = inputs;
            this.tokens = tokens;
            this.network = network;
            this.config = config;
        }

        int[] shuffledRows(int epoch) {
            int[] rows = new int[inputs.size()];
            Arrays.setAll(rows, i -> i);
            Random random = new Random(config.seed() * 1_000_003L + epoch);
            for (int i = rows.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = rows[i];
                rows[i] = rows[j];
                rows[j] = t;
            }
            return rows;
        }

        CompletableFuture<MultiDataSet> prepare(int[] order, int batch, int epoch) {
            int[] rows = Arrays.copyOfRange(order, batch * config.batchSize(), (batch + 1) * config.batchSize());
            Random random = new Random((config.seed() * 31 + epoch) * 1_000_003L + batch);
            return CompletableFuture.supplyAsync(() -> build(rows, random), executor);
        }

        private MultiDataSet build(int[] rows, Random random) {
            int n = rows.length;
            long[] shape = inputs.shape();
            int perImage = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
            float[] pixels = new float[n * perImage];
            float[] words = new float[n * network.seqLength()];
            INDArray labels = Nd4j.zeros(DataType.FLOAT, 2L * n, network.numInstances());
            for (int i = 0; i < n; i++) {
                int row = rows[i];
                float[] image = config.imageAugmentation() ? inputs.training(row, random) : inputs.evaluation(row);
                System.arraycopy(image, 0, pixels, i * perImage, perImage);
                int[][] captions = tokens[row];
                int[] caption = captions.length == 0 ? new int[0] : captions[random.nextInt(captions.length)];
                int[] placed = config.positionShift()
                        ? Vocabulary.placeRandomly(caption, network.seqLength(), random)
                        : Vocabulary.place(caption, 0, network.seqLength());
                for (int t = 0; t < placed.length; t++) {
                    words[i * network.seqLength() + t] = placed[t];
                }
                labels.putScalar(i, row, 1);
                labels.putScalar(n + i, row, 1);
            }
            long[] batchShape = new long[shape.length + 1];
            batchShape[0] = n;
            System.arraycopy(shape, 0, batchShape, 1, shape.length);
            return new MultiDataSet(
                    new INDArray[]{Nd4j.create(pixels, batchShape), Nd4j.create(words, new long[]{n, network.seqLength()})},
                    new INDArray[]{labels, Nd4j.zeros(DataType.FLOAT, 2L * n, network.embeddingDim())});
        }

        @Override
        public void close() {
            executor.shutdownNow();
        }
    }
}
