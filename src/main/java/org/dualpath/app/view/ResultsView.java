package org.dualpath.app.view;

import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.dualpath.app.viewmodel.CaptionResult;
import org.dualpath.app.viewmodel.ExplorerViewModel;
import org.dualpath.app.viewmodel.ImageResult;
import org.dualpath.app.viewmodel.QueryViewModel;

/** The answer to the current query: ranked images beside ranked captions, and where the ground truth ranks. */
final class ResultsView extends BorderPane {
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

        ListView<CaptionResult> captions = new ListView<>(query.captions());
        captions.setId("caption-results");
        captions.setCellFactory(l -> new CaptionResultCell(vm));
        captions.setPlaceholder(new Label("no captions yet"));

        SplitPane lists = new SplitPane(column(query.imagesHeadingProperty(), images),
                column(query.captionsHeadingProperty(), captions));
        lists.setDividerPositions(0.45);
        setTop(summary);
        setCenter(lists);
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
