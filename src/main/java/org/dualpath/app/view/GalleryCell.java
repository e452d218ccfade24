package org.dualpath.app.view;

import javafx.beans.value.ChangeListener;
import javafx.beans.value.WeakChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.ContextMenu;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.controlsfx.control.GridCell;
import org.dualpath.app.viewmodel.ExplorerViewModel;
import org.dualpath.data.CocoImage;

import java.nio.file.Path;

/**
 * A gallery cell. GridView reuses cells with known update bugs, so the nodes are built once here and
 * {@link #updateItem} only swaps the image and the text; the placeholder shows until the thumbnail arrives.
 * The graphic is set once and hidden while the cell is empty: GridView empties every cell of a row before
 * refilling it, and removing and re-adding the graphic each time re-applied CSS to the whole cell while scrolling.
 * An image whose file cannot be read shows a broken-image icon and says so (pseudo-class {@code unreadable}), so it
 * is not taken for one still loading; the details pane says why.
 */
final class GalleryCell extends GridCell<CocoImage> {
    static final int THUMB = 96;
    static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    static final PseudoClass TRUTH = PseudoClass.getPseudoClass("truth");
    static final PseudoClass UNREADABLE = PseudoClass.getPseudoClass("unreadable");
    static final String CANNOT_BE_READ = "cannot be read";

    private final ExplorerViewModel vm;
    private final ThumbnailLoader thumbnails;
    private final ThumbnailView image = new ThumbnailView(THUMB);
    private final Label caption = new Label();
    private final VBox box;
    private final ChangeListener<CocoImage> onSelection =
            (obs, old, sel) -> pseudoClassStateChanged(SELECTED, sel != null && sel == getItem());

    GalleryCell(ExplorerViewModel vm, ThumbnailLoader thumbnails) {
        this.vm = vm;
        this.thumbnails = thumbnails;
        getStyleClass().add("gallery-cell");
        caption.getStyleClass().add("gallery-label");
        image.unreadableProperty().addListener((obs, was, unreadable) -> showLabel());
        box = new VBox(2, image, caption);
        box.setAlignment(Pos.CENTER);
        setOnMouseClicked(e -> {
            if (getItem() != null) {
                vm.details().selectedProperty().set(getItem());
            }
        });
        // Built on the first right-click: a menu per cell would make scrolling create many popups and icons.
        addEventFilter(ContextMenuEvent.CONTEXT_MENU_REQUESTED, e -> {
            if (getContextMenu() == null) {
                setContextMenu(new ContextMenu(
                        Actions.item("Find similar", "mdi2i-image-search-outline", () -> vm.query().searchDatasetImage(getItem())),
                        Actions.item("Show file in folder", "mdi2f-folder-open-outline", () -> vm.showInFolder(path(getItem())))));
            }
            if (getItem() == null) {
                e.consume();
            }
        });
        box.setMinSize(THUMB + 8, THUMB + 20);
        box.setVisible(false);
        setGraphic(box);
        // Weak, as the grid replaces its cells when its column count changes.
        vm.details().selectedProperty().addListener(new WeakChangeListener<>(onSelection));
    }

    private Path path(CocoImage item) {
        return vm.datasetProperty().get().dataset().imagePath(item);
    }

    @Override
    protected void updateItem(CocoImage item, boolean empty) {
        super.updateItem(item, empty);
        box.setVisible(!empty && item != null);
        if (empty || item == null) {
            thumbnails.show(image.imageView(), null, THUMB, ThumbnailLoader.SETTLE);
            pseudoClassStateChanged(SELECTED, false);
            return;
        }
        thumbnails.show(image.imageView(), path(item), THUMB, ThumbnailLoader.SETTLE);
        showLabel();
        pseudoClassStateChanged(SELECTED, item == vm.details().selectedProperty().get());
    }

    private void showLabel() {
        boolean unreadable = image.unreadableProperty().get();
        CocoImage item = getItem();
        caption.setText(item == null ? "" : "#" + item.id() + (unreadable ? " · " + CANNOT_BE_READ : ""));
        pseudoClassStateChanged(UNREADABLE, unreadable && item != null);
    }
}
