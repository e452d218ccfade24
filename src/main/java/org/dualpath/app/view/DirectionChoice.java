package org.dualpath.app.view;

import javafx.beans.property.Property;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.layout.Region;
import org.dualpath.eval.FailureCase;

/** A choice of retrieval direction, text → image first, bound to a view-model's property. */
final class DirectionChoice {
    private DirectionChoice() {
    }

    static ComboBox<FailureCase.Direction> of(Property<FailureCase.Direction> direction) {
        ComboBox<FailureCase.Direction> box = new ComboBox<>();
        box.getItems().setAll(FailureCase.Direction.TEXT_TO_IMAGE, FailureCase.Direction.IMAGE_TO_TEXT);
        box.valueProperty().bindBidirectional(direction);
        box.setButtonCell(cell());
        box.setCellFactory(l -> cell());
        box.setMinWidth(Region.USE_PREF_SIZE);
        return box;
    }

    /** How a direction is named in lists and tables. */
    static String name(FailureCase.Direction d) {
        return d == FailureCase.Direction.TEXT_TO_IMAGE ? "text → image" : "image → text";
    }

    private static ListCell<FailureCase.Direction> cell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(FailureCase.Direction item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : name(item));
            }
        };
    }
}
