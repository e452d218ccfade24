package org.dualpath.app.view;

import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.dualpath.app.viewmodel.CaptionResult;
import org.dualpath.app.viewmodel.DetailsViewModel;
import org.dualpath.app.viewmodel.ExplorerViewModel;
import org.dualpath.data.CocoCaption;

import java.nio.file.Path;

/**
 * The selected image large, with its ground-truth captions, its nearest captions by the model and its categories;
 * for an image whose file could not be read, why.
 */
final class DetailsView extends ScrollPane {
    static final int LARGE = 320;

    DetailsView(ExplorerViewModel vm, ThumbnailLoader thumbnails) {
        DetailsViewModel details = vm.details();
        ThumbnailView image = new ThumbnailView(LARGE);
        details.fileProperty().addListener((obs, old, file) -> thumbnails.show(image.imageView(), file, LARGE));
        Label heading = new Label();
        heading.textProperty().bind(details.headingProperty());
        heading.setWrapText(true);
        heading.getStyleClass().add("details-heading");
        Label unreadable = new Label();
        unreadable.setId("details-unreadable");
        unreadable.textProperty().bind(details.unreadableProperty());
        unreadable.setWrapText(true);
        unreadable.getStyleClass().add("unreadable-note");
        unreadable.visibleProperty().bind(details.unreadableProperty().isNotEmpty());
        unreadable.managedProperty().bind(unreadable.visibleProperty());

        VBox truth = new VBox(2);
        truth.setId("details-truth");
        details.truthCaptions().addListener((ListChangeListener<CocoCaption>) c -> truth.getChildren().setAll(
                details.truthCaptions().stream().map(caption -> {
                    Label l = new Label("• " + caption.caption());
                    l.setWrapText(true);
                    return l;
                }).toList()));

        ListView<CaptionResult> nearest = new ListView<>(details.nearest());
        nearest.setId("details-nearest");
        nearest.setCellFactory(l -> new CaptionResultCell(vm, true));
        nearest.setPrefHeight(5 * 34 + 4);
        nearest.setPlaceholder(new Label());
        Label nearestNote = new Label();
        nearestNote.textProperty().bind(details.nearestNoteProperty());
        nearestNote.getStyleClass().add("note");

        Label categories = new Label();
        categories.textProperty().bind(details.categoriesProperty());
        categories.setWrapText(true);

        HBox buttons = new HBox(6,
                Actions.iconButton("mdi2i-image-search-outline", "Find images and captions like this image",
                        () -> ifSelected(vm, () -> vm.query().searchDatasetImage(details.selectedProperty().get()))),
                Actions.iconButton("mdi2f-folder-open-outline", "Show the image file in its folder",
                        () -> {
                            Path file = details.fileProperty().get();
                            if (file != null) {
                                vm.showInFolder(file);
                            }
                        }));
        buttons.disableProperty().bind(details.selectedProperty().isNull());
        buttons.setAlignment(Pos.CENTER_LEFT);

        VBox content = new VBox(8, image, heading, unreadable, buttons,
                section("Ground-truth captions"), truth,
                section("Nearest captions by the model"), nearestNote, nearest,
                section("Categories"), categories);
        content.setPadding(new Insets(10));
        content.getStyleClass().add("details");
        setContent(content);
        setFitToWidth(true);
        setId("details");
    }

    private static void ifSelected(ExplorerViewModel vm, Runnable action) {
        if (vm.details().selectedProperty().get() != null) {
            action.run();
        }
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section");
        return l;
    }
}
