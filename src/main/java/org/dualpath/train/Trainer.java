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
import org.dualpath.data.image.ImagePreprocessor;
import org.dualpath.common.Download;
import org.dualpath.model.Backbone;
import org.dualpath.model.DualPathGraphs;
import org.dualpath.model.FeatureStandardization;
import org.dualpath.model.PretrainedBackbone;
import org.dualpath.model.PretrainedWeights;
import org.dualpath.model.ModelBundle;
import org.dualpath.model.ModelProvenance;
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
import java.util.List;
import java.util.Map;
import java.util.Random;
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
     */
    public record Request(Dataset dataset, DatasetSource source, Preset preset, Path wordVectors, Path backboneWeights,
                          Path out, boolean resume, boolean force) {
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

    /** Runs the training and returns the written inference bundle. */
    public ModelBundle run() {
        Instant runStart = Instant.now();
        Dataset dataset = request.dataset();
        Preset preset = request.preset();
        TrainingCheck.settings(request, advice);
        List<CocoImage> trainRows = dataset.images(Split.TRAIN);
        Split validationSplit = dataset.images(Split.VAL).isEmpty() ? Split.TEST : Split.VAL;
        List<CocoImage> validationRows = dataset.images(validationSplit);
        Path checkpoint = checkpointOf(request.out());
        if (request.resume() && !Files.exists(checkpoint)) {
            listener.onMessage("no checkpoint at " + checkpoint + " to resume: starting a new run");
        } else if (!request.resume() && Files.exists(checkpoint)) {
            listener.onMessage("replacing the checkpoint of an earlier run at " + checkpoint
                    + " (give --resume to continue that run instead)");
        }

        ComputationGraph graph;
        NetworkConfig network;
        Vocabulary vocabulary;
        PretrainedBackbone backbone = null;
        FeatureStandardization standardization = null;
        int epochsDone = 0;
        int batchesDone = 0;
        double lossSoFar = 0;
        List<EpochReport> history = new ArrayList<>();
        ModelProvenance resumedProvenance = null;
        if (request.resume() && Files.exists(checkpoint)) {
            ModelBundle resumed = ModelBundle.read(checkpoint);
            resumedProvenance = resumed.provenance();
            if (resumed.trainingGraph() == null || resumed.network().numInstances() != trainRows.size()) {
                throw new InputException(checkpoint + ": checkpoint does not match this dataset ("
                        + resumed.network().numInstances() + " training images, dataset has " + trainRows.size()
                        + "); delete it or train without --resume");
            }
            graph = resumed.trainingGraph();
            network = resumed.network();
            standardization = resumed.standardization();
            vocabulary = resumed.vocabulary();
            if (resumed.backbone() != null) {
                backbone = PretrainedBackbone.restore(resumed.image().backbone(), resumed.backbone());
            }
            epochsDone = resumed.training().path("epochsDone").asInt();
            batchesDone = resumed.training().path("batchesDone").asInt(0);
            lossSoFar = resumed.training().path("lossSum").asDouble(0);
            for (JsonNode r : resumed.training().path("history")) {
                history.add(JSON.convertValue(r, EpochReport.class));
            }
            listener.onMessage("resuming from " + checkpoint + " after epoch " + epochsDone
                    + (batchesDone > 0 ? ", batch " + batchesDone : ""));
        } else {
            if (preset.backbone().pretrained()) {
                backbone = loadBackbone(preset.backbone(), request.backboneWeights());
            }
            listener.onMessage(request.wordVectors() == null ? "training word2vec on the training captions"
                    : "reading word vectors from " + request.wordVectors());
            List<String> captions = new ArrayList<>();
            for (CocoImage image : trainRows) {
                dataset.captions(image.id()).forEach(c -> captions.add(c.caption()));
            }
            TextSetup text = TextSetup.build(captions, request.wordVectors(), preset.vocabularyMinCount(),
                    preset.keepWordsWithoutVector(),
                    preset.word2vecDim(), config.seed(), progress);
            vocabulary = text.vocabulary();
            network = preset.networkFor(vocabulary.size(), text.embedding().dimension(), trainRows.size(),
                    backbone == null ? 0 : backbone.featureDim());
            INDArray wordVectors = Nd4j.create(text.embedding().toArray());
            graph = DualPathGraphs.training(network, wordVectors, DataType.FLOAT, this::updaterOf, config.weightDecay());
        }
        OutputCheck.space(request.out(), OutputCheck.checkpointBytes(graph.numParams()), 0, advice);
        RunProvenance provenance = new RunProvenance(request, runStart, resumedProvenance);
        listener.onMessage("preparing " + trainRows.size() + " training and " + validationRows.size() + " "
                + validationSplit.id() + " images");
        ImageInputs trainInputs;
        ImageInputs validationInputs;
        if (backbone == null) {
            ImagePreprocessor preprocessor = new ImagePreprocessor(preset.preprocessing());
            trainInputs = PixelInputs.load(dataset, trainRows, preprocessor, progress);
            validationInputs = PixelInputs.load(dataset, validationRows, preprocessor, progress);
        } else {
            FeatureCache cache = new FeatureCache(FeatureCache.defaultDir());
            float[][] trainFeatures = cache.features(backbone, dataset, trainRows, false, progress);
            if (standardization == null && epochsDone == 0) {
                standardization = FeatureStandardization.of(trainFeatures);
            }
            FeatureStandardization s = standardization;
            UnaryOperator<float[][]> prepare = f -> s == null ? f : s.apply(f);
            trainInputs = new FeatureInputs(prepare.apply(trainFeatures), config.imageAugmentation()
                    ? prepare.apply(cache.features(backbone, dataset, trainRows, true, progress)) : null);
            validationInputs = new FeatureInputs(prepare.apply(cache.features(backbone, dataset, validationRows, false,
                    progress)), null);
        }
        int[][][] trainTokens = tokens(dataset, trainRows, vocabulary, Integer.MAX_VALUE);
        Validation validation = new Validation(network, validationInputs,
                tokens(dataset, validationRows, vocabulary, 5), network.seqLength());

        ModelBundle.ImageSettings imageSettings = new ModelBundle.ImageSettings(preset.backbone(),
                backbone == null ? preset.preprocessing() : backbone.preprocessing());
        ComputationGraph backboneGraph = backbone == null ? null : backbone.graph();
        int epoch = epochsDone;
        try (Batches batches = new Batches(trainInputs, trainTokens, network, config)) {
            for (; epoch < config.totalEpochs(); epoch++) {
                EpochReport report = runEpoch(graph, batches, epoch, batchesDone, lossSoFar, validation, history);
                batchesDone = 0;
                lossSoFar = 0;
                history.add(report);
                listener.onEpoch(report);
                bundle(preset, network, imageSettings, vocabulary, graph, backboneGraph, standardization, epoch + 1, 0, 0,
                        history, provenance).write(checkpoint);
                listener.onCheckpoint(epoch + 1, checkpoint);
            }
        } catch (CancellationException e) {
            // keep what the unfinished epoch learnt; a resumed run repeats that epoch
            bundle(preset, network, imageSettings, vocabulary, graph, backboneGraph, standardization, epoch,
                    epochProgress.batches, epochProgress.lossSum, history, provenance).write(checkpoint);
            listener.onMessage("stopped: progress saved in " + checkpoint + "; continue with --resume");
            throw e;
        }
        ModelBundle finalBundle = bundle(preset, network, imageSettings, vocabulary, graph, backboneGraph, standardization,
                config.totalEpochs(), 0, 0, history, provenance)
                .toInference();
        finalBundle.write(request.out());
        listener.onMessage("wrote " + request.out());
        return finalBundle;
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

    private ModelBundle bundle(Preset preset, NetworkConfig network, ModelBundle.ImageSettings image,
                               Vocabulary vocabulary, ComputationGraph graph, ComputationGraph backboneGraph,
                               FeatureStandardization standardization, int epochsDone, int batchesDone,
                               double lossSum, List<EpochReport> history, RunProvenance provenance) {
        ObjectNode training = JSON.createObjectNode();
        training.put("preset", preset.name());
        training.set("config", JSON.valueToTree(config));
        training.put("epochsDone", epochsDone);
        // a run stopped inside an epoch continues at its next batch
        training.put("batchesDone", batchesDone);
        training.put("lossSum", lossSum);
        training.set("history", JSON.valueToTree(history));
        training.put("dataset", request.dataset().name());
        JsonNode metrics = history.isEmpty() ? null : JSON.valueToTree(Map.of(
                "split", request.dataset().images(Split.VAL).isEmpty() ? Split.TEST.id() : Split.VAL.id(),
                "epoch", history.get(history.size() - 1).epoch(),
                "recall", history.get(history.size() - 1).validation()));
        return ModelBundle.training(preset.name(), network, image, vocabulary, request.dataset().splitRecord(),
                metrics, training, graph, backboneGraph, standardization).withProvenance(provenance.now());
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
