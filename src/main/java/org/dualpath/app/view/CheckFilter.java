package org.dualpath.app.view;

import javafx.beans.InvalidationListener;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import org.controlsfx.control.CheckComboBox;

/**
 * A gallery filter as a drop-down of check boxes titled "Title (checked/total)", kept in step with a view-model's
 * choices and checked list. ControlsFX 11.2's {@code CheckComboBoxSkin} builds its text only when the checks change
 * (controlsfx#1023: not when the items do), and its check model keeps checked indices when the items are replaced;
 * so a box made before the dataset loaded said "(0/0)" for good. A new box is therefore made for every new list of
 * choices, starting from the view-model's checked items.
 */
final class CheckFilter extends StackPane {
    private final String id;
    private final String title;
    private final String tooltip;
    private final ObservableList<String> choices;
    private final ObservableList<String> checked;

    /** A filter over {@code choices}, writing the checked ones to {@code checked}; the box gets {@code id}. */
    CheckFilter(String id, String title, String tooltip, ObservableList<String> choices, ObservableList<String> checked) {
        this.id = id;
        this.title = title;
        this.tooltip = tooltip;
        this.choices = choices;
        this.checked = checked;
        choices.addListener((InvalidationListener) o -> rebuild());
        rebuild();
    }

    private void rebuild() {
        CheckComboBox<String> box = new CheckComboBox<>(FXCollections.observableArrayList(choices));
        box.setId(id);
        box.setTitle(title);
        box.setShowCheckedCount(true);
        box.setTooltip(new Tooltip(tooltip));
        box.setDisable(choices.isEmpty());
        checked.stream().filter(choices::contains).forEach(box.getCheckModel()::check);
        box.getCheckModel().getCheckedItems().addListener((ListChangeListener<String>) c ->
                checked.setAll(box.getCheckModel().getCheckedItems()));
        getChildren().setAll(box);
    }
}
