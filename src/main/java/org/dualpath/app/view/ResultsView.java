package org.dualpath.app.view;

import javafx.animation.AnimationTimer;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.dualpath.app.viewmodel.CaptionResult;
import org.dualpath.app.viewmodel.ComparedResults;
import org.dualpath.common.Texts;
import org.dualpath.eval.FailureCase;
import org.dualpath.app.viewmodel.ExplorerViewModel;
import org.dualpath.app.viewmodel.ImageResult;
import org.dualpath.app.viewmodel.QueryViewModel;
import org.dualpath.data.CocoCaption;
import org.dualpath.data.CocoImage;
import org.dualpath.data.Dataset;

import java.util.ArrayList;
import java.util.List;

/**
 * The answer to the current query: ranked images beside ranked captions, and where the ground truth ranks; or a
 * query clicked in the Compare tab, answered by both models side by side.
 */
final class ResultsView extends BorderPane {
    /** More rows than a results list shows on a large screen. */
    private static final int PLACEHOLDER_ROWS = 24;

    ResultsView(ExplorerViewModel vm, ThumbnailLoader thumbnails) {
        QueryViewModel query = vm.query();
        Label summary = new Label();
        summary.setId("query-summary");
        summary.textProperty().bind(query.summaryProperty());
        summary.getStyleClass().add("summary");
        summary.setWrapText(true);
        summary.setPadding(new Insets(6, 10, 6, 10));

        ListView<ImageResult> images = new ListView<>(query.images());
        images.setId("image-results");
        images.setCellFactory(l -> new ImageResultCell(vm, thumbnails));
        images.setFixedCellSize(ImageResultCell.HEIGHT);
        images.setPlaceholder(new Label("no images yet"));
        images.getSelectionModel().selectedItemProperty().addListener((obs, old, r) -> {
            if (r != null) {
                vm.details().selectedProperty().set(r.image());
            }
        });

        ObservableList<CaptionResult> shownCaptions = onePulseLater(query.captions());
        ListView<CaptionResult> captions = new ListView<>(shownCaptions);
        captions.setId("caption-results");
        captions.setCellFactory(l -> new CaptionResultCell(vm, false));
        captions.setPlaceholder(new Label("no captions yet"));

        vm.datasetProperty().addListener((obs, old, open) -> {
            if (open != null && query.images().isEmpty()) {
                makeCells(images, captions, open.dataset());
                images.setItems(query.images());
                captions.setItems(shownCaptions);
            }
        });

        SplitPane lists = new SplitPane(column(query.imagesHeadingProperty(), images),
                column(query.captionsHeadingProperty(), captions));
        lists.setDividerPositions(0.45);
        setTop(summary);
        setCenter(lists);
        vm.comparison().results().shownProperty().addListener((obs, old, shown) -> {
            setCenter(shown == null ? lists : compared(vm, thumbnails, shown));
            summary.textProperty().unbind();
            if (shown == null) {
                summary.textProperty().bind(query.summaryProperty());
            } else {
                summary.setText("compared query: " + Texts.quote(shown.query().query()) + " · "
                        + (shown.query().direction() == FailureCase.Direction.TEXT_TO_IMAGE ? "text → image" : "image → text")
                        + " · cosine similarity, ✓ ground truth · both models answer it on the same images");
            }
        });
    }

    /** A compared query's two rankings side by side, model A's left, B's right (the Compare tab's click). */
    private static SplitPane compared(ExplorerViewModel vm, ThumbnailLoader thumbnails, ComparedResults.Shown shown) {
        SplitPane both = new SplitPane(comparedColumn(vm, thumbnails, shown.a(), "compared-a"),
                comparedColumn(vm, thumbnails, shown.b(), "compared-b"));
        both.setId("compared-results");
        both.setDividerPositions(0.5);
        return both;
    }

    private static VBox comparedColumn(ExplorerViewModel vm, ThumbnailLoader thumbnails, ComparedResults.Column c, String id) {
        Label title = new Label(c.heading());
        title.getStyleClass().add("section");
        Label where = new Label(c.summary());
        where.getStyleClass().add("note");
        where.setWrapText(true);
        ListView<?> list;
        if (!c.images().isEmpty()) {
            ListView<ImageResult> images = new ListView<>(FXCollections.observableList(c.images()));
            images.setCellFactory(l -> new ImageResultCell(vm, thumbnails));
            images.setFixedCellSize(ImageResultCell.HEIGHT);
            list = images;
        } else {
            ListView<CaptionResult> captions = new ListView<>(FXCollections.observableList(c.captions()));
            captions.setCellFactory(l -> new CaptionResultCell(vm, false));
            list = captions;
        }
        list.setId(id);
        VBox.setVgrow(list, Priority.ALWAYS);
        VBox column = new VBox(2, title, where, list);
        column.setPadding(new Insets(4, 8, 4, 8));
        return column;
    }

    /**
     * Lays both lists out once over placeholder rows made from the dataset's first images, so that they create
     * their cells (skins, CSS) now and reuse them later: otherwise the first answer builds every visible cell in
     * one JavaFX pulse, which stalled typing by ~100 ms. The caller puts the real lists back.
     */
    private static void makeCells(ListView<ImageResult> images, ListView<CaptionResult> captions, Dataset dataset) {
        List<ImageResult> imageRows = new ArrayList<>();
        List<CaptionResult> captionRows = new ArrayList<>();
        for (CocoImage image : dataset.images().subList(0, Math.min(PLACEHOLDER_ROWS, dataset.images().size()))) {
            imageRows.add(new ImageResult(imageRows.size() + 1, image, dataset.imagePath(image), 0, false));
            for (CocoCaption caption : dataset.captions(image.id())) {
                captionRows.add(new CaptionResult(captionRows.size() + 1, caption, 0, false));
            }
        }
        images.setItems(FXCollections.observableList(imageRows));
        captions.setItems(FXCollections.observableList(captionRows));
        for (ListView<?> list : List.of(images, captions)) {
            list.applyCss();
            list.layout();
        }
    }

    /**
     * A copy of {@code source} that follows it one JavaFX pulse late, for the captions list: filling both result
     * lists in the pulse that shows an answer took ~30 ms of JavaFX-thread time, so the images come in that pulse
     * and the captions in the next.
     */
    private static ObservableList<CaptionResult> onePulseLater(ObservableList<CaptionResult> source) {
        ObservableList<CaptionResult> copy = FXCollections.observableArrayList(source);
        AnimationTimer follow = new AnimationTimer() {
            private boolean waited;

            @Override
            public void handle(long now) {
                // Timers run first in a pulse: the first call is the pulse that lays out the images.
                if (!waited) {
                    waited = true;
                    return;
                }
                waited = false;
                stop();
                copy.setAll(source);
            }
        };
        source.addListener((ListChangeListener<CaptionResult>) c -> follow.start());
        return copy;
    }

    private static VBox column(ObservableStringValue heading, ListView<?> list) {
        Label title = new Label();
        title.textProperty().bind(heading);
        title.getStyleClass().add("section");
        title.setPadding(new Insets(4, 8, 4, 8));
        VBox.setVgrow(list, Priority.ALWAYS);
        return new VBox(title, list);
    }
}
