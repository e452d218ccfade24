package org.dualpath.app.view;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.dualpath.app.viewmodel.TrainViewModel;
import org.dualpath.train.EpochReport;
import org.dualpath.train.Preset;
import org.dualpath.train.TrainingConfig;
import org.kordamp.ikonli.javafx.FontIcon;

import java.io.File;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The Train tab: the run's settings on the left (dataset, preset, word vectors, backbone weights, output model,
 * overrides, the Replace and Keep switches), and on the right its state and one-line message, Start / Cancel /
 * Resume, progress with speed and ETA, the loss per step, the validation recall per epoch and the trainer's log.
 */
final class TrainView extends SplitPane {
    /** The recall figures charted per epoch: both directions at R@1 and R@10. */
    private static final List<String> RECALLS = List.of("i2t_R@1", "t2i_R@1", "i2t_R@10", "t2i_R@10");
    /** A refused or failed run: its state shows in the error colour. */
    private static final PseudoClass PROBLEM = PseudoClass.getPseudoClass("problem");

    private final TrainViewModel vm;
    private final GridPane form = new GridPane();
    private int rows;

    TrainView(TrainViewModel vm) {
        this.vm = vm;
        setId("train-view");
        getItems().addAll(settings(), run());
        setDividerPositions(0.44);
    }

    private ScrollPane settings() {
        form.setHgap(6);
        form.setVgap(6);
        form.setPadding(new Insets(8));
        form.disableProperty().bind(vm.busyProperty());

        Label dataset = new Label();
        dataset.setWrapText(true);
        dataset.textProperty().bind(Bindings.createStringBinding(() -> vm.datasetFilesProperty().get() == null
                ? "the open dataset" : vm.datasetFilesProperty().get().captions().toString(), vm.datasetFilesProperty()));
        Button choose = Actions.iconButton("mdi2f-folder-open", "Train on other files: captions, images, split",
                () -> new OpenDatasetDialog(window()).showAndWait().ifPresent(vm.datasetFilesProperty()::set));
        Button useOpen = Actions.iconButton("mdi2u-undo", "Train on the open dataset", () -> vm.datasetFilesProperty().set(null));
        row("Dataset", dataset, new HBox(2, choose, useOpen));

        ComboBox<Preset> preset = new ComboBox<>();
        preset.setId("train-preset");
        preset.getItems().setAll(vm.presets());
        preset.valueProperty().bindBidirectional(vm.presetProperty());
        preset.setCellFactory(l -> presetCell());
        preset.setButtonCell(presetCell());
        preset.setMaxWidth(Double.MAX_VALUE);
        row("Preset", preset, null);
        Label description = note(Bindings.createStringBinding(() -> vm.presetProperty().get().description(),
                vm.presetProperty()));
        row("", description, null);

        TextField vectors = pathField(vm.vectorsProperty(), "Word vectors: word2vec binary or text, or GloVe text");
        vectors.promptTextProperty().bind(Bindings.createStringBinding(() -> vm.presetProperty().get().word2vecDim() > 0
                ? "empty: word2vec trained on the captions" : "required by this preset", vm.presetProperty()));
        row("Word vectors", vectors, browse(vm.vectorsProperty(), "Word vectors", false));

        TextField weights = pathField(vm.backboneWeightsProperty(), "Pretrained backbone: Keras MobileNet .h5 or DL4J ResNet-50 zip");
        weights.disableProperty().bind(Bindings.createBooleanBinding(() -> !vm.presetProperty().get().backbone().pretrained(),
                vm.presetProperty()));
        weights.promptTextProperty().bind(Bindings.createStringBinding(() -> switch (vm.presetProperty().get().backbone()) {
            case SMALL_RESNET -> "not used: the CNN is trained from scratch";
            case MOBILENET -> "required: a full Keras MobileNet v1 .h5";
            case RESNET50 -> "empty: the DL4J zoo ResNet-50 is downloaded";
        }, vm.presetProperty()));
        row("Backbone weights", weights, browse(vm.backboneWeightsProperty(), "Backbone weights", false));

        TextField output = pathField(vm.outputProperty(), "The model file the run writes; its checkpoint goes beside it");
        output.setId("train-output");
        row("Output model", output, browse(vm.outputProperty(), "Output model", true));

        row("Stage I epochs", overrideField(vm.stage1EpochsProperty(), t -> String.valueOf(t.stage1Epochs())), null);
        row("Stage II epochs", overrideField(vm.stage2EpochsProperty(), t -> String.valueOf(t.stage2Epochs())), null);
        row("Batch", overrideField(vm.batchProperty(), t -> String.valueOf(t.batchSize())), null);
        row("Learning rate", overrideField(vm.learningRateProperty(),
                t -> String.format(Locale.ROOT, "%.3g", t.learningRate(0))), null);
        row("Seed", overrideField(vm.seedProperty(), t -> String.valueOf(t.seed())), null);
        TextField threads = new TextField();
        threads.textProperty().bindBidirectional(vm.threadsProperty());
        threads.setPromptText("all cores");
        threads.setTooltip(new Tooltip("Threads of the math library while the run trains"));
        row("Threads", threads, null);

        CheckBox replace = new CheckBox("Replace a finished model");
        replace.selectedProperty().bindBidirectional(vm.replaceProperty());
        replace.setTooltip(new Tooltip("Write over a model file already at the output (dualpath train --force)"));
        CheckBox keep = new CheckBox("Keep every epoch's checkpoint");
        keep.setId("train-keep");
        keep.selectedProperty().bindBidirectional(vm.keepCheckpointsProperty());
        keep.setTooltip(new Tooltip("Each epoch also as MODEL.epochN.zip, to compare epochs later (--keep-checkpoints)"));
        row("", new VBox(4, replace, keep), null);

        ScrollPane scroll = new ScrollPane(form);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private VBox run() {
        Button start = new Button("Start", new FontIcon("mdi2p-play"));
        start.setId("train-start");
        start.setOnAction(e -> vm.start());
        start.disableProperty().bind(vm.busyProperty());
        Button cancel = new Button("Cancel", new FontIcon("mdi2s-stop"));
        cancel.setId("train-cancel");
        cancel.setTooltip(new Tooltip("Stop after this step; a checkpoint is saved and Resume continues"));
        cancel.setOnAction(e -> vm.cancel());
        cancel.disableProperty().bind(vm.busyProperty().not());
        Button resume = new Button("Resume", new FontIcon("mdi2p-play-circle-outline"));
        resume.setId("train-resume");
        resume.setTooltip(new Tooltip("Continue the run whose checkpoint is beside the output model"));
        resume.setOnAction(e -> vm.resume());
        resume.disableProperty().bind(vm.resumableProperty().not());
        Label state = new Label();
        state.setId("train-state");
        state.getStyleClass().add("train-state");
        state.textProperty().bind(Bindings.createStringBinding(() -> vm.stateProperty().get().name().toLowerCase(Locale.ROOT),
                vm.stateProperty()));
        vm.stateProperty().addListener((obs, old, s) -> state.pseudoClassStateChanged(PROBLEM,
                s == TrainViewModel.State.REFUSED || s == TrainViewModel.State.FAILED));
        HBox buttons = new HBox(8, start, cancel, resume, state);
        buttons.setAlignment(Pos.CENTER_LEFT);

        Label message = new Label();
        message.setId("train-message");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        ProgressBar progress = new ProgressBar();
        progress.progressProperty().bind(vm.progressProperty());
        progress.setMaxWidth(Double.MAX_VALUE);
        Label progressText = new Label();
        progressText.setId("train-progress");
        progressText.textProperty().bind(vm.progressTextProperty());

        LineChart<Number, Number> loss = chart("step", "loss", "Loss per step");
        loss.setId("train-loss");
        loss.setLegendVisible(false);
        XYChart.Series<Number, Number> lossSeries = new XYChart.Series<>();
        loss.getData().add(lossSeries);
        follow(vm.loss(), lossSeries.getData(), p -> new XYChart.Data<>(p.step(), p.loss()));

        LineChart<Number, Number> recall = chart("epoch", "recall (%)", "Validation recall per epoch");
        recall.setId("train-recall");
        NumberAxis epochAxis = (NumberAxis) recall.getXAxis();
        epochAxis.setAutoRanging(false);
        epochAxis.setMinorTickVisible(false);
        vm.epochs().addListener((ListChangeListener<EpochReport>) c -> showEpochs(epochAxis, vm.epochs()));
        showEpochs(epochAxis, vm.epochs());
        recall.setCreateSymbols(true);
        for (String key : RECALLS) {
            XYChart.Series<Number, Number> series = new XYChart.Series<>();
            series.setName(key.replace("i2t_", "image → text ").replace("t2i_", "text → image "));
            recall.getData().add(series);
            follow(vm.epochs(), series.getData(), r -> new XYChart.Data<>(r.epoch(), recallOf(r, key)));
        }

        ListView<String> log = new ListView<>(vm.log());
        log.setId("train-log");
        log.setPrefHeight(120);
        log.setMinHeight(120);
        log.getItems().addListener((ListChangeListener<String>) c -> log.scrollTo(log.getItems().size() - 1));

        VBox box = new VBox(6, buttons, message, progress, progressText, loss, recall, log);
        VBox.setVgrow(loss, Priority.ALWAYS);
        VBox.setVgrow(recall, Priority.ALWAYS);
        box.setPadding(new Insets(8));
        return box;
    }

    /** Whole epochs on the axis, from the first charted to the last, at most about ten ticks. */
    private static void showEpochs(NumberAxis axis, List<EpochReport> epochs) {
        int first = epochs.isEmpty() ? 1 : epochs.get(0).epoch();
        int last = epochs.isEmpty() ? 1 : epochs.get(epochs.size() - 1).epoch();
        axis.setLowerBound(first - 1);
        axis.setUpperBound(last + 1);
        axis.setTickUnit(Math.max(1, Math.ceil((last - first + 2) / 10.0)));
    }

    private static double recallOf(EpochReport report, String key) {
        Double value = report.validation().get(key);
        return value == null ? 0 : value;
    }

    /**
     * Keeps {@code data} the image of {@code items}: points added at the end are added, anything else (a cleared
     * run, merged loss points) redraws the series.
     */
    private static <T> void follow(ObservableList<T> items, ObservableList<XYChart.Data<Number, Number>> data,
                                   Function<T, XYChart.Data<Number, Number>> point) {
        items.addListener((ListChangeListener<T>) c -> {
            while (c.next()) {
                if (c.wasAdded() && !c.wasRemoved() && c.getFrom() == data.size()) {
                    c.getAddedSubList().forEach(item -> data.add(point.apply(item)));
                } else {
                    data.setAll(items.stream().map(point).toList());
                    return;
                }
            }
        });
    }

    private static LineChart<Number, Number> chart(String x, String y, String title) {
        NumberAxis xAxis = new NumberAxis();
        xAxis.setLabel(x);
        xAxis.setForceZeroInRange(false);
        NumberAxis yAxis = new NumberAxis();
        yAxis.setLabel(y);
        LineChart<Number, Number> chart = new LineChart<>(xAxis, yAxis);
        chart.setTitle(title);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setMinHeight(140);
        return chart;
    }

    private void row(String label, Node field, Node after) {
        GridPane.setHgrow(field, Priority.ALWAYS);
        if (field instanceof Region r) {
            r.setMaxWidth(Double.MAX_VALUE);
        }
        Label name = new Label(label);
        name.setMinWidth(Region.USE_PREF_SIZE);
        form.add(name, 0, rows);
        form.add(field, 1, rows);
        if (after != null) {
            form.add(after, 2, rows);
        }
        rows++;
    }

    private static Label note(ObservableValue<String> text) {
        Label l = new Label();
        l.setWrapText(true);
        l.getStyleClass().add("note");
        l.textProperty().bind(text);
        return l;
    }

    /** A field for an override: empty keeps the preset's value, which it shows as its prompt. */
    private TextField overrideField(StringProperty text, Function<TrainingConfig, String> presetValue) {
        TextField field = new TextField();
        field.textProperty().bindBidirectional(text);
        field.promptTextProperty().bind(Bindings.createStringBinding(
                () -> presetValue.apply(vm.presetProperty().get().training()) + " (preset)", vm.presetProperty()));
        field.setPrefColumnCount(8);
        return field;
    }

    /**
     * A text field for a file: what is typed becomes the file when it is a valid path (empty: none), and a file
     * chosen elsewhere shows in it.
     */
    private static TextField pathField(ObjectProperty<Path> file, String tooltip) {
        TextField field = new TextField(file.get() == null ? "" : file.get().toString());
        field.setTooltip(new Tooltip(tooltip));
        field.setPrefColumnCount(24);
        file.addListener((obs, old, p) -> {
            String shown = p == null ? "" : p.toString();
            if (!shown.equals(field.getText().strip())) {
                field.setText(shown);
            }
        });
        field.textProperty().addListener((obs, old, typed) -> {
            try {
                file.set(typed.isBlank() ? null : Path.of(typed.strip()));
            } catch (InvalidPathException e) {
                // not a path yet while it is being typed; the last valid one stays
            }
        });
        return field;
    }

    private Button browse(ObjectProperty<Path> file, String title, boolean save) {
        return Actions.iconButton(save ? "mdi2c-content-save-outline" : "mdi2f-file-outline", "Choose…", () -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(title);
            if (file.get() != null && file.get().toAbsolutePath().getParent() != null) {
                File folder = file.get().toAbsolutePath().getParent().toFile();
                if (folder.isDirectory()) {
                    chooser.setInitialDirectory(folder);
                }
                chooser.setInitialFileName(file.get().getFileName().toString());
            }
            File chosen = save ? chooser.showSaveDialog(window()) : chooser.showOpenDialog(window());
            if (chosen != null) {
                file.set(chosen.toPath());
            }
        });
    }

    private Window window() {
        return getScene().getWindow();
    }

    private static ListCell<Preset> presetCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(Preset item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.name());
            }
        };
    }
}
