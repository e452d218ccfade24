package org.dualpath.app.view;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DataFormat;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.util.Duration;
import impl.org.controlsfx.skin.GridViewSkin;
import javafx.scene.control.skin.VirtualFlow;
import org.controlsfx.control.GridView;
import org.controlsfx.control.Notifications;
import org.controlsfx.control.action.Action;
import org.controlsfx.control.StatusBar;
import org.dualpath.app.viewmodel.AppSettings;
import org.dualpath.app.viewmodel.ExplorerViewModel;
import org.dualpath.app.viewmodel.Notice;
import org.dualpath.app.viewmodel.DemoAssets;
import org.dualpath.data.CocoImage;
import org.kordamp.ikonli.javafx.FontIcon;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The explorer window: menus, the query bar, the collection sidebar, Results, Gallery and Map tabs, the details pane
 * and the status bar. It binds to {@link ExplorerViewModel} and turns the desktop's gestures (drop, paste,
 * shortcuts, file dialogs) into its calls.
 */
public final class ExplorerView {
    /**
     * Encoded image types a paste or drop is read in, best first: lossless PNG, then the formats that can carry
     * what JavaFX's decoded image loses (JPEG's EXIF orientation), then the rest the decoder reads. JavaFX keeps
     * one DataFormat per MIME type, weakly referenced: this list holds them.
     */
    private static final List<DataFormat> IMAGE_DATA_FORMATS = Stream.of("image/png", "image/jpeg", "image/gif",
            "image/bmp").map(type -> Objects.requireNonNullElseGet(DataFormat.lookupMimeType(type),
            () -> new DataFormat(type))).toList();

    /** Width at which a notice's text wraps. */
    private static final double NOTICE_WIDTH = 420;
    private static final String LIGHT = ExplorerView.class.getResource("/org/dualpath/app/explorer.css").toExternalForm();
    private static final String DARK = ExplorerView.class.getResource("/org/dualpath/app/explorer-dark.css").toExternalForm();

    private final ExplorerViewModel vm;
    private final ThumbnailLoader thumbnails;
    private final Scene scene;
    private final QueryBar queryBar;
    private final SplitPane main;
    private final TabPane tabs = new TabPane();
    private final GridView<CocoImage> gallery;
    private final MapView map;
    private Stage stage;
    private GetCocoDialog getCocoDialog;

    public ExplorerView(ExplorerViewModel vm, ThumbnailLoader thumbnails) {
        this.vm = vm;
        this.thumbnails = thumbnails;
        this.queryBar = new QueryBar(vm, this::chooseImage);

        gallery = new GridView<>(vm.gallery().items());
        gallery.setId("gallery");
        gallery.setCellWidth(GalleryCell.THUMB + 8);
        gallery.setCellHeight(GalleryCell.THUMB + 22);
        gallery.setHorizontalCellSpacing(4);
        gallery.setVerticalCellSpacing(4);
        gallery.setCellFactory(g -> new GalleryCell(vm, thumbnails));
        // an image selected elsewhere (map, results) is scrolled into view in the gallery
        vm.details().selectedProperty().addListener((obs, old, image) -> revealInGallery(image));

        Tab results = new Tab("Results", new ResultsView(vm, thumbnails));
        results.setGraphic(new FontIcon("mdi2f-format-list-numbered"));
        results.setTooltip(new Tooltip("Ranked images and captions for the current query"));
        Tab galleryTab = new Tab("Gallery", gallery);
        galleryTab.setGraphic(new FontIcon("mdi2v-view-grid-outline"));
        galleryTab.setTooltip(new Tooltip("All images of the dataset, narrowed by the filters"));
        map = new MapView(vm, thumbnails);
        Tab mapTab = new Tab("Map", map);
        mapTab.setGraphic(new FontIcon("mdi2s-scatter-plot-outline"));
        mapTab.setTooltip(new Tooltip("The joint image-caption space in 2-D (t-SNE, UMAP, PCA) with the current query placed in it"));
        mapTab.setId("map-tab");
        mapTab.selectedProperty().addListener((obs, old, on) -> {
            if (on) {
                vm.map().open();
            }
        });
        Tab evaluateTab = new Tab("Evaluate", new EvaluateView(vm, thumbnails));
        evaluateTab.setGraphic(new FontIcon("mdi2c-chart-line"));
        evaluateTab.setTooltip(new Tooltip("Recall@K of the model on this dataset, curves, and the worst queries"));
        evaluateTab.setId("evaluate-tab");
        Tab compareTab = new Tab("Compare", new CompareView(vm, thumbnails));
        compareTab.setGraphic(new FontIcon("mdi2c-compare-horizontal"));
        compareTab.setTooltip(new Tooltip("The open model against a second one or an earlier checkpoint: recall side by side, ranks query by query"));
        compareTab.setId("compare-tab");
        Tab trainTab = new Tab("Train", new TrainView(vm.training()));
        trainTab.setGraphic(new FontIcon("mdi2s-school-outline"));
        trainTab.setTooltip(new Tooltip("Train a model on this dataset with live loss and recall; it opens here when done"));
        trainTab.setId("train-tab");
        tabs.getTabs().addAll(results, galleryTab, mapTab, evaluateTab, compareTab, trainTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("tabs");
        tabs.getSelectionModel().select(galleryTab);
        // New results show in Results, unless the map is open: there the query is placed into the map.
        vm.query().images().addListener((ListChangeListener<Object>) c -> {
            if ((!vm.query().images().isEmpty() || !vm.query().captions().isEmpty()) && !mapTab.isSelected()) {
                tabs.getSelectionModel().select(results);
            }
        });

        vm.comparison().results().shownProperty().addListener((obs, old, shown) -> {
            if (shown != null) {
                tabs.getSelectionModel().select(results);
            }
        });

        main = new SplitPane(sidebar(), tabs, new DetailsView(vm, thumbnails));
        main.setDividerPositions(0.16, 0.72);
        SplitPane.setResizableWithParent(main.getItems().get(0), false);

        BorderPane root = new BorderPane(main);
        root.setTop(new VBox(menuBar(), queryBar));
        root.setBottom(statusBar());
        root.getStyleClass().add("explorer");
        // Never larger than the screen: a window beyond it is unusable (and breaks headless rendering).
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        scene = new Scene(root, Math.min(1280, screen.getWidth()), Math.min(820, screen.getHeight()));
        scene.getStylesheets().add(LIGHT);
        setDark(vm.settings().darkTheme());
        installGestures();
        vm.notices().addListener((ListChangeListener<Notice>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(this::showNotice);
            }
        });
    }

    /** Shows the window on {@code stage}, restoring its size and dividers and saving them when it closes. */
    public void show(Stage window) {
        this.stage = window;
        AppSettings settings = vm.settings();
        window.titleProperty().bind(vm.titleProperty());
        window.setScene(scene);
        double[] geometry = settings.window();
        if (geometry != null && geometry.length == 5) {
            // Kept on the screen: the saved place may be on a monitor that is gone or larger than this one.
            Rectangle2D screen = Screen.getPrimary().getVisualBounds();
            double width = Math.min(geometry[2], screen.getWidth());
            double height = Math.min(geometry[3], screen.getHeight());
            window.setWidth(width);
            window.setHeight(height);
            window.setX(Math.max(screen.getMinX(), Math.min(geometry[0], screen.getMaxX() - width)));
            window.setY(Math.max(screen.getMinY(), Math.min(geometry[1], screen.getMaxY() - height)));
            window.setMaximized(geometry[4] == 1);
        }
        double[] dividers = settings.dividers();
        if (dividers != null && dividers.length == main.getDividers().size()) {
            main.setDividerPositions(dividers);
        }
        window.setOnHiding(e -> {
            settings.saveWindow(window.getX(), window.getY(), window.getWidth(), window.getHeight(), window.isMaximized());
            settings.saveDividers(main.getDividerPositions());
            settings.flush();
        });
        window.show();
    }

    public Scene scene() {
        return scene;
    }

    /** Shows the Map tab (which lays out the map the first time). */
    public void showMap() {
        tabs.getSelectionModel().select(2);
    }

    /** Shows the Evaluate tab (the View menu's item and tests). */
    public void showEvaluate() {
        tabs.getSelectionModel().select(3);
    }

    /** Shows the Compare tab (the View menu's item and tests). */
    public void showCompare() {
        tabs.getSelectionModel().select(4);
    }

    /** Shows the Train tab (the View menu's item and tests). */
    public void showTrain() {
        tabs.getSelectionModel().select(5);
    }

    /** The tab shown now: "Results", "Gallery", "Map", "Evaluate", "Compare" or "Train". */
    public String shownTab() {
        return tabs.getSelectionModel().getSelectedItem().getText();
    }

    /** Where map point {@code point} is drawn, in screen coordinates (for tests and the screenshot tool). */
    public javafx.geometry.Point2D mapPointOnScreen(int point) {
        MapCanvas c = map.canvas();
        return c.localToScreen(c.screenOf(point));
    }

    /**
     * What a drop of files on the window does: search with the first file as an image (the drag-and-drop handler
     * calls this; so can tests).
     */
    public void dropFiles(List<File> files) {
        if (files.isEmpty()) {
            return;
        }
        if (files.size() > 1) {
            vm.notify(Notice.Level.INFO, "Several files dropped", "searching with the first one: " + files.get(0).getName());
        }
        vm.query().searchImageFile(files.get(0).toPath());
    }

    private void installGestures() {
        scene.setOnDragOver(e -> {
            var board = e.getDragboard();
            if (board.hasFiles() || board.hasImage() || imageDataFormat(board) != null) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        scene.setOnDragDropped(e -> {
            var board = e.getDragboard();
            boolean used = true;
            if (board.hasFiles()) {
                dropFiles(board.getFiles());
            } else {
                used = searchImage("dropped image", board);
            }
            e.setDropCompleted(used);
            e.consume();
        });
        KeyCombination paste = new KeyCodeCombination(KeyCode.V, KeyCombination.SHORTCUT_DOWN);
        KeyCombination find = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);
        // A filter, so that an image on the clipboard wins over the text field's own paste; text still pastes normally.
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (paste.match(e) && pasteImage()) {
                e.consume();
            } else if (find.match(e)) {
                focusQuery();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE && !e.isConsumed()) {
                vm.query().clear();
            }
        });
    }

    /** Ctrl+V: searches with a clipboard image or image file; returns false when the clipboard holds neither. */
    public boolean pasteImage() {
        Clipboard clipboard = Clipboard.getSystemClipboard();
        if (searchImage("pasted image", clipboard)) {
            return true;
        }
        if (clipboard.hasFiles()) {
            dropFiles(clipboard.getFiles());
            return true;
        }
        return false;
    }

    /**
     * Searches with the image a paste or drop offers: its encoded bytes when the system offers them in a format
     * the decoder reads, decoded in the background like a file (EXIF orientation, damage refused); JavaFX's
     * decoded image only otherwise. False when {@code board} offers no image.
     */
    private boolean searchImage(String name, Clipboard board) {
        DataFormat format = imageDataFormat(board);
        byte[] data = format == null ? null : bytesOf(board.getContent(format));
        if (data != null) {
            vm.query().searchImageData(name, data);
            return true;
        }
        if (board.hasImage()) {
            searchFxImage(name, board.getImage());
            return true;
        }
        return false;
    }

    /** The first of {@link #IMAGE_DATA_FORMATS} that {@code board} offers, or null. */
    private static DataFormat imageDataFormat(Clipboard board) {
        return IMAGE_DATA_FORMATS.stream().filter(board::hasContent).findFirst().orElse(null);
    }

    /**
     * The bytes of clipboard content of a MIME type JavaFX has no class for: a ByteBuffer on Linux (GTK), an
     * array or a stream elsewhere; null for anything else.
     */
    private static byte[] bytesOf(Object content) {
        if (content instanceof ByteBuffer buffer) {
            byte[] data = new byte[buffer.remaining()];
            buffer.duplicate().get(data);
            return data;
        }
        if (content instanceof byte[] data) {
            return data;
        }
        if (content instanceof InputStream in) {
            try (in) {
                return in.readAllBytes();
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }

    /** Pixels JavaFX decoded from the clipboard or a drop; null when it could not read them. */
    private void searchFxImage(String name, Image image) {
        boolean readable = image != null && !image.isError() && image.getWidth() >= 1 && image.getHeight() >= 1;
        vm.query().searchPixels(name, readable ? SwingFXUtils.fromFXImage(image, null) : null);
    }

    public void focusQuery() {
        queryBar.field().requestFocus();
        queryBar.field().selectAll();
    }

    private VBox sidebar() {
        Label collection = new Label();
        collection.setWrapText(true);
        collection.textProperty().bind(vm.collectionProperty());
        Label shown = new Label();
        shown.textProperty().bind(vm.gallery().summaryProperty());
        Label model = new Label();
        model.setId("model-status");
        model.setWrapText(true);
        model.textProperty().bind(vm.modelStatusProperty());
        VBox box = new VBox(6, section("Collection"), collection, shown, section("Model"), model);
        box.setPadding(new Insets(10));
        box.getStyleClass().add("sidebar");
        box.setMinWidth(150);
        return box;
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section");
        return l;
    }

    private MenuBar menuBar() {
        MenuItem openDataset = Actions.item("Open dataset…", "mdi2f-folder-open", this::chooseDataset);
        openDataset.setAccelerator(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
        MenuItem openModel = Actions.item("Open model…", "mdi2b-brain", this::chooseModel);
        openModel.setAccelerator(new KeyCodeCombination(KeyCode.M, KeyCombination.SHORTCUT_DOWN));
        MenuItem openImage = Actions.item("Open image…", "mdi2i-image-plus", this::chooseImage);
        openImage.setAccelerator(new KeyCodeCombination(KeyCode.I, KeyCombination.SHORTCUT_DOWN));
        MenuItem pasteImage = Actions.item("Paste image (Ctrl+V)", "mdi2c-content-paste", () -> {
            if (!pasteImage()) {
                vm.notify(Notice.Level.INFO, "Paste image", "the clipboard holds no image");
            }
        });
        MenuItem getCoco = Actions.item("Get COCO…", "mdi2d-download", this::getCoco);
        MenuItem parquet = Actions.item("Export as Parquet…", "mdi2t-table-arrow-right", this::exportParquet);
        parquet.setId("export-parquet");
        MenuItem demo = Actions.item("Open the demo", "mdi2s-shape-outline", () -> vm.openDemo(DemoAssets.model().orElse(null)));
        MenuItem quit = Actions.item("Quit", "mdi2e-exit-to-app", () -> stage.close());
        quit.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        Menu file = new Menu("File", null, openDataset, openModel, openImage, pasteImage, new SeparatorMenuItem(), getCoco, demo,
                new SeparatorMenuItem(), parquet, new SeparatorMenuItem(), quit);

        CheckMenuItem dark = new CheckMenuItem("Dark theme", new FontIcon("mdi2t-theme-light-dark"));
        dark.setSelected(vm.settings().darkTheme());
        dark.selectedProperty().addListener((obs, old, on) -> {
            setDark(on);
            vm.settings().saveDarkTheme(on);
        });
        MenuItem focus = Actions.item("Focus query", "mdi2m-magnify", this::focusQuery);
        focus.setAccelerator(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN));
        MenuItem gallery = Actions.item("Gallery", "mdi2v-view-grid-outline", () -> tabs.getSelectionModel().select(1));
        MenuItem results = Actions.item("Results", "mdi2f-format-list-numbered", () -> tabs.getSelectionModel().select(0));
        MenuItem map = Actions.item("Map", "mdi2s-scatter-plot-outline", this::showMap);
        MenuItem evaluate = Actions.item("Evaluate", "mdi2c-chart-line", this::showEvaluate);
        MenuItem compare = Actions.item("Compare", "mdi2c-compare-horizontal", this::showCompare);
        MenuItem train = Actions.item("Train", "mdi2s-school-outline", this::showTrain);
        Menu view = new Menu("View", null, focus, results, gallery, map, evaluate, compare, train, new SeparatorMenuItem(), dark);

        MenuItem cancel = Actions.item("Cancel running job", "mdi2c-cancel", vm::cancel);
        Menu model = new Menu("Model", null, Actions.item("Open model…", "mdi2b-brain", this::chooseModel), cancel);

        MenuItem keys = Actions.item("Keyboard shortcuts", "mdi2k-keyboard-outline", () -> vm.notify(Notice.Level.INFO,
                "Keyboard shortcuts", "Ctrl+F query · Enter keep in history · Esc clear · Ctrl+O open dataset · "
                        + "Ctrl+M open model · Ctrl+I / Ctrl+V / drop: search with an image"));
        Menu help = new Menu("Help", null, keys);
        return new MenuBar(file, view, model, help);
    }

    private StatusBar statusBar() {
        StatusBar status = new StatusBar();
        status.setId("status-bar");
        status.textProperty().bind(vm.statusMessage());
        status.progressProperty().bind(Bindings.when(vm.jobs().busyProperty())
                .then(vm.jobs().progressProperty()).otherwise(0.0));
        Button cancel = Actions.iconButton("mdi2c-cancel", "Cancel the running job", vm::cancel);
        cancel.setId("cancel-job");
        cancel.visibleProperty().bind(vm.jobs().busyProperty());
        Label memory = new Label();
        memory.setTooltip(new Tooltip("Java heap in use / maximum; thumbnails held in memory"));
        Timeline refresh = new Timeline(new KeyFrame(Duration.seconds(2), e -> memory.setText(memoryText())));
        refresh.setCycleCount(Timeline.INDEFINITE);
        refresh.play();
        memory.setText(memoryText());
        status.getRightItems().addAll(cancel, memory);
        return status;
    }

    private String memoryText() {
        Runtime rt = Runtime.getRuntime();
        double used = (rt.totalMemory() - rt.freeMemory()) / 1e9;
        return String.format(Locale.ROOT, "heap %.1f / %.1f GB · %,d thumbnails", used, rt.maxMemory() / 1e9, thumbnails.size());
    }

    private void setDark(boolean dark) {
        scene.getStylesheets().remove(DARK);
        if (dark) {
            scene.getStylesheets().add(DARK);
        }
    }

    private void showNotice(Notice notice) {
        if (stage == null || !stage.isShowing()) {
            return;
        }
        // the text wraps in a label of its own (a long one was clipped off-screen), a problem stays until it is
        // dismissed, and every notice can be copied, e.g. into a bug report
        Label text = new Label(notice.text());
        text.setWrapText(true);
        text.setMaxWidth(NOTICE_WIDTH);
        text.getStyleClass().add("notice-text");
        FontIcon icon = new FontIcon(switch (notice.level()) {
            case ERROR -> "mdi2a-alert-circle";
            case WARNING -> "mdi2a-alert";
            case INFO -> "mdi2i-information";
        });
        icon.setIconSize(28);
        icon.getStyleClass().add("notice-icon-" + notice.level().name().toLowerCase(Locale.ROOT));
        HBox graphic = new HBox(10, icon, text);
        graphic.setAlignment(Pos.CENTER_LEFT);
        Notifications.create().owner(stage).title(notice.title()).graphic(graphic)
                .hideAfter(notice.level() == Notice.Level.INFO ? Duration.seconds(6) : Duration.INDEFINITE)
                .action(new Action("Copy", e -> {
                    ClipboardContent content = new ClipboardContent();
                    content.putString(notice.title() + ": " + notice.text());
                    Clipboard.getSystemClipboard().setContent(content);
                }))
                .position(Pos.BOTTOM_RIGHT).show();
    }

    /** One dialog for the explorer's life: closing it leaves a download running, reopening shows it again. */
    private void getCoco() {
        if (getCocoDialog == null) {
            getCocoDialog = new GetCocoDialog(stage, vm.getCoco());
        }
        getCocoDialog.show();
        getCocoDialog.toFront();
    }

    /** The index with the map's x/y, for pandas, DuckDB, Embedding Atlas or latent-scope. */
    private void exportParquet() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export as Parquet");
        chooser.setInitialFileName((vm.datasetProperty().get() == null ? "index"
                : vm.datasetProperty().get().dataset().name()) + ".parquet");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Parquet", "*.parquet"));
        File file = chooser.showSaveDialog(stage);
        if (file != null) {
            vm.exportParquet(file.toPath());
        }
    }

    private void chooseDataset() {
        new OpenDatasetDialog(stage).showAndWait().ifPresent(vm::openSession);
    }

    private void chooseModel() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open model");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("DualPath model", "*.zip"));
        File file = chooser.showOpenDialog(stage);
        if (file != null) {
            vm.openModel(file.toPath());
        }
    }

    private void chooseImage() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Search with an image");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Images", "*.png", "*.jpg", "*.jpeg", "*.bmp", "*.gif"));
        File file = chooser.showOpenDialog(stage);
        if (file != null) {
            vm.query().searchImageFile(file.toPath());
        }
    }

    /** Scrolls the gallery to the row of {@code image} when that row is not in view. */
    private void revealInGallery(CocoImage image) {
        int index = image == null ? -1 : gallery.getItems().indexOf(image);
        if (index < 0 || !(gallery.getSkin() instanceof GridViewSkin<?> skin)
                || !(gallery.lookup(".virtual-flow") instanceof VirtualFlow<?> flow)
                || flow.getFirstVisibleCell() == null || flow.getLastVisibleCell() == null) {
            return;
        }
        int row = index / Math.max(1, skin.computeMaxCellsInRow());
        if (row < flow.getFirstVisibleCell().getIndex() || row > flow.getLastVisibleCell().getIndex()) {
            flow.scrollTo(row);
        }
    }
}
