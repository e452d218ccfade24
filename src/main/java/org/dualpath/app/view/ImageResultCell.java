package org.dualpath.app.view;

import javafx.geometry.Pos;
import javafx.scene.control.ContextMenu;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import org.dualpath.app.viewmodel.ExplorerViewModel;
import org.dualpath.app.viewmodel.ImageResult;

/** One ranked image: rank, thumbnail, cosine score and bar, ground-truth marker, file name. Nodes are built once. */
final class ImageResultCell extends ListCell<ImageResult> {
    static final int THUMB = 56;
    /** Every row's height, so that the list never measures its cells (the thumbnail and the cell's padding). */
    static final double HEIGHT = THUMB + 8;

    private final ThumbnailLoader thumbnails;
    private final Label rank = new Label();
    private final ImageView thumb = new ImageView();
    private final ScoreBar score = new ScoreBar();
    private final Label truth = new Label("✓ ground truth");
    private final Label name = new Label();
    private final HBox row;

    ImageResultCell(ExplorerViewModel vm, ThumbnailLoader thumbnails) {
        this.thumbnails = thumbnails;
        rank.getStyleClass().add("rank");
        rank.setMinWidth(40);
        thumb.setFitWidth(THUMB);
        thumb.setFitHeight(THUMB);
        thumb.setPreserveRatio(true);
        truth.getStyleClass().add("truth");
        truth.setMinWidth(Region.USE_PREF_SIZE);
        name.getStyleClass().add("file-name");
        row = new HBox(8, rank, thumb, score, truth, name);
        row.setAlignment(Pos.CENTER_LEFT);
        name.setMinWidth(0);
        // No horizontal scrolling: a long file name is cut rather than widening the row.
        setPrefWidth(0);
        // Set once and hidden while empty: re-adding it to a cell re-applies CSS to the whole row, which made the
        // first answer after an empty list (a cleared query) cost ~40 ms more on the JavaFX thread.
        row.setVisible(false);
        setGraphic(row);
        // Built on the first right-click: a menu per cell would make scrolling create many popups and icons.
        addEventFilter(ContextMenuEvent.CONTEXT_MENU_REQUESTED, e -> {
            if (getContextMenu() == null) {
                setContextMenu(new ContextMenu(
                        Actions.item("Find similar", "mdi2i-image-search-outline", () -> vm.query().searchDatasetImage(getItem().image())),
                        Actions.item("Search with its first caption", "mdi2m-magnify",
                                () -> vm.datasetProperty().get().dataset().captions(getItem().image().id()).stream().findFirst()
                                        .ifPresent(c -> vm.query().searchText(c.caption()))),
                        Actions.item("Show file in folder", "mdi2f-folder-open-outline", () -> vm.showInFolder(getItem().file()))));
            }
            if (getItem() == null) {
                e.consume();
            }
        });
    }

    @Override
    protected void updateItem(ImageResult item, boolean empty) {
        super.updateItem(item, empty);
        row.setVisible(!empty && item != null);
        if (empty || item == null) {
            thumbnails.show(thumb, null, THUMB, ThumbnailLoader.SETTLE);
            return;
        }
        rank.setText("#" + item.rank());
        score.set(item.score());
        truth.setVisible(item.truth());
        truth.setManaged(item.truth());
        name.setText(item.image().fileName());
        // Answers replace each other while the query is typed: decode only the thumbnails of one that stays.
        thumbnails.show(thumb, item.file(), THUMB, ThumbnailLoader.SETTLE);
        pseudoClassStateChanged(GalleryCell.TRUTH, item.truth());
    }
}
