package org.dualpath.app.viewmodel;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.dualpath.common.InputException;
import org.dualpath.common.Progress;
import org.dualpath.common.Texts;
import org.dualpath.data.Dataset;
import org.dualpath.data.DatasetSource;
import org.dualpath.data.SplitSpec;
import org.dualpath.train.EpochCheckpoints;
import org.dualpath.train.EpochReport;
import org.dualpath.train.Preset;
import org.dualpath.train.Trainer;
import org.dualpath.train.TrainingAdvice;
import org.dualpath.train.TrainingCheck;
import org.dualpath.train.TrainingListener;
import org.dualpath.train.TrainingOverrides;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The Train tab: the settings of a training run (the open dataset or chosen files, a preset, word vectors, backbone
 * weights, the output model, overrides), checked before the run starts by the same {@link TrainingCheck} as
 * {@code dualpath train}, the run aside from the explorer's other jobs with its loss per step, validation recall
 * per epoch, speed and ETA, cancel (the trainer saves a checkpoint first) and resume, and the new model opened in
 * the explorer when the run ends.
 *
 * <p>States: {@code IDLE → CHECKING → RUNNING → FINISHED | CANCELLED | FAILED}, or {@code CHECKING → REFUSED} when
 * a setting must change (nothing is written then). {@link #start} and {@link #resume} begin again from any state
 * but {@code CHECKING} and {@code RUNNING}; resume needs the checkpoint beside the output model.
 */
public final class TrainViewModel {
    /** Where a run is. */
    public enum State { IDLE, CHECKING, REFUSED, RUNNING, CANCELLED, FINISHED, FAILED }

    /** One point of the loss chart: the mean loss of the steps since the point before, at step {@code step}. */
    public record LossPoint(long step, double loss) {
    }

    /** Trainer messages kept for the tab's log. */
    static final int LOG_LINES = 200;

    /** The Train tab's controls, as the checks name them in their refusals. */
    static final TrainingAdvice ADVICE = new TrainingAdvice("the output model",
            example -> "choose a model file name such as " + example + " as the output model",
            "tick 'Replace a finished model' to replace it, press Resume to continue its run, or choose another "
                    + "output model", "choose another output model", "choose a word-vector file",
            "choose the backbone weights file", n -> "set Batch to " + n + " or less");

    private final BackgroundJobs jobs;
    private final ReadOnlyObjectProperty<OpenDataset> openDataset;
    private final Supplier<SessionSpec> openFiles;
    private final Consumer<Path> openModel;
    private final LongSupplier clock;

    private final ObjectProperty<SessionSpec> datasetFiles = new SimpleObjectProperty<>();
    private final List<Preset> presets = Preset.all();
    private final ObjectProperty<Preset> preset = new SimpleObjectProperty<>(presets.get(0));
    private final ObjectProperty<Path> vectors = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> backboneWeights = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> output = new SimpleObjectProperty<>();
    private final StringProperty stage1Epochs = new SimpleStringProperty("");
    private final StringProperty stage2Epochs = new SimpleStringProperty("");
    private final StringProperty batch = new SimpleStringProperty("");
    private final StringProperty learningRate = new SimpleStringProperty("");
    private final StringProperty seed = new SimpleStringProperty("");
    private final StringProperty threads = new SimpleStringProperty("");
    private final BooleanProperty replace = new SimpleBooleanProperty(false);
    private final BooleanProperty keepCheckpoints = new SimpleBooleanProperty(false);

    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.IDLE);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("choose the settings and press Start");
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper resumable = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<LossPoint> loss = FXCollections.observableArrayList();
    private final LossCurve lossCurve = new LossCurve(loss);
    private final ObservableList<EpochReport> epochs = FXCollections.observableArrayList();
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private Path suggestedOutput;
    private AtomicBoolean stop = new AtomicBoolean();
    private StepLoss stepLoss = new StepLoss();

    /**
     * @param openDataset the explorer's dataset, trained on unless other files are chosen
     * @param openFiles   the files the open dataset was loaded from
     * @param openModel   opens a model file in the explorer (File > Open model's path)
     */
    TrainViewModel(BackgroundJobs jobs, ReadOnlyObjectProperty<OpenDataset> openDataset, Supplier<SessionSpec> openFiles,
                   Consumer<Path> openModel) {
        this(jobs, openDataset, openFiles, openModel, System::nanoTime);
    }

    /** As the other constructor, with speed and ETA timed by {@code clock} (nanoseconds). */
    TrainViewModel(BackgroundJobs jobs, ReadOnlyObjectProperty<OpenDataset> openDataset, Supplier<SessionSpec> openFiles,
                   Consumer<Path> openModel, LongSupplier clock) {
        this.jobs = jobs;
        this.openDataset = openDataset;
        this.openFiles = openFiles;
        this.openModel = openModel;
        this.clock = clock;
        openDataset.addListener((obs, old, open) -> suggestOutput());
        datasetFiles.addListener((obs, old, files) -> suggestOutput());
        preset.addListener((obs, old, p) -> suggestOutput());
        output.addListener((obs, old, file) -> refreshResumable());
        suggestOutput();
    }

    /** Checks the settings and, when they pass, trains a new run in the background. */
    public void start() {
        begin(false);
    }

    /** Continues the run whose checkpoint is beside the output model (after Cancel, a failure or a restart). */
    public void resume() {
        if (busy.get()) {
            return;
        }
        if (!resumable.get()) {
            message.set("nothing to resume: no checkpoint beside the output model");
            return;
        }
        begin(true);
    }

    /** Stops the run after its current step; the trainer saves a checkpoint that {@link #resume} continues. */
    public void cancel() {
        if (busy.get()) {
            stop.set(true);
            message.set("stopping after this step and saving a checkpoint…");
        }
    }

    private void begin(boolean resume) {
        if (busy.get()) {
            return;
        }
        RunSettings settings;
        try {
            settings = settings(resume);
        } catch (InputException e) {
            refuse(e.getMessage());
            return;
        }
        if (!resume) {
            stepLoss = new StepLoss();
            lossCurve.clear();
            epochs.clear();
            log.clear();
        }
        AtomicBoolean mine = new AtomicBoolean();
        stop = mine;
        AtomicBoolean checked = new AtomicBoolean();
        busy.set(true);
        refreshResumable();
        state.set(State.CHECKING);
        message.set("checking the settings…");
        progressText.set("");
        jobs.runAside("Training", p -> train(settings, checked, mine, p), this::finished, error -> ended(error, checked.get()));
    }

    /** The settings as they are now; a value that is not a number is refused here, naming its field. */
    private RunSettings settings(boolean resume) {
        Path out = output.get();
        if (out == null) {
            throw new InputException("no output model: choose where to write the model (Output model…)");
        }
        SessionSpec files = datasetFiles.get();
        OpenDataset open = openDataset.get();
        if (files == null && open == null) {
            throw new InputException("no dataset: open one (File > Open dataset) or choose its files here");
        }
        Preset chosen = preset.get();
        TrainingOverrides overrides = new TrainingOverrides(whole("Stage I epochs", stage1Epochs, Integer::valueOf),
                whole("Stage II epochs", stage2Epochs, Integer::valueOf), whole("Batch", batch, Integer::valueOf),
                number("Learning rate", learningRate), whole("Seed", seed, Long::valueOf),
                whole("Threads", threads, Integer::valueOf));
        return new RunSettings(files, files == null ? open.dataset() : null, files == null ? openFiles.get() : files,
                overrides.applyTo(chosen), overrides, vectors.get(), chosen.backbone().pretrained() ? backboneWeights.get() : null, out, resume, replace.get(),
                keepCheckpoints.get());
    }

    /** What one run trains on and with, read on the JavaFX thread before the run starts. */
    private record RunSettings(SessionSpec chosenFiles, Dataset openDataset, SessionSpec files, Preset preset,
                               TrainingOverrides overrides, Path vectors, Path backboneWeights, Path out,
                               boolean resume, boolean replace, boolean keepCheckpoints) {
    }

    /** On the training thread: the dataset, the checks, then the run; returns the model file written. */
    private Path train(RunSettings s, AtomicBoolean checked, AtomicBoolean stopFlag, Progress jobProgress) {
        Progress progress = Progress.cancellable(jobProgress, stopFlag);
        DatasetSource source = new DatasetSource(s.files().captions(), s.files().images(), s.files().instances(),
                s.files().split(), SplitSpec.DEFAULT_SEED, null, null);
        Dataset dataset = s.openDataset() != null ? s.openDataset() : source.load(progress);
        Trainer.Request request = new Trainer.Request(dataset, source, s.preset(), s.vectors(), s.backboneWeights(),
                s.out(), s.resume(), s.replace(), false);
        TrainingCheck.beforeRun(request, s.keepCheckpoints(), ADVICE);
        checked.set(true);
        progress.checkCancelled();
        jobs.deliver(() -> {
            state.set(State.RUNNING);
            message.set((s.resume() ? "resuming " : "training ") + s.preset().name() + " on " + dataset.name());
        });
        TrainingListener listener = new ChartListener(s.preset().training().totalEpochs(),
                s.preset().training().batchSize(), stepLoss);
        int threadsBefore = s.overrides().applyThreads();
        try {
            new Trainer(request, s.keepCheckpoints() ? EpochCheckpoints.keeping(s.out(), listener) : listener,
                    progress, ADVICE).run();
        } finally {
            TrainingOverrides.setThreads(threadsBefore);
        }
        return s.out();
    }

    private void finished(Path model) {
        busy.set(false);
        state.set(State.FINISHED);
        message.set("wrote " + model + "; opening it in the explorer");
        refreshResumable();
        openModel.accept(model);
    }

    private void ended(Throwable error, boolean checked) {
        busy.set(false);
        refreshResumable();
        if (error instanceof CancellationException) {
            state.set(State.CANCELLED);
            message.set(checked && resumable.get() ? "stopped: progress saved in " + Trainer.checkpointOf(output.get())
                    + "; Resume continues the run" : "stopped before the first step; nothing was written");
        } else if (error instanceof InputException && !checked) {
            refuse(error.getMessage());
        } else {
            state.set(State.FAILED);
            message.set("training failed: " + BackgroundJobs.describe(error)
                    + (resumable.get() ? "; Resume continues from the last checkpoint" : ""));
        }
    }

    private void refuse(String reason) {
        state.set(State.REFUSED);
        message.set(reason);
    }

    private void refreshResumable() {
        Path out = output.get();
        resumable.set(!busy.get() && out != null && Files.isRegularFile(Trainer.checkpointOf(out)));
    }

    /**
     * A model file beside the dataset's captions named after the dataset and preset, until the user chooses one:
     * training needs an output, and this one is where the data is.
     */
    private void suggestOutput() {
        if (output.get() != null && !output.get().equals(suggestedOutput)) {
            return;
        }
        SessionSpec files = datasetFiles.get() != null ? datasetFiles.get() : openFiles.get();
        if (files == null || files.captions() == null || preset.get() == null) {
            return;
        }
        String name = datasetFiles.get() == null && openDataset.get() != null ? openDataset.get().dataset().name()
                : files.captions().getFileName().toString().replaceFirst("(?i)\\.json$", "");
        suggestedOutput = files.captions().toAbsolutePath().resolveSibling(name + "-" + preset.get().name() + ".zip");
        output.set(suggestedOutput);
    }

    /** A whole number typed in {@code field}, or null when it is empty (the preset's value). */
    private static <T> T whole(String field, StringProperty text, Function<String, T> parse) {
        return typed(field, text, parse, "a whole number");
    }

    /** A positive number typed in {@code field}, or null when it is empty. */
    private static Double number(String field, StringProperty text) {
        Double value = typed(field, text, Double::valueOf, "a number");
        if (value != null && !(value > 0 && Double.isFinite(value))) {
            throw new InputException(field + ": " + value + " is not a positive number; type one such as 0.001");
        }
        return value;
    }

    private static <T> T typed(String field, StringProperty text, Function<String, T> parse, String kind) {
        String typed = text.get() == null ? "" : text.get().strip();
        if (typed.isEmpty()) {
            return null;
        }
        try {
            return parse.apply(typed);
        } catch (NumberFormatException e) {
            throw new InputException(field + ": '" + Texts.quote(typed) + "' is not " + kind + "; type one, "
                    + "or leave the field empty for the preset's value");
        }
    }

    /**
     * Turns the trainer's events on the training thread into chart points, speed and ETA, handed to the JavaFX
     * thread in batches: a delivery is asked for only when none is pending, so fast steps cannot flood it.
     */
    private final class ChartListener implements TrainingListener {
        private final int totalEpochs;
        private final int batchSize;
        private final ConcurrentLinkedQueue<Runnable> pending = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean delivering = new AtomicBoolean();
        private final StepLoss stepLoss;
        private long firstStep = -1;
        private long firstNanos;

        ChartListener(int totalEpochs, int batchSize, StepLoss stepLoss) {
            this.totalEpochs = totalEpochs;
            this.batchSize = batchSize;
            this.stepLoss = stepLoss;
        }

        @Override
        public void onBatch(int epoch, int batchNo, int batches, double meanLoss) {
            long now = clock.getAsLong();
            long step = (long) (epoch - 1) * batches + batchNo;
            Double ownLoss = stepLoss.next(epoch, batchNo, meanLoss);
            if (firstStep < 0) {
                firstStep = step;
                firstNanos = now;
            }
            long totalSteps = (long) batches * totalEpochs;
            String text = String.format(Locale.ROOT, "epoch %d/%d · batch %d/%d · loss %.4f", epoch, totalEpochs,
                    batchNo, batches, meanLoss) + speedAndEta(step, totalSteps, now);
            post(() -> {
                if (ownLoss != null) {
                    lossCurve.add(step, ownLoss);
                }
                progressText.set(text);
                progress.set((double) step / totalSteps);
            });
        }

        /** Samples per second and the time left, from the steps since this run's first one (validation included). */
        private String speedAndEta(long step, long totalSteps, long now) {
            double seconds = (now - firstNanos) / 1e9;
            long steps = step - firstStep;
            if (steps <= 0 || seconds <= 0) {
                return "";
            }
            double stepsPerSecond = steps / seconds;
            return String.format(Locale.ROOT, " · %.0f samples/s · ETA %s", stepsPerSecond * batchSize,
                    duration((totalSteps - step) / stepsPerSecond));
        }

        @Override
        public void onEpoch(EpochReport report) {
            post(() -> epochs.add(report));
        }

        @Override
        public void onMessage(String text) {
            post(() -> {
                log.add(text);
                if (log.size() > LOG_LINES) {
                    log.remove(0, log.size() - LOG_LINES);
                }
            });
        }

        private void post(Runnable update) {
            pending.add(update);
            if (delivering.compareAndSet(false, true)) {
                jobs.deliver(() -> {
                    delivering.set(false);
                    for (Runnable r = pending.poll(); r != null; r = pending.poll()) {
                        r.run();
                    }
                });
            }
        }
    }

    /**
     * A step's own loss from the running means of its epoch that the trainer reports: the difference of two sums.
     * Kept across a resume in this session, so the step after the checkpoint has the one before it; a step whose
     * predecessor was not seen (a run resumed after a restart) has none.
     */
    static final class StepLoss {
        private int epoch;
        private int batch;
        private double mean;

        Double next(int epochNo, int batchNo, double runningMean) {
            Double own = batchNo == 1 ? Double.valueOf(runningMean)
                    : epochNo == epoch && batchNo == batch + 1 ? runningMean * batchNo - mean * batch : null;
            epoch = epochNo;
            batch = batchNo;
            mean = runningMean;
            return own;
        }
    }

    /** {@code seconds} as "3 h 05 min", "4 min 10 s" or "12 s". */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60);
        }
        return s >= 60 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60) : s + " s";
    }

    /**
     * The loss of every step in fewer than {@link #MAX_POINTS} points (an even number): at that many, neighbouring
     * points merge into their mean and later points each cover twice the steps, so an hour-long run keeps its whole curve at a size the
     * chart draws smoothly.
     */
    static final class LossCurve {
        static final int MAX_POINTS = 1000;
        private final ObservableList<LossPoint> points;
        private int stepsPerPoint = 1;
        private double sum;
        private int count;

        LossCurve(ObservableList<LossPoint> points) {
            this.points = points;
        }

        void add(long step, double stepLoss) {
            sum += stepLoss;
            count++;
            if (count < stepsPerPoint) {
                return;
            }
            points.add(new LossPoint(step, sum / count));
            sum = 0;
            count = 0;
            if (points.size() == MAX_POINTS) {
                List<LossPoint> merged = new ArrayList<>(MAX_POINTS / 2);
                for (int i = 0; i < MAX_POINTS; i += 2) {
                    merged.add(new LossPoint(points.get(i + 1).step(), (points.get(i).loss() + points.get(i + 1).loss()) / 2));
                }
                points.setAll(merged);
                stepsPerPoint *= 2;
            }
        }

        void clear() {
            points.clear();
            stepsPerPoint = 1;
            sum = 0;
            count = 0;
        }
    }

    /** The dataset's files when they are not the open dataset's; null trains on the open dataset. */
    public ObjectProperty<SessionSpec> datasetFilesProperty() {
        return datasetFiles;
    }

    /** The presets to choose from ({@link Preset#all}). */
    public List<Preset> presets() {
        return presets;
    }

    public ObjectProperty<Preset> presetProperty() {
        return preset;
    }

    /** The word-vector file; null trains word2vec on the training captions where the preset allows. */
    public ObjectProperty<Path> vectorsProperty() {
        return vectors;
    }

    /** The pretrained backbone's weights, for the presets whose backbone is pretrained. */
    public ObjectProperty<Path> backboneWeightsProperty() {
        return backboneWeights;
    }

    /** The model file the run writes (its checkpoint goes beside it); suggested beside the dataset until chosen. */
    public ObjectProperty<Path> outputProperty() {
        return output;
    }

    /** Overrides typed as text; empty keeps the preset's value. */
    public StringProperty stage1EpochsProperty() {
        return stage1Epochs;
    }

    public StringProperty stage2EpochsProperty() {
        return stage2Epochs;
    }

    public StringProperty batchProperty() {
        return batch;
    }

    public StringProperty learningRateProperty() {
        return learningRate;
    }

    public StringProperty seedProperty() {
        return seed;
    }

    public StringProperty threadsProperty() {
        return threads;
    }

    /** Replace a finished model at the output ({@code dualpath train --force}). */
    public BooleanProperty replaceProperty() {
        return replace;
    }

    /** Keep every epoch's checkpoint beside the model ({@code dualpath train --keep-checkpoints}). */
    public BooleanProperty keepCheckpointsProperty() {
        return keepCheckpoints;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** One line: what the run is doing, why it was refused or failed, or what it wrote. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Epoch, batch, loss, speed and ETA of the running step. */
    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    /** The steps done of the whole run, 0 to 1. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** True while a run is checked or trained: Start and Resume wait, Cancel works. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** True when a checkpoint is beside the output model and no run is busy with it. */
    public ReadOnlyBooleanProperty resumableProperty() {
        return resumable.getReadOnlyProperty();
    }

    /** The loss per step of this run (and of the runs it resumed in this session). */
    public ObservableList<LossPoint> loss() {
        return loss;
    }

    /** Each finished epoch with its validation recall. */
    public ObservableList<EpochReport> epochs() {
        return epochs;
    }

    /** The trainer's messages, the last {@value #LOG_LINES}. */
    public ObservableList<String> log() {
        return log;
    }
}
