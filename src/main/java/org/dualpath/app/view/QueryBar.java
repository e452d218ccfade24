package org.dualpath.app.view;

import javafx.embed.swing.SwingFXUtils;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.controlsfx.control.textfield.CustomTextField;
import org.dualpath.common.Texts;
import org.dualpath.app.viewmodel.ExplorerViewModel;
import org.dualpath.app.viewmodel.GalleryViewModel;
import org.dualpath.app.viewmodel.QueryViewModel;
import org.dualpath.data.Split;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The query bar: history, the query field (the view-model searches shortly after the last keystroke, and at
 * once on Enter) with the syntax of query arithmetic in its tooltip and prompt,
 * the chip of an image query, top-K, and the gallery filters.
 */
final class QueryBar extends HBox {
    private final CustomTextField field = new CustomTextField();

    QueryBar(ExplorerViewModel vm, Runnable openImage) {
        super(8);
        QueryViewModel query = vm.query();
        getStyleClass().addAll("tool-bar", "query-bar");
        setAlignment(Pos.CENTER_LEFT);

        MenuButton history = new MenuButton(null, new FontIcon("mdi2h-history"));
        history.setTooltip(new Tooltip("Recent queries"));
        query.history().addListener((ListChangeListener<String>) c -> fillHistory(history, query));
        fillHistory(history, query);

        field.setId("query-field");
        field.setPromptText("Describe an image, e.g. \"a small red circle left of a blue square\" (+word adds, -word subtracts) — or drop an image");
        field.setTooltip(new Tooltip("Type to search images and captions (Ctrl+F); Enter keeps it in the history; Esc clears\n"
                + "Query arithmetic: " + QueryViewModel.SYNTAX_HINT));
        field.setLeft(new FontIcon("mdi2m-magnify"));
        Button clear = Actions.iconButton("mdi2c-close-circle", "Clear the query (Esc)", query::clear);
        clear.getStyleClass().add("clear-button");
        clear.visibleProperty().bind(field.textProperty().isNotEmpty().or(query.imageProperty().isNotNull()));
        field.setRight(clear);
        field.textProperty().bindBidirectional(query.textProperty());
        HBox.setHgrow(field, Priority.ALWAYS);
        field.setMaxWidth(Double.MAX_VALUE);
        field.setOnAction(e -> query.commit());
        // Text dropped on the field searches it; files fall through to the window's drop handler.
        field.setOnDragOver(e -> {
            if (e.getDragboard().hasString() && !e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
                e.consume();
            }
        });
        field.setOnDragDropped(e -> {
            if (e.getDragboard().hasString() && !e.getDragboard().hasFiles()) {
                query.searchText(e.getDragboard().getString());
                e.setDropCompleted(true);
                e.consume();
            }
        });

        ImageView chipImage = new ImageView();
        chipImage.setFitHeight(22);
        chipImage.setPreserveRatio(true);
        Label chipText = new Label();
        Button chipClose = Actions.iconButton("mdi2c-close", "Remove the image query", query::clear);
        HBox chip = new HBox(4, chipImage, chipText, chipClose);
        chip.setId("image-chip");
        chip.getStyleClass().add("chip");
        chip.setAlignment(Pos.CENTER_LEFT);
        chip.visibleProperty().bind(query.imageProperty().isNotNull());
        chip.managedProperty().bind(chip.visibleProperty());
        query.imageProperty().addListener((obs, old, img) -> {
            chipImage.setImage(img == null ? null : SwingFXUtils.toFXImage(img.pixels(), null));
            chipText.setText(img == null ? "" : img.name());
        });

        Spinner<Integer> topK = new Spinner<>(1, 1000, query.topKProperty().get(), 5);
        topK.setId("top-k");
        topK.setEditable(true);
        topK.setPrefWidth(80);
        topK.setTooltip(new Tooltip("How many images and captions to list (top K)"));
        topK.valueProperty().addListener((obs, old, k) -> query.topKProperty().set(k));

        GalleryViewModel gallery = vm.gallery();
        CheckFilter categories = new CheckFilter("category-filter", "Categories",
                "Show only gallery images with any checked category", gallery.categories(), gallery.checkedCategories());
        CheckFilter supercategories = new CheckFilter("supercategory-filter", "Supercategories",
                "Show only gallery images with a category of any checked supercategory",
                gallery.supercategories(), gallery.checkedSupercategories());
        ComboBox<Split> split = new ComboBox<>();
        split.getItems().add(null);
        split.getItems().addAll(Split.values());
        split.setButtonCell(splitCell());
        split.setCellFactory(l -> splitCell());
        split.setTooltip(new Tooltip("Show the gallery images of one split"));
        split.valueProperty().bindBidirectional(gallery.splitProperty());

        getChildren().addAll(history, field, chip,
                Actions.iconButton("mdi2i-image-plus", "Search with an image file (Ctrl+I); or drop or paste one", openImage),
                new Label("top-K"), topK, categories, supercategories, split);
    }

    CustomTextField field() {
        return field;
    }

    private static void fillHistory(MenuButton history, QueryViewModel query) {
        history.getItems().setAll(query.history().stream().map(text -> {
            MenuItem item = new MenuItem(Texts.quote(text));
            item.setOnAction(e -> query.searchText(text));
            return item;
        }).toList());
        history.setDisable(query.history().isEmpty());
    }

    private static ListCell<Split> splitCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(Split item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item == null ? "all splits" : item.id() + " split");
            }
        };
    }
}
