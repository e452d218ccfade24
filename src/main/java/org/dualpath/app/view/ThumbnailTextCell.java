package org.dualpath.app.view;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * A list cell of an evaluated query: the thumbnail of its image beside lines of text that wrap inside the list
 * rather than scroll it sideways (the Evaluate tab's worst queries, the Compare tab's moved ones).
 */
final class ThumbnailTextCell<T> extends ListCell<T> {
    private final ThumbnailLoader thumbnails;
    private final int size;
    private final Function<T, String> text;
    private final Function<T, Path> file;
    private final ImageView thumb = new ImageView();
    private final Label label = new Label();
    private final HBox row = new HBox(8, thumb, label);

    /** Cells showing {@code file}'s thumbnail at {@code size} px beside {@code text}. */
    ThumbnailTextCell(ThumbnailLoader thumbnails, int size, Function<T, String> text, Function<T, Path> file) {
        this.thumbnails = thumbnails;
        this.size = size;
        this.text = text;
        this.file = file;
        thumb.setFitWidth(size);
        thumb.setFitHeight(size);
        thumb.setPreserveRatio(true);
        label.setWrapText(true);
        label.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(label, Priority.ALWAYS);
        row.setAlignment(Pos.CENTER_LEFT);
        setText(null);
    }

    @Override
    protected void updateItem(T item, boolean empty) {
        super.updateItem(item, empty);
        if (empty || item == null) {
            setGraphic(null);
            thumbnails.show(thumb, null, size, ThumbnailLoader.SETTLE);
            return;
        }
        label.setText(text.apply(item));
        if (!label.prefWidthProperty().isBound()) {
            label.prefWidthProperty().bind(getListView().widthProperty().subtract(size + 40));
        }
        thumbnails.show(thumb, file.apply(item), size, ThumbnailLoader.SETTLE);
        setGraphic(row);
    }
}
