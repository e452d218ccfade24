package org.dualpath.app.view;

import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Spinner;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.stage.FileChooser;
import org.dualpath.app.viewmodel.ExplorerViewModel;
import org.dualpath.app.viewmodel.MapSettings;
import org.dualpath.app.viewmodel.MapViewModel;
import org.dualpath.app.viewmodel.Notice;
import org.dualpath.common.AtomicFiles;
import org.dualpath.common.InputException;
import org.dualpath.projection.ColourBy;
import org.dualpath.projection.Legend;
import org.dualpath.projection.MapMethod;
import org.dualpath.projection.Modality;
import org.kordamp.ikonli.javafx.FontIcon;

import javax.imageio.ImageIO;
import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The Map tab: settings (method and parameters, which points, colouring), the {@link MapCanvas}, the legend whose
 * entries toggle their points, what was mapped and how, the modality-gap readout, and the exports.
 */
final class MapView extends BorderPane {
    private final ExplorerViewModel explorer;
    private final MapViewModel vm;
    private final MapCanvas canvas;
    private final ToggleButton lassoMode = new ToggleButton(null, new FontIcon("mdi2l-lasso"));
    private final VBox legendBox = new VBox(3);

    MapView(ExplorerViewModel explorer, ThumbnailLoader thumbnails) {
        this.explorer = explorer;
        this.vm = explorer.map();
        this.canvas = new MapCanvas(vm, thumbnails, lassoMode::isSelected, "map");
        setId("map-view");

        ComboBox<MapMethod> method = combo(MapMethod.values(), vm.settings().methodProperty(), "map-method",
                "How to lay out: exact t-SNE (Smile, up to 3,000 points), Barnes-Hut t-SNE, UMAP (Smile) or PCA (Smile)");
        ComboBox<Modality> modality = combo(Modality.values(), vm.settings().modalityProperty(), "map-modality",
                "Images and captions in one map, or one modality");
        ComboBox<MapSettings.Subset> subset = combo(MapSettings.Subset.values(), vm.settings().subsetProperty(), "map-subset",
                "Which images are mapped (with their captions when captions are mapped)");
        ComboBox<ColourBy> colour = combo(ColourBy.values(), vm.settings().colourByProperty(), "map-colour",
                "Colour by category, supercategory, split, modality or the current query's cosine");
        Spinner<Double> perplexity = spinner(new Spinner<>(2.0, 100.0, vm.settings().perplexityProperty().get(), 5.0),
                "t-SNE perplexity (effective number of neighbours)", v -> vm.settings().perplexityProperty().set(v));
        Spinner<Integer> iterations = spinner(new Spinner<>(50, 10_000, vm.settings().iterationsProperty().get(), 250),
                "t-SNE iterations", v -> vm.settings().iterationsProperty().set(v));
        Spinner<Double> rate = spinner(new Spinner<>(10.0, 2000.0, vm.settings().learningRateProperty().get(), 50.0),
                "t-SNE learning rate", v -> vm.settings().learningRateProperty().set(v));
        Spinner<Integer> seed = spinner(new Spinner<>(0, Integer.MAX_VALUE, vm.settings().seedProperty().get(), 1),
                "Seed: the same seed gives the same layout", v -> vm.settings().seedProperty().set(v));
        perplexity.setPrefWidth(68);
        iterations.setPrefWidth(80);
        rate.setPrefWidth(72);
        seed.setPrefWidth(68);
        Button run = Actions.iconButton("mdi2p-play", "Lay out again with these settings (reuses the cache when unchanged)",
                vm::compute);
        run.setId("map-run");
        CheckBox links = new CheckBox("links");
        links.selectedProperty().bindBidirectional(vm.settings().linksProperty());
        links.setTooltip(new Tooltip("Lines from each image to its ground-truth captions"));
        CheckBox labels = new CheckBox("labels");
        labels.setId("map-labels");
        labels.selectedProperty().bindBidirectional(vm.settings().labelsProperty());
        labels.setTooltip(new Tooltip("Name the map's dense regions with the words that set their captions apart "
                + "(finer regions as you zoom in); click a label to select its region"));
        lassoMode.setTooltip(new Tooltip("Lasso: drag around points to select them (or Shift+drag); the gallery shows their images"));
        lassoMode.getStyleClass().add("icon-button");
        Button clear = Actions.iconButton("mdi2s-selection-off", "Clear the lasso selection", vm.lassoSelection()::clear);
        Button fit = Actions.iconButton("mdi2f-fit-to-page-outline", "Show the whole map", canvas::reset);
        MenuButton export = new MenuButton(null, new FontIcon("mdi2e-export"));
        export.setTooltip(new Tooltip("Export the map or the lasso selection"));
        export.getItems().addAll(
                Actions.item("Map as PNG…", "mdi2f-file-image-outline", () -> save("map.png", "PNG image", "*.png", this::writePng)),
                Actions.item("Map as SVG…", "mdi2v-vector-square", () -> save("map.svg", "SVG picture", "*.svg", vm.exports()::svg)),
                Actions.item("Coordinates as CSV…", "mdi2f-file-delimited-outline",
                        () -> save("map-coordinates.csv", "CSV", "*.csv", vm.exports()::csv)),
                Actions.item("Selection as COCO captions JSON…", "mdi2c-code-json",
                        () -> save("selection.json", "COCO captions JSON", "*.json", vm.exports()::selectionJson)),
                Actions.item("Selection as CSV…", "mdi2f-file-delimited",
                        () -> save("selection.csv", "CSV", "*.csv", vm.exports()::selectionCsv)));
        ToolBar settings = new ToolBar(method, modality, label("of"), subset, label("colour"), colour, links, labels);
        ToolBar view = new ToolBar(label("perplexity"), perplexity, label("iterations"), iterations, label("rate"), rate,
                label("seed"), seed, run, new Separator(Orientation.VERTICAL), lassoMode, clear, fit, export);
        setTop(new VBox(settings, view));

        Label advice = new Label();
        advice.setId("map-advice");
        advice.setWrapText(true);
        advice.textProperty().bind(vm.adviceProperty());
        HBox adviceBar = new HBox(8, new FontIcon("mdi2a-alert-outline"), advice,
                choice("Barnes-Hut t-SNE", MapMethod.BH_TSNE), choice("UMAP", MapMethod.UMAP), choice("PCA", MapMethod.PCA));
        adviceBar.setAlignment(Pos.CENTER_LEFT);
        adviceBar.setPadding(new Insets(6, 10, 6, 10));
        adviceBar.getStyleClass().add("map-advice");
        HBox.setHgrow(advice, Priority.ALWAYS);
        adviceBar.visibleProperty().bind(vm.adviceProperty().isNotEmpty());
        adviceBar.managedProperty().bind(adviceBar.visibleProperty());

        Label note = new Label();
        note.setId("map-note");
        note.setWrapText(true);
        note.textProperty().bind(vm.noteProperty());
        Label gap = new Label();
        gap.setId("map-gap");
        gap.setWrapText(true);
        gap.textProperty().bind(vm.gapProperty());
        Label selection = new Label();
        selection.textProperty().bind(vm.lassoSelection().noteProperty());
        Label help = new Label("scroll: zoom · drag: pan · Shift+drag: lasso · click: select (a label: its region) · hover: preview · ● image ▲ caption · ★ query");
        help.getStyleClass().add("note");
        VBox bottom = new VBox(2, note, gap, selection, help);
        bottom.setPadding(new Insets(4, 10, 6, 10));
        bottom.getStyleClass().add("map-info");

        ScrollPane legendScroll = new ScrollPane(legendBox);
        legendScroll.setFitToWidth(true);
        legendScroll.setPrefWidth(170);
        legendBox.setPadding(new Insets(6));
        legendBox.setId("map-legend");
        vm.legendProperty().addListener((obs, old, l) -> fillLegend(l));
        vm.hiddenGroups().addListener((javafx.collections.SetChangeListener<Integer>) c -> fillLegend(vm.legendProperty().get()));
        fillLegend(vm.legendProperty().get());

        VBox centre = new VBox(adviceBar, canvas);
        VBox.setVgrow(canvas, Priority.ALWAYS);
        setCenter(centre);
        setRight(legendScroll);
        setBottom(bottom);
    }

    MapCanvas canvas() {
        return canvas;
    }

    private Button choice(String text, MapMethod m) {
        Button b = new Button(text);
        b.setTooltip(new Tooltip("Map with " + m.label() + " instead"));
        b.setOnAction(e -> vm.settings().methodProperty().set(m));
        return b;
    }

    private void fillLegend(Legend legend) {
        legendBox.getChildren().clear();
        if (legend == null) {
            Label l = new Label(vm.settings().colourByProperty().get() == ColourBy.SCORE
                    ? "cosine of the current query:\nlow (dark) → high (yellow)" : "");
            l.setWrapText(true);
            legendBox.getChildren().add(l);
            return;
        }
        Label title = new Label("click to hide / show");
        title.getStyleClass().add("note");
        legendBox.getChildren().add(title);
        for (int g = 0; g < legend.entries().size(); g++) {
            Legend.Entry e = legend.entries().get(g);
            boolean off = vm.hiddenGroups().contains(g);
            Rectangle swatch = new Rectangle(12, 12, off ? Color.TRANSPARENT : Color.web(e.colour()));
            swatch.setStroke(Color.web(e.colour()));
            ToggleButton entry = new ToggleButton(String.format(Locale.ROOT, "%s (%,d)", e.label(), e.count()), swatch);
            entry.setSelected(!off);
            entry.getStyleClass().add("legend-entry");
            entry.setMaxWidth(Double.MAX_VALUE);
            entry.setAlignment(Pos.CENTER_LEFT);
            int group = g;
            entry.setOnAction(ev -> vm.toggleGroup(group));
            legendBox.getChildren().add(entry);
        }
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("note");
        return l;
    }

    private static <T> ComboBox<T> combo(T[] values, javafx.beans.property.ObjectProperty<T> property, String id, String tip) {
        ComboBox<T> box = new ComboBox<>();
        box.getItems().setAll(values);
        box.valueProperty().bindBidirectional(property);
        box.setId(id);
        box.setTooltip(new Tooltip(tip));
        return box;
    }

    private static <T> Spinner<T> spinner(Spinner<T> spinner, String tip, Consumer<T> onChange) {
        spinner.setEditable(true);
        spinner.setTooltip(new Tooltip(tip));
        spinner.valueProperty().addListener((obs, old, v) -> {
            if (v != null) {
                onChange.accept(v);
            }
        });
        return spinner;
    }

    private void writePng(Path file) {
        WritableImage image = canvas.canvas().snapshot(null, null);
        var pixels = SwingFXUtils.fromFXImage(image, null);
        AtomicFiles.write(file, out -> ImageIO.write(pixels, "png", out));
    }

    private void save(String name, String kind, String pattern, Consumer<Path> writer) {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName(name);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, pattern));
        File file = chooser.showSaveDialog(getScene().getWindow());
        if (file == null) {
            return;
        }
        try {
            writer.accept(file.toPath());
            explorer.notify(Notice.Level.INFO, "Exported", "wrote " + file);
        } catch (InputException | java.io.UncheckedIOException e) {
            explorer.notify(Notice.Level.ERROR, "Export", e.getMessage());
        }
    }
}
