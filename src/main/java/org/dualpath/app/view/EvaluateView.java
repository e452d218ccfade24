package org.dualpath.app.view;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import org.dualpath.app.viewmodel.EvaluateViewModel;
import org.dualpath.app.viewmodel.ExplorerViewModel;
import org.dualpath.app.viewmodel.Notice;
import org.dualpath.common.InputException;
import org.dualpath.common.Texts;
import org.dualpath.eval.FailureCase;
import org.dualpath.eval.Protocol;
import org.dualpath.eval.RankCurves;
import org.dualpath.eval.RecallReport;
import org.dualpath.report.DescribedFailure;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The Evaluate tab: the recall table with chance beside each figure, Recall@K curves and rank histograms of both
 * directions, Recall@K per category when the dataset has instances, and the worst queries with what outranked their
 * ground truth; a click runs that query in Results.
 */
final class EvaluateView extends VBox {
    private static final int THUMB = 56;
    /** Height per category in the per-category chart (both directions' bars and a gap). */
    private static final double CATEGORY_ROW = 26;

    EvaluateView(ExplorerViewModel explorer, ThumbnailLoader thumbnails) {
        super(6);
        EvaluateViewModel vm = explorer.evaluation();
        setPadding(new Insets(6));
        setId("evaluate-view");

        Button run = Actions.iconButton("mdi2p-play", "Evaluate the open model on the chosen images", vm::evaluate);
        run.setId("evaluate-run");
        run.disableProperty().bind(vm.runningProperty());
        ComboBox<EvaluateViewModel.Scope> scope = new ComboBox<>();
        scope.getItems().setAll(EvaluateViewModel.Scope.values());
        scope.valueProperty().bindBidirectional(vm.scopeProperty());
        scope.setTooltip(new Tooltip("Which images are evaluated"));
        ComboBox<Protocol> protocol = new ComboBox<>();
        protocol.getItems().setAll(Protocol.AUTO, Protocol.ALL, Protocol.COCO_1K, Protocol.COCO_5K);
        protocol.valueProperty().bindBidirectional(vm.protocolProperty());
        protocol.setTooltip(new Tooltip("AUTO: COCO 1K folds and 5K for exactly 5,000 images, else all images"));
        Label note = new Label();
        note.setId("evaluate-note");
        note.getStyleClass().add("note");
        note.textProperty().bind(vm.noteProperty());
        Label images = new Label("images");
        images.setMinWidth(Region.USE_PREF_SIZE);
        Label protocolLabel = new Label("protocol");
        protocolLabel.setMinWidth(Region.USE_PREF_SIZE);
        scope.setMinWidth(Region.USE_PREF_SIZE);
        protocol.setMinWidth(Region.USE_PREF_SIZE);
        note.setMinWidth(0);
        Button export = Actions.iconButton("mdi2f-file-export-outline", "Export the evaluation as an HTML report (tables, curves, worst queries, provenance)",
                () -> exportReport(explorer));
        export.disableProperty().bind(vm.resultProperty().isNull());
        HBox bar = new HBox(8, run, images, scope, protocolLabel, protocol, export, note);
        bar.setAlignment(Pos.CENTER_LEFT);

        TableView<EvaluateViewModel.Row> table = new TableView<>();
        table.setId("evaluate-table");
        table.getColumns().add(column("direction", EvaluateViewModel.Row::direction, 95));
        table.getColumns().add(column("queries", r -> String.format(Locale.ROOT, "%,d", r.queries()), 60));
        table.getColumns().add(column("R@1", r -> withChance(r.r1(), r.chance1()), 85));
        table.getColumns().add(column("R@5", r -> withChance(r.r5(), r.chance5()), 85));
        table.getColumns().add(column("R@10", r -> withChance(r.r10(), r.chance10()), 85));
        table.getColumns().add(column("MedR", r -> String.format(Locale.ROOT, "%.1f", r.medianRank()), 50));
        table.getColumns().add(column("MeanR", r -> String.format(Locale.ROOT, "%.1f", r.meanRank()), 55));
        table.setTooltip(new Tooltip("Recall in percent, chance in parentheses; MedR and MeanR: median and mean rank of the ground truth"));
        table.setPrefHeight(92);
        table.setMinHeight(92);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label rsum = new Label();
        rsum.setId("evaluate-rsum");
        Label published = new Label();
        published.setWrapText(true);
        published.getStyleClass().add("note");
        published.textProperty().bind(vm.publishedProperty());
        published.visibleProperty().bind(vm.publishedProperty().isNotEmpty());
        published.managedProperty().bind(published.visibleProperty());

        NumberAxis k = new NumberAxis("K", 1, EvaluateViewModel.MAX_K, 10);
        NumberAxis recall = new NumberAxis("Recall@K (%)", 0, 100, 20);
        LineChart<Number, Number> curves = new LineChart<>(k, recall);
        curves.setId("evaluate-curves");
        curves.setCreateSymbols(false);
        curves.setAnimated(false);
        curves.setTitle("Recall@K");
        CategoryAxis bins = new CategoryAxis();
        bins.setLabel("rank of the ground truth");
        NumberAxis share = new NumberAxis();
        share.setLabel("queries (%)");
        BarChart<String, Number> histogram = new BarChart<>(bins, share);
        histogram.setId("evaluate-histogram");
        histogram.setAnimated(false);
        histogram.setTitle("Rank of the ground truth");
        bins.setLabel(null);
        VBox charts = new VBox(4, curves, histogram);
        VBox.setVgrow(curves, Priority.ALWAYS);
        VBox.setVgrow(histogram, Priority.ALWAYS);
        Tab curvesTab = new Tab("Recall@K and ranks", charts);
        Tab categoriesTab = new Tab("By category", categoryPane(vm));
        categoriesTab.setId("evaluate-categories-tab");
        TabPane chartTabs = new TabPane(curvesTab, categoriesTab);
        chartTabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

        vm.resultProperty().addListener((obs, old, r) -> {
            table.getItems().setAll(r == null ? List.of() : r.rows());
            rsum.setText(r == null ? "" : String.format(Locale.ROOT, "rsum %.1f · %s", r.rsum(), r.scope()));
            curves.getData().clear();
            histogram.getData().clear();
            if (r != null) {
                curves.getData().add(curve("image → text", r.imageToText()));
                curves.getData().add(curve("text → image", r.textToImage()));
                histogram.getData().add(bars("image → text", r.imageToText()));
                histogram.getData().add(bars("text → image", r.textToImage()));
            }
        });

        ComboBox<FailureCase.Direction> direction = DirectionChoice.of(vm.failureDirectionProperty());
        Spinner<Integer> minRank = new Spinner<>(1, 1_000_000, 1, 10);
        minRank.setEditable(true);
        minRank.setPrefWidth(90);
        minRank.setTooltip(new Tooltip("List only queries whose ground truth ranks at least this low"));
        minRank.valueProperty().addListener((obs, old, v) -> vm.minRankProperty().set(v));
        ComboBox<String> category = new ComboBox<>();
        category.setPromptText("any category");
        category.setTooltip(new Tooltip("List only queries whose image has this category"));
        category.valueProperty().bindBidirectional(vm.failureCategoryProperty());
        vm.resultProperty().addListener((obs, old, r) -> {
            TreeSet<String> names = new TreeSet<>();
            if (r != null) {
                r.failures().forEach(f -> names.addAll(f.categories()));
            }
            category.getItems().setAll(names);
            category.getItems().add(0, null);
        });
        ListView<DescribedFailure> failures = new ListView<>(vm.failures());
        failures.setId("evaluate-failures");
        failures.setCellFactory(l -> new ThumbnailTextCell<>(thumbnails, THUMB, EvaluateView::describe, DescribedFailure::file));
        failures.setOnMouseClicked(e -> {
            DescribedFailure f = failures.getSelectionModel().getSelectedItem();
            if (f != null && e.getClickCount() >= 1) {
                vm.open(f);
            }
        });
        failures.setPlaceholder(new Label("evaluate to list the worst queries"));
        VBox.setVgrow(failures, Priority.ALWAYS);
        Label failuresTitle = new Label("Worst queries (click one to run it)");
        failuresTitle.getStyleClass().add("section");
        Label from = new Label("rank ≥");
        from.setMinWidth(Label.USE_PREF_SIZE);
        HBox failureFilters = new HBox(6, direction, from, minRank, category);
        failureFilters.setAlignment(Pos.CENTER_LEFT);
        VBox failurePane = new VBox(6, failuresTitle, failureFilters, failures);

        SplitPane body = new SplitPane(chartTabs, failurePane);
        body.setDividerPositions(0.45);
        VBox.setVgrow(body, Priority.ALWAYS);
        getChildren().addAll(bar, table, rsum, published, body);
    }

    /**
     * Recall@K per category as horizontal bars of both directions, weakest category on top; a click on a bar lists
     * the worst queries of that category.
     */
    private static Region categoryPane(EvaluateViewModel vm) {
        ComboBox<Integer> k = new ComboBox<>();
        k.getItems().setAll(RecallReport.CategoryRecall.KS);
        k.setId("evaluate-category-k");
        k.valueProperty().addListener((obs, old, v) -> {
            if (v != null) {
                vm.categoryKProperty().set(v);
            }
        });
        k.setValue(vm.categoryKProperty().get());
        vm.categoryKProperty().addListener((obs, old, v) -> k.setValue(v.intValue()));
        k.setMinWidth(Region.USE_PREF_SIZE);
        k.setPrefWidth(64);
        k.setTooltip(new Tooltip("The K of the recall shown per category"));
        Label kLabel = new Label("Recall@");
        kLabel.setMinWidth(Region.USE_PREF_SIZE);
        Label hint = new Label("weakest first · click a bar for its worst queries");
        hint.getStyleClass().add("note");
        HBox bar = new HBox(6, kLabel, k, hint);
        bar.setAlignment(Pos.CENTER_LEFT);

        NumberAxis recall = new NumberAxis(0, 100, 20);
        recall.setLabel("Recall@K (%)");
        CategoryAxis names = new CategoryAxis();
        BarChart<Number, String> chart = new BarChart<>(recall, names);
        chart.setId("evaluate-category-chart");
        chart.setAnimated(false);
        chart.setBarGap(0);
        chart.setCategoryGap(4);
        Label empty = new Label("no per-category recall: the open dataset has no instances (categories) file, "
                + "or nothing was evaluated yet");
        empty.setWrapText(true);
        empty.getStyleClass().add("note");
        StackPane holder = new StackPane(chart, empty);
        ScrollPane scroll = new ScrollPane(holder);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        Runnable redraw = () -> {
            List<RecallReport.CategoryRecall> rows = vm.categories();
            int kNow = vm.categoryKProperty().get();
            XYChart.Series<Number, String> imageToText = new XYChart.Series<>();
            imageToText.setName("image → text");
            XYChart.Series<Number, String> textToImage = new XYChart.Series<>();
            textToImage.setName("text → image");
            // the category axis runs bottom to top: add the weakest last so that it is drawn on top
            for (int i = rows.size() - 1; i >= 0; i--) {
                RecallReport.CategoryRecall c = rows.get(i);
                imageToText.getData().add(categoryBar(vm, c, c.imageToText(kNow), c.imageQueries() + " image queries"));
                textToImage.getData().add(categoryBar(vm, c, c.textToImage(kNow), c.captionQueries() + " caption queries"));
            }
            chart.getData().setAll(List.of(imageToText, textToImage));
            List<String> bottomUp = new ArrayList<>(rows.stream().map(RecallReport.CategoryRecall::category).toList());
            Collections.reverse(bottomUp);
            names.getCategories().setAll(bottomUp);
            chart.setMinHeight(Math.max(0, 40.0 + CATEGORY_ROW * rows.size()));
            chart.setVisible(!rows.isEmpty());
            empty.setVisible(rows.isEmpty());
        };
        vm.categories().addListener((javafx.collections.ListChangeListener<RecallReport.CategoryRecall>) c -> redraw.run());
        redraw.run();
        VBox.setVgrow(scroll, Priority.ALWAYS);
        VBox pane = new VBox(6, bar, scroll);
        pane.setPadding(new Insets(4));
        return pane;
    }

    private static XYChart.Data<Number, String> categoryBar(EvaluateViewModel vm, RecallReport.CategoryRecall c,
                                                            double value, String queries) {
        XYChart.Data<Number, String> d = new XYChart.Data<>(value, c.category());
        d.nodeProperty().addListener((obs, old, node) -> {
            if (node != null) {
                Tooltip.install(node, new Tooltip(String.format(Locale.ROOT, "%s: %.1f %% (%s)", c.category(), value, queries)));
                node.setOnMouseClicked(e -> vm.failureCategoryProperty().set(c.category()));
            }
        });
        return d;
    }

    private void exportReport(ExplorerViewModel explorer) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Folder for report.html");
        File dir = chooser.showDialog(getScene().getWindow());
        if (dir == null) {
            return;
        }
        try {
            explorer.notify(Notice.Level.INFO, "Exported", "wrote " + explorer.exportEvaluation(dir.toPath()));
        } catch (InputException | java.io.UncheckedIOException e) {
            explorer.notify(Notice.Level.ERROR, "Export", e.getMessage());
        }
    }

    /** A recall with its chance level in parentheses, two decimals below 10 %. */
    static String withChance(double value, double chance) {
        return String.format(Locale.ROOT, "%.1f (%s)", value, chance >= 10 ? String.format(Locale.ROOT, "%.1f", chance)
                : String.format(Locale.ROOT, "%.2f", chance));
    }

    /** An unsortable column of text, {@code width} wide. */
    static <T> TableColumn<T, String> column(String title, Function<T, String> value, double width) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }

    private static XYChart.Series<Number, Number> curve(String name, RankCurves c) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        double[] r = c.recallAtK();
        for (int i = 0; i < r.length; i++) {
            s.getData().add(new XYChart.Data<>(i + 1, r[i]));
        }
        return s;
    }

    private static XYChart.Series<String, Number> bars(String name, RankCurves c) {
        XYChart.Series<String, Number> s = new XYChart.Series<>();
        s.setName(name);
        long[] h = c.histogram();
        long total = Arrays.stream(h).sum();
        for (int b = 0; b < h.length; b++) {
            s.getData().add(new XYChart.Data<>(RankCurves.BIN_LABELS[b], total == 0 ? 0 : 100.0 * h[b] / total));
        }
        return s;
    }

    /** A failure in words: the query, where its ground truth ranks and what came first. */
    private static String describe(DescribedFailure item) {
        StringBuilder sb = new StringBuilder();
        sb.append(Texts.quote(item.query())).append('\n');
        sb.append(String.format(Locale.ROOT, "ground truth at rank %,d (cos %.3f): %s", item.rank(), item.truthScore(),
                Texts.quote(item.truth())));
        for (DescribedFailure.Above a : item.above()) {
            sb.append(String.format(Locale.ROOT, "%n  %.3f  %s", a.score(), Texts.quote(a.label())));
        }
        return sb.toString();
    }
}
