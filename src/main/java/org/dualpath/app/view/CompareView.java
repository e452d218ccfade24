package org.dualpath.app.view;

import javafx.beans.binding.Bindings;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.dualpath.app.viewmodel.CompareMapsViewModel;
import org.dualpath.app.viewmodel.CompareViewModel;
import org.dualpath.app.viewmodel.MapSettings;
import org.dualpath.projection.MapMethod;
import org.dualpath.projection.Modality;
import org.dualpath.app.viewmodel.EvaluateViewModel;
import org.dualpath.app.viewmodel.ExplorerViewModel;
import org.dualpath.common.Texts;
import org.dualpath.eval.FailureCase;
import org.dualpath.eval.ModelComparison.DirectionComparison;
import org.dualpath.report.ComparedQuery;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The Compare tab: model B chosen beside the open model (A), both recall tables side by side with B − A, the scatter
 * of every query's ground-truth rank under A against B, and the queries that improved and regressed most; a click on
 * one (or on a point) shows it in Results answered by both models side by side; and both models' maps, B's aligned to
 * A's, with linked selection and hover.
 */
final class CompareView extends VBox {
    private static final int THUMB = 48;

    private final CompareViewModel vm;

    CompareView(ExplorerViewModel explorer, ThumbnailLoader thumbnails) {
        super(6);
        vm = explorer.comparison();
        setPadding(new Insets(6));
        setId("compare-view");

        Button choose = Actions.iconButton("mdi2f-folder-open", "Choose model B: another model or an earlier checkpoint (.zip.checkpoint)",
                this::chooseModelB);
        choose.setText("Model B…");
        choose.setId("compare-choose");
        Button run = Actions.iconButton("mdi2p-play", "Compare model A with model B on the chosen images", vm::compare);
        run.setId("compare-run");
        run.disableProperty().bind(vm.runningProperty().or(vm.modelBProperty().isNull()));
        Button cancel = Actions.iconButton("mdi2c-cancel", "Cancel model B's embedding or the comparison", vm::cancel);
        cancel.visibleProperty().bind(vm.runningProperty());
        ComboBox<EvaluateViewModel.Scope> scope = new ComboBox<>();
        scope.getItems().setAll(EvaluateViewModel.Scope.values());
        scope.valueProperty().bindBidirectional(vm.scopeProperty());
        scope.setTooltip(new Tooltip("Which images both models are evaluated on"));
        scope.setMinWidth(Region.USE_PREF_SIZE);
        Label images = new Label("images");
        images.setMinWidth(Region.USE_PREF_SIZE);
        Label note = new Label();
        note.setId("compare-note");
        note.getStyleClass().add("note");
        note.textProperty().bind(vm.noteProperty());
        note.setMinWidth(0);
        HBox bar = new HBox(8, choose, images, scope, run, cancel, note);
        bar.setAlignment(Pos.CENTER_LEFT);

        Label models = new Label();
        models.setId("compare-models");
        models.textProperty().bind(Bindings.createStringBinding(() -> "A: " + name(vm.modelAProperty().get())
                + "   ·   B: " + name(vm.modelBProperty().get()), vm.modelAProperty(), vm.modelBProperty()));

        TableView<CompareViewModel.Row> table = table();
        Label rsum = new Label();
        rsum.setId("compare-rsum");
        vm.resultProperty().addListener((obs, old, r) -> {
            table.getItems().setAll(r == null ? List.of() : r.rows());
            rsum.setText(r == null ? "" : String.format(Locale.ROOT, "rsum A %.1f · B %.1f · B − A %+.1f · %s · %,d images, %,d captions",
                    r.comparison().a().rsum(), r.comparison().b().rsum(), r.comparison().rsumChange(), r.scope(),
                    r.comparison().images(), r.comparison().captions()));
        });

        ComboBox<FailureCase.Direction> direction = DirectionChoice.of(vm.directionProperty());
        RankScatter scatter = new RankScatter(vm::open);
        vm.shownProperty().addListener((obs, old, d) -> scatter.show(d == null ? null : d.queries()));
        Label counts = new Label();
        counts.setId("compare-counts");
        counts.getStyleClass().add("note");
        counts.textProperty().bind(Bindings.createStringBinding(() -> {
            DirectionComparison d = vm.shownProperty().get();
            return d == null ? "" : String.format(Locale.ROOT, "%,d improved (green) · %,d regressed (red) · %,d the same (grey)",
                    d.improvedCount(), d.regressedCount(), d.unchanged());
        }, vm.shownProperty()));
        counts.setMinWidth(0);
        counts.setWrapText(true);
        VBox scatterPane = new VBox(4, direction, counts, scatter);
        VBox.setVgrow(scatter, Priority.ALWAYS);

        ListView<ComparedQuery> improved = list("compare-improved", vm.improved(), thumbnails);
        ListView<ComparedQuery> regressed = list("compare-regressed", vm.regressed(), thumbnails);
        VBox.setVgrow(improved, Priority.ALWAYS);
        VBox.setVgrow(regressed, Priority.ALWAYS);
        VBox lists = new VBox(4, section("Most improved under B (click one to see both rankings)"),
                improved, section("Most regressed under B"), regressed);

        SplitPane ranks = new SplitPane(scatterPane, lists);
        ranks.setDividerPositions(0.5);
        SplitPane body = new SplitPane(ranks, maps(thumbnails));
        body.setOrientation(javafx.geometry.Orientation.VERTICAL);
        body.setDividerPositions(0.42);
        VBox.setVgrow(body, Priority.ALWAYS);
        getChildren().addAll(bar, models, table, rsum, body);
    }

    /**
     * Both models' maps side by side with their settings: A's as the Map tab lays it out, B's aligned to it; a
     * lasso (Shift+drag) or click in one rings the same items in both, hovering marks the item in both.
     */
    private VBox maps(ThumbnailLoader thumbnails) {
        CompareMapsViewModel maps = vm.maps();
        ComboBox<MapMethod> method = new ComboBox<>();
        method.getItems().setAll(MapMethod.values());
        method.valueProperty().bindBidirectional(maps.settings().methodProperty());
        method.setId("compare-map-method");
        ComboBox<Modality> modality = new ComboBox<>();
        modality.getItems().setAll(Modality.values());
        modality.valueProperty().bindBidirectional(maps.settings().modalityProperty());
        ComboBox<MapSettings.Subset> subset = new ComboBox<>();
        subset.getItems().setAll(MapSettings.Subset.values());
        subset.valueProperty().bindBidirectional(maps.settings().subsetProperty());
        Button run = Actions.iconButton("mdi2p-play", "Lay out both maps: model A's, then model B's started from it and aligned to it",
                maps::compute);
        run.setId("compare-maps-run");
        run.disableProperty().bind(maps.runningProperty().or(vm.modelBProperty().isNull()));
        Button cancel = Actions.iconButton("mdi2c-cancel", "Cancel the maps", maps::cancel);
        cancel.visibleProperty().bind(maps.runningProperty());
        Button clear = Actions.iconButton("mdi2s-selection-off", "Clear the selection in both maps", maps::clearSelection);
        Label selection = new Label();
        selection.setId("compare-maps-selection");
        selection.textProperty().bind(maps.selectionNoteProperty());
        Label help = new Label("Shift+drag: lasso · click: select · both maps ring the same items");
        help.getStyleClass().add("note");
        HBox settings = new HBox(6, section("Maps"), method, modality, new Label("of"), subset, run, cancel, clear, help, selection);
        settings.setAlignment(Pos.CENTER_LEFT);
        MapCanvas a = new MapCanvas(maps.a(), thumbnails, () -> false, "compare-map-a");
        MapCanvas b = new MapCanvas(maps.b(), thumbnails, () -> false, "compare-map-b");
        Label titleA = new Label();
        titleA.textProperty().bind(Bindings.createStringBinding(() -> "model A: " + name(vm.modelAProperty().get()),
                vm.modelAProperty()));
        Label titleB = new Label();
        titleB.textProperty().bind(Bindings.createStringBinding(() -> "model B: " + name(vm.modelBProperty().get())
                + " (aligned to A)", vm.modelBProperty()));
        VBox columnA = new VBox(2, titleA, a);
        VBox columnB = new VBox(2, titleB, b);
        VBox.setVgrow(a, Priority.ALWAYS);
        VBox.setVgrow(b, Priority.ALWAYS);
        HBox both = new HBox(6, columnA, columnB);
        HBox.setHgrow(columnA, Priority.ALWAYS);
        HBox.setHgrow(columnB, Priority.ALWAYS);
        columnA.setPrefWidth(100);
        columnB.setPrefWidth(100);
        VBox.setVgrow(both, Priority.ALWAYS);
        Label note = new Label();
        note.setId("compare-maps-note");
        note.getStyleClass().add("note");
        note.textProperty().bind(maps.noteProperty());
        note.setWrapText(true);
        note.setMinHeight(Region.USE_PREF_SIZE);
        return new VBox(4, settings, both, note);
    }

    private void chooseModelB() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Model B to compare with");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("DualPath model or checkpoint", "*.zip", "*.checkpoint"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File file = chooser.showOpenDialog(getScene().getWindow());
        if (file != null) {
            vm.openModelB(file.toPath());
        }
    }

    private static String name(Path file) {
        return file == null ? "none" : file.getFileName().toString();
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section");
        return l;
    }

    /**
     * Per direction three rows, A, B and B − A, with R@1, R@5, R@10 (A's with the chance level, the same for B, in
     * parentheses), MedR and MeanR: one above the other so that the table fits the tab.
     */
    private static TableView<CompareViewModel.Row> table() {
        TableView<CompareViewModel.Row> table = new TableView<>();
        table.setId("compare-table");
        table.getColumns().add(EvaluateView.column("direction", r -> r.model().equals("A") ? r.figures().direction() : "", 95));
        table.getColumns().add(EvaluateView.column("model", CompareViewModel.Row::model, 50));
        table.getColumns().add(EvaluateView.column("queries", r -> r.model().equals("A")
                ? String.format(Locale.ROOT, "%,d", r.figures().queries()) : "", 60));
        table.getColumns().add(EvaluateView.column("R@1", r -> recall(r, r.figures().r1(), r.figures().chance1()), 85));
        table.getColumns().add(EvaluateView.column("R@5", r -> recall(r, r.figures().r5(), r.figures().chance5()), 85));
        table.getColumns().add(EvaluateView.column("R@10", r -> recall(r, r.figures().r10(), r.figures().chance10()), 85));
        table.getColumns().add(EvaluateView.column("MedR", r -> figure(r, r.figures().medianRank()), 55));
        table.getColumns().add(EvaluateView.column("MeanR", r -> figure(r, r.figures().meanRank()), 60));
        table.setTooltip(new Tooltip("Recall in percent (chance in parentheses, the same for both models) and median / "
                + "mean rank of the ground truth, under A, under B, and B − A"));
        table.setFixedCellSize(22);
        table.setPrefHeight(30 + 6 * 22);
        table.setMinHeight(30 + 6 * 22);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("choose model B, then compare"));
        return table;
    }

    private static String recall(CompareViewModel.Row r, double value, double chance) {
        return r.model().equals("A") ? EvaluateView.withChance(value, chance) : figure(r, value);
    }

    private static String figure(CompareViewModel.Row r, double value) {
        return String.format(Locale.ROOT, r.difference() ? "%+.1f" : "%.1f", value);
    }

    private ListView<ComparedQuery> list(String id, ObservableList<ComparedQuery> items, ThumbnailLoader thumbnails) {
        ListView<ComparedQuery> list = new ListView<>(items);
        list.setId(id);
        list.setCellFactory(l -> new ThumbnailTextCell<>(thumbnails, THUMB, q -> Texts.quote(q.query()) + "\n"
                + String.format(Locale.ROOT, "ground truth at rank %,d under A, %,d under B (%+,d)", q.rankA(), q.rankB(),
                q.change()), ComparedQuery::file));
        list.setOnMouseClicked(e -> {
            ComparedQuery q = list.getSelectionModel().getSelectedItem();
            if (q != null) {
                vm.open(q);
            }
        });
        list.setPlaceholder(new Label("none yet"));
        return list;
    }
}
