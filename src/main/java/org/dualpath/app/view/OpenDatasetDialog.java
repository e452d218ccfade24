package org.dualpath.app.view;

import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.dualpath.app.viewmodel.SessionSpec;
import org.kordamp.ikonli.javafx.FontIcon;

import java.io.File;
import java.nio.file.Path;

/** Asks for a dataset: captions JSON and images folder, optionally an instances JSON and a split file. */
final class OpenDatasetDialog extends Dialog<SessionSpec> {
    private final GridPane grid = new GridPane();
    private int rows;

    OpenDatasetDialog(Window owner) {
        initOwner(owner);
        setTitle("Open dataset");
        setHeaderText("A COCO captions file and the folder its image file names are relative to");
        TextField captions = row("Captions JSON", "COCO captions file (required)", false);
        TextField images = row("Images folder", "Folder holding the images (required)", true);
        TextField instances = row("Instances JSON", "COCO instances file for categories (optional)", false);
        TextField split = row("Split file", "Split file or Karpathy JSON (optional; otherwise a seeded split)", false);
        grid.setHgap(8);
        grid.setVgap(8);
        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        getDialogPane().lookupButton(ButtonType.OK).disableProperty()
                .bind(captions.textProperty().isEmpty().or(images.textProperty().isEmpty()));
        setResultConverter(b -> b == ButtonType.OK
                ? new SessionSpec(path(captions), path(images), path(instances), path(split), null) : null);
    }

    private TextField row(String label, String tooltip, boolean folder) {
        TextField field = new TextField();
        field.setPrefColumnCount(40);
        field.setTooltip(new Tooltip(tooltip));
        Button browse = new Button(null, new FontIcon(folder ? "mdi2f-folder-outline" : "mdi2f-file-outline"));
        browse.setTooltip(new Tooltip("Choose…"));
        browse.setOnAction(e -> {
            File chosen;
            if (folder) {
                DirectoryChooser chooser = new DirectoryChooser();
                chooser.setTitle(label);
                chosen = chooser.showDialog(getDialogPane().getScene().getWindow());
            } else {
                FileChooser chooser = new FileChooser();
                chooser.setTitle(label);
                chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("JSON", "*.json"));
                chosen = chooser.showOpenDialog(getDialogPane().getScene().getWindow());
            }
            if (chosen != null) {
                field.setText(chosen.getPath());
            }
        });
        GridPane.setHgrow(field, Priority.ALWAYS);
        grid.addRow(rows++, new Label(label), field, browse);
        return field;
    }

    private static Path path(TextField field) {
        String text = field.getText().strip();
        return text.isEmpty() ? null : Path.of(text);
    }
}
