package org.dualpath.app.view;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.scene.image.ImageView;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * A thumbnail's image view that shows a broken-image icon when {@link ThumbnailLoader} could not decode the file:
 * a file that will never load must not look like one still loading (an empty view) or like a grey picture.
 */
final class ThumbnailView extends StackPane {
    private final ImageView image = new ImageView();
    private final FontIcon brokenIcon = new FontIcon("mdi2i-image-broken-variant");
    private final ReadOnlyBooleanWrapper unreadable = new ReadOnlyBooleanWrapper();

    /** A view fitting thumbnails into {@code size x size}; the icon's size comes from the style sheet. */
    ThumbnailView(int size) {
        image.setFitWidth(size);
        image.setFitHeight(size);
        image.setPreserveRatio(true);
        brokenIcon.getStyleClass().add("unreadable-icon");
        brokenIcon.visibleProperty().bind(unreadable);
        image.visibleProperty().bind(unreadable.not());
        image.imageProperty().addListener((obs, old, img) -> unreadable.set(ThumbnailLoader.unreadable(img)));
        getChildren().addAll(image, brokenIcon);
    }

    /** The view {@link ThumbnailLoader#show} fills. */
    ImageView imageView() {
        return image;
    }

    /** Whether the file shown could not be decoded. */
    ReadOnlyBooleanProperty unreadableProperty() {
        return unreadable.getReadOnlyProperty();
    }
}
