package org.dualpath.app.view;

import javafx.geometry.Pos;
import javafx.scene.control.ContextMenu;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.dualpath.app.viewmodel.CaptionResult;
import org.dualpath.app.viewmodel.ExplorerViewModel;

/**
 * One ranked caption: rank, cosine score and bar, ground-truth marker, text, on one line, or (stacked, for narrow
 * lists) the text under the rest so that it keeps the list's width. Nodes are built once.
 */
final class CaptionResultCell extends ListCell<CaptionResult> {
    private final Label rank = new Label();
    private final ScoreBar score = new ScoreBar();
    private final Label truth = new Label("✓");
    private final Label text = new Label();
    private final Pane row;

    CaptionResultCell(ExplorerViewModel vm, boolean stacked) {
        rank.getStyleClass().add("rank");
        rank.setMinWidth(40);
        truth.getStyleClass().add("truth");
        truth.setMinWidth(14);
        text.setWrapText(true);
        text.setMaxWidth(Double.MAX_VALUE);
        if (stacked) {
            HBox head = new HBox(8, rank, score, truth);
            head.setAlignment(Pos.CENTER_LEFT);
            row = new VBox(2, head, text);
        } else {
            HBox.setHgrow(text, Priority.ALWAYS);
            HBox line = new HBox(8, rank, score, truth, text);
            line.setAlignment(Pos.CENTER_LEFT);
            row = line;
        }
        setPrefWidth(0);
        // Set once and hidden while empty: re-adding it to a cell re-applies CSS to the whole row, which made the
        // first answer after an empty list (a cleared query) cost ~40 ms more on the JavaFX thread.
        row.setVisible(false);
        setGraphic(row);
        // Built on the first right-click: a menu per cell would make scrolling create many popups and icons.
        addEventFilter(ContextMenuEvent.CONTEXT_MENU_REQUESTED, e -> {
            if (getContextMenu() == null) {
                setContextMenu(new ContextMenu(
                        Actions.item("Search with this", "mdi2m-magnify", () -> vm.query().searchText(getItem().caption().caption())),
                        Actions.item("Copy caption", "mdi2c-content-copy", () -> Actions.copy(getItem().caption().caption())),
                        Actions.item("Show its image", "mdi2i-image-outline", () -> vm.details().selectedProperty()
                                .set(vm.datasetProperty().get().dataset().image(getItem().caption().imageId()))),
                        Actions.item("Show its image file in folder", "mdi2f-folder-open-outline", () -> {
                            var d = vm.datasetProperty().get().dataset();
                            vm.showInFolder(d.imagePath(d.image(getItem().caption().imageId())));
                        })));
            }
            if (getItem() == null) {
                e.consume();
            }
        });
    }

    @Override
    protected void updateItem(CaptionResult item, boolean empty) {
        super.updateItem(item, empty);
        row.setVisible(!empty && item != null);
        if (empty || item == null) {
            return;
        }
        rank.setText("#" + item.rank());
        score.set(item.score());
        truth.setText(item.truth() ? "✓" : "");
        text.setText(item.caption().caption());
        pseudoClassStateChanged(GalleryCell.TRUTH, item.truth());
    }
}
