package org.dualpath.app.viewmodel;

import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.dualpath.common.InputException;
import org.dualpath.common.Progress;
import org.dualpath.data.CocoDownloads;
import org.dualpath.data.DatasetLoader;
import org.dualpath.data.shapes.ShapesConfig;
import org.dualpath.data.shapes.ShapesGenerator;
import org.dualpath.model.DualPathModel;
import org.dualpath.projection.MapLayout;
import org.dualpath.projection.MapPoints;
import org.dualpath.projection.MapRegions;
import org.dualpath.projection.ParquetExport;
import org.dualpath.search.QueryService;
import org.dualpath.store.SkippedImage;

import java.awt.Desktop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The explorer's session: which dataset and model are open, the searcher built from them, the window title,
 * the status bar and the notifications. Opening runs as background jobs: dataset, then model (which also
 * starts ND4J), then the embeddings for search. Browsing works as soon as the dataset is loaded.
 */
public final class ExplorerViewModel {
    public static final String NO_MODEL = "no model: open one with File > Open model";

    private final AppSettings settings;
    private final Path embeddingsDir;
    private final ObservableList<Notice> notices = FXCollections.observableArrayList();
    private final BackgroundJobs jobs;
    private final ReadOnlyObjectWrapper<OpenDataset> dataset = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<DualPathModel> model = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<Path> modelFile = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<QueryService> searcher = new ReadOnlyObjectWrapper<>();
    private final Selection selection = new Selection();
    /** Empty until {@link #start} says what opens: "no model" only once no model is on its way. */
    private final ReadOnlyStringWrapper modelStatus = new ReadOnlyStringWrapper("");
    /** What is being opened or generated while no dataset is open yet (null: nothing). */
    private final ReadOnlyStringWrapper datasetPending = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper collection = new ReadOnlyStringWrapper();
    /** How the open model was trained, as lines below the status (empty without a model). */
    private final ReadOnlyStringWrapper modelProvenance = new ReadOnlyStringWrapper("");
    private List<String> provenanceLines = List.of();
    private final ReadOnlyStringWrapper modelPanel = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper();
    private final QueryViewModel query;
    private final GalleryViewModel gallery;
    private final DetailsViewModel details;
    private final MapViewModel map;
    private final EvaluateViewModel evaluation;
    private final CompareViewModel comparison;
    private final TrainViewModel training;
    private SessionSpec session;

    /**
     * A view-model keeping its settings in {@code settings}, search embeddings under {@code embeddingsDir} and map
     * layouts in the sibling folder {@code maps}.
     */
    public ExplorerViewModel(AppSettings settings, Path embeddingsDir) {
        this(settings, embeddingsDir, TaskRunner.javaFx(), Scheduler.fx());
    }

    /** As {@link #ExplorerViewModel(AppSettings, Path)}, with its background work run by {@code runner} and the typing debounce timed by {@code scheduler}. */
    public ExplorerViewModel(AppSettings settings, Path embeddingsDir, TaskRunner runner, Scheduler scheduler) {
        this.jobs = new BackgroundJobs(notices::add, runner);
        this.settings = settings;
        this.embeddingsDir = embeddingsDir;
        this.gallery = new GalleryViewModel(dataset.getReadOnlyProperty(), selection);
        this.query = new QueryViewModel(settings, jobs, dataset.getReadOnlyProperty(), searcher.getReadOnlyProperty(),
                gallery.filterProperty(), scheduler, notices::add);
        this.details = new DetailsViewModel(jobs, dataset.getReadOnlyProperty(), searcher.getReadOnlyProperty(), selection);
        this.map = new MapViewModel(jobs, dataset.getReadOnlyProperty(), searcher.getReadOnlyProperty(), query, gallery,
                selection, embeddingsDir.resolveSibling("maps"));
        this.evaluation = new EvaluateViewModel(jobs, dataset.getReadOnlyProperty(), searcher.getReadOnlyProperty(),
                gallery, query);
        this.comparison = new CompareViewModel(jobs, dataset.getReadOnlyProperty(), searcher.getReadOnlyProperty(),
                modelFile, gallery, query, embeddingsDir, () -> session.captions());
        this.training = new TrainViewModel(jobs, dataset.getReadOnlyProperty(), () -> session, this::openModel);
        title.bind(Bindings.createStringBinding(() -> "DualPath Explorer — "
                        + (dataset.get() == null ? "no dataset" : dataset.get().dataset().name()) + " · "
                        + (modelFile.get() == null ? "no model" : modelFile.get().getFileName()),
                dataset, modelFile));
        modelPanel.bind(Bindings.concat(modelStatus, modelProvenance));
        collection.bind(Bindings.createStringBinding(this::describeCollection, dataset, datasetPending));
    }

    private String describeCollection() {
        OpenDataset open = dataset.get();
        if (open == null) {
            return datasetPending.get() == null ? "no dataset" : datasetPending.get();
        }
        var d = open.dataset();
        return String.format(Locale.ROOT, "%s\n%,d images\n%,d captions\n%d categories\nsplit: %s",
                d.name(), d.images().size(), d.captionCount(), d.categories().size(), d.splitRecord().source());
    }

    /** While the dataset opens, the model panel names the model that follows it instead of saying there is none. */
    private void modelFollows(Path modelPath) {
        if (modelPath != null && model.get() == null) {
            modelStatus.set(modelPath.getFileName() + " opens once the dataset is loaded");
        }
    }

    /**
     * Opens what the command line names; without arguments the last session, or the demo when there is none
     * (or its files are gone).
     */
    public void start(List<String> args) {
        SessionSpec fromArgs;
        try {
            fromArgs = SessionSpec.parse(args);
        } catch (InputException e) {
            notify(Notice.Level.ERROR, "Command line", e.getMessage());
            fromArgs = null;
        }
        if (fromArgs != null && fromArgs.captions() != null) {
            openSession(fromArgs);
            return;
        }
        SessionSpec last = settings.lastSession();
        boolean lastUsable = last != null && last.captions() != null && Files.isRegularFile(last.captions());
        if (fromArgs != null) {
            if (lastUsable) {
                openSession(last.withModel(fromArgs.model()));
            } else {
                openDemo(fromArgs.model());
            }
        } else if (lastUsable) {
            // a demo session remembered from before a demo model was found gets the model now
            openSession(DemoAssets.isDemo(last) && last.model() == null
                    ? last.withModel(DemoAssets.model().orElse(null)) : last);
        } else {
            openDemo(DemoAssets.model().orElse(null));
        }
    }

    /** Opens the demo shapes dataset, generating it first when needed, with {@code modelPath} (may be null). */
    public void openDemo(Path modelPath) {
        Path dir = DemoAssets.datasetDir();
        if (DemoAssets.generated(dir)) {
            openSession(DemoAssets.session(dir, modelPath));
            return;
        }
        ShapesConfig config = ShapesConfig.defaults();
        if (dataset.get() == null) {
            datasetPending.set(String.format(Locale.ROOT, "generating the demo dataset (%,d images, once)…",
                    config.train() + config.test()));
        }
        modelFollows(modelPath);
        jobs.run("Generating the demo dataset", p -> generate(dir, config, p),
                ok -> openSession(DemoAssets.session(dir, modelPath)), failed -> {
                    datasetPending.set(null);
                    openModel(modelPath);
                });
    }

    /** Generates into a side folder first, so a cancelled run never leaves a half dataset where the demo looks. */
    private static Path generate(Path dir, ShapesConfig config, Progress progress) throws IOException {
        Path partial = dir.resolveSibling(dir.getFileName() + ".partial");
        deleteTree(partial);
        ShapesGenerator.generate(partial, config, progress);
        deleteTree(dir);
        Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
        return dir;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Loads a dataset and then, when given, a model. The current session stays until the new dataset is loaded. */
    public void openSession(SessionSpec spec) {
        if (spec.captions() == null) {
            openModel(spec.model());
            return;
        }
        if (dataset.get() == null) {
            datasetPending.set("loading " + spec.captions().getFileName() + "…");
        }
        modelFollows(spec.model());
        jobs.run("Loading dataset " + spec.captions().getFileName(), p -> {
            checkFolder(spec.images());
            return OpenDataset.of(DatasetLoader.of(spec.captions(), spec.images()).instances(existing(spec.instances()))
                    .splitFile(existing(spec.split())).name(DemoAssets.isDemo(spec) ? DemoAssets.NAME : null).load(p));
        }, loaded -> {
            session = spec.withModel(null);
            datasetPending.set(null);
            dataset.set(loaded);
            searcher.set(null);
            settings.saveSession(session.withModel(modelFile.get()));
            if (spec.model() != null) {
                openModel(spec.model());
            } else if (model.get() != null) {
                buildSearch();
            } else {
                noModel();
            }
        }, failed -> {
            // a dataset that cannot be opened says why (the notice), and the session's model still opens
            datasetPending.set(null);
            if (spec.model() != null && !spec.model().equals(modelFile.get())) {
                openModel(spec.model());
            } else if (model.get() == null) {
                noModel();
            }
        });
    }

    private static void checkFolder(Path images) {
        if (!Files.isDirectory(images)) {
            throw new InputException(images + ": not a folder; choose the folder holding the dataset's images");
        }
        if (!Files.isReadable(images)) {
            throw new InputException(images + ": the folder cannot be read; check its permissions");
        }
    }

    /** Optional files of a remembered session that were deleted since are left out rather than failing. */
    private static Path existing(Path file) {
        return file != null && Files.exists(file) ? file : null;
    }

    /** Loads a model (starting ND4J the first time) and builds the search embeddings for the open dataset. */
    public void openModel(Path file) {
        if (file == null) {
            noModel();
            return;
        }
        modelStatus.set("loading " + file.getFileName());
        jobs.run("Loading model " + file.getFileName(), p -> {
            p.update(0, 0, "starting ND4J and reading the model");
            return DualPathModel.load(file);
        }, loaded -> {
            model.set(loaded);
            modelFile.set(file);
            searcher.set(null);
            modelStatus.set(String.format(Locale.ROOT, "%s · %d-d · vocabulary %,d words",
                    file.getFileName(), loaded.dimension(), loaded.vocabulary().size() - 1));
            modelProvenance.set("\n" + String.join("\n", loaded.bundle().provenanceSummary()));
            provenanceLines = loaded.bundle().provenanceSummary();
            if (session != null) {
                settings.saveSession(session.withModel(file));
            }
            buildSearch();
        }, e -> modelStatus.set(model.get() == null ? NO_MODEL : modelStatus.get()));
    }

    private void buildSearch() {
        OpenDataset open = dataset.get();
        DualPathModel m = model.get();
        if (open == null || m == null) {
            return;
        }
        String before = modelStatus.get();
        modelStatus.set(before + " · embedding…");
        Path modelPath = modelFile.get();
        Path captions = session.captions();
        jobs.run("Embedding " + open.dataset().name(),
                p -> QueryService.open(m, modelPath, open.dataset(), captions, embeddingsDir, DualPathModel.Options.PLAIN, p),
                built -> {
                    if (dataset.get() == open && model.get() == m) {
                        searcher.set(built);
                        List<SkippedImage> skipped = built.store().skippedImages();
                        modelStatus.set(before + " · search " + built.scope() + (skipped.isEmpty() ? ""
                                : " · " + SkippedImage.count(skipped) + ", left out"));
                        if (!skipped.isEmpty()) {
                            notify(Notice.Level.WARNING, "Unreadable images", built.store().report().skippedSummary());
                        }
                        jobs.setIdleMessage("ready: type a query, drop an image or browse the gallery · " + built.store().report().message());
                    }
                },
                e -> modelStatus.set(before + " · search unavailable"));
    }

    private void noModel() {
        modelStatus.set(NO_MODEL);
        jobs.setIdleMessage(NO_MODEL);
        notify(Notice.Level.INFO, "No model", NO_MODEL + "; browsing works without one");
    }

    /** Shows {@code file} in the system's file manager, or says that this desktop cannot. */
    public void showInFolder(Path file) {
        Thread t = new Thread(() -> {
            try {
                if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE_FILE_DIR)) {
                    Desktop.getDesktop().browseFileDirectory(file.toFile());
                } else if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.OPEN)) {
                    Desktop.getDesktop().open(file.getParent().toFile());
                } else {
                    Platform.runLater(() -> notify(Notice.Level.WARNING, "Show in folder",
                            "this desktop cannot open a file manager; the file is " + file));
                }
            } catch (IOException | RuntimeException e) {
                Platform.runLater(() -> notify(Notice.Level.ERROR, "Show in folder",
                        file + ": " + e.getMessage()));
            }
        }, "dualpath-desktop");
        t.setDaemon(true);
        t.start();
    }

    /** Writes the evaluation shown as an HTML report in {@code dir}, with the model file and its provenance. */
    public Path exportEvaluation(Path dir) {
        List<String> lines = new java.util.ArrayList<>();
        lines.add("model: " + (modelFile.get() == null ? "none" : modelFile.get().toAbsolutePath()));
        if (session != null && session.captions() != null) {
            lines.add("captions: " + session.captions().toAbsolutePath() + " · images: " + session.images().toAbsolutePath());
        }
        lines.addAll(provenanceLines);
        return evaluation.exportReport(dir, lines);
    }

    /**
     * Writes the open index (the store search uses) as a Parquet file, as a job: with the Map tab's finished layout's
     * x/y and colour groups when there is one. A notice says what was written or, in one line, why not.
     */
    public void exportParquet(Path file) {
        QueryService search = searcher.get();
        if (search == null) {
            notify(Notice.Level.ERROR, "Export as Parquet", "there is no index to export yet: open a dataset and a model "
                    + "(File > Open model) and wait for the embedding to finish");
            return;
        }
        boolean mapped = map.finishedProperty().get() && map.layoutProperty().get() != null;
        MapPoints points = map.pointsProperty().get();
        MapLayout layout = map.layoutProperty().get();
        String[] groups = map.groups();
        MapRegions regions = map.regions();
        jobs.run("Exporting " + file.getFileName(), p -> mapped
                        ? ParquetExport.write(search.store(), search.dataset(), points, layout, groups, regions, file, p)
                        : ParquetExport.write(search.store(), search.dataset(), null, file, p),
                written -> notify(Notice.Level.INFO, "Exported", written.describe(file)
                        + (mapped ? "" : "; no x/y: lay out the Map tab first to add them")));
    }

    public void notify(Notice.Level level, String heading, String text) {
        notices.add(new Notice(level, heading, text));
    }

    /** Cancels the long job now running. */
    public void cancel() {
        jobs.cancel();
    }

    public void shutdown() {
        settings.flush();
        jobs.shutdown();
    }

    public ObservableList<Notice> notices() {
        return notices;
    }

    public QueryViewModel query() {
        return query;
    }

    public GalleryViewModel gallery() {
        return gallery;
    }

    public DetailsViewModel details() {
        return details;
    }

    public MapViewModel map() {
        return map;
    }

    public AppSettings settings() {
        return settings;
    }

    public ReadOnlyObjectProperty<OpenDataset> datasetProperty() {
        return dataset.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<QueryService> searcherProperty() {
        return searcher.getReadOnlyProperty();
    }

    /** The sidebar's collection: the open dataset's name and counts, what is being opened, or "no dataset". */
    public ReadOnlyStringProperty collectionProperty() {
        return collection.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** The open model, its search state and a few lines on how it was trained. */
    public ReadOnlyStringProperty modelStatusProperty() {
        return modelPanel.getReadOnlyProperty();
    }

    public ObservableStringValue statusMessage() {
        return jobs.messageProperty();
    }

    public BackgroundJobs jobs() {
        return jobs;
    }

    /** The Evaluate tab. */
    public EvaluateViewModel evaluation() {
        return evaluation;
    }

    /** The Compare tab. */
    public CompareViewModel comparison() {
        return comparison;
    }

    /** The Train tab. */
    /** The Get COCO dialog's view-model, from the official locations into {@code ~/.local/share/dualpath/coco}. */
    public GetCocoViewModel getCoco() {
        return new GetCocoViewModel(jobs, new CocoDownloads(CocoDownloads.OFFICIAL_BASE, CocoDownloads.OFFICIAL_KARPATHY),
                DemoAssets.datasetDir().resolveSibling("coco"), this::openSession, System::nanoTime);
    }

    public TrainViewModel training() {
        return training;
    }
}
