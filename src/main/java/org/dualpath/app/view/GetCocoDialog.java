package org.dualpath.app.view;

import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.dualpath.app.viewmodel.GetCocoViewModel;
import org.dualpath.app.viewmodel.GetCocoViewModel.State;
import org.dualpath.data.CocoDownloads;
import org.dualpath.data.CocoPart;
import org.kordamp.ikonli.javafx.FontIcon;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;

/**
 * File > Get COCO…: the parts, the year and the folder, the sizes and free space ("Check size"), then a progress bar
 * with bytes, rate and time left, and Cancel, which keeps what was downloaded for the next Download. A window of its
 * own, not modal: the explorer stays usable during a long download.
 */
public final class GetCocoDialog extends Stage {
    public GetCocoDialog(Window owner, GetCocoViewModel vm) {
        initOwner(owner);
        setTitle("Get COCO");

        ChoiceBox<Integer> year = new ChoiceBox<>();
        year.getItems().setAll(CocoDownloads.YEARS);
        year.setValue(vm.yearProperty().get());
        year.valueProperty().addListener((o, was, now) -> vm.yearProperty().set(now));

        GridPane choices = new GridPane();
        choices.setHgap(8);
        choices.setVgap(6);
        choices.addRow(0, new Label("Year"), year);
        int row = 1;
        for (CocoPart part : CocoPart.values()) {
            CheckBox box = new CheckBox(part.id() + ": " + part.description());
            box.setMnemonicParsing(false); // dataset_coco.json keeps its underscore
            box.selectedProperty().bindBidirectional(vm.partProperty(part));
            choices.add(box, 1, row++);
        }
        TextField folder = new TextField(String.valueOf(vm.folderProperty().get()));
        folder.setPrefColumnCount(36);
        folder.textProperty().addListener((o, was, now) -> vm.folderProperty().set(now.isBlank() ? null : Path.of(now.strip())));
        Button browse = new Button(null, new FontIcon("mdi2f-folder-outline"));
        browse.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Folder for COCO");
            File chosen = chooser.showDialog(this);
            if (chosen != null) {
                folder.setText(chosen.getPath());
            }
        });
        GridPane.setHgrow(folder, Priority.ALWAYS);
        choices.addRow(row, new Label("Folder"), folder, browse);

        Label summary = wrapping();
        summary.textProperty().bind(vm.summaryProperty());
        summary.textProperty().addListener((o, was, now) -> Platform.runLater(this::sizeToScene)); // after the layout: room for two lines
        Label state = new Label();
        state.setStyle("-fx-font-weight: bold");
        state.textProperty().bind(Bindings.createStringBinding(() -> describe(vm.stateProperty().get(),
                vm.fileProperty().get()), vm.stateProperty(), vm.fileProperty()));
        ProgressBar bar = new ProgressBar(0);
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.setMinHeight(Region.USE_PREF_SIZE);
        bar.progressProperty().bind(vm.progressProperty());
        Label reading = wrapping();
        reading.textProperty().bind(vm.readingProperty());
        Label error = wrapping();
        error.setStyle("-fx-text-fill: #c62828");
        error.textProperty().bind(vm.errorProperty());

        Button size = button("Check size", "mdi2h-harddisk", vm::size);
        Button download = button("Download", "mdi2d-download", vm::start);
        Button cancel = button("Cancel download", "mdi2c-cancel", vm::cancel);
        Button close = new Button("Close");
        close.setOnAction(e -> close());
        vm.stateProperty().addListener((o, was, now) -> {
            boolean running = vm.running();
            size.setDisable(running);
            download.setDisable(running);
            cancel.setDisable(!running);
            choices.setDisable(running);
        });
        cancel.setDisable(true);
        HBox buttons = new HBox(8, size, download, cancel, close);

        VBox root = new VBox(10, choices, summary, state, bar, reading, error, buttons);
        root.setPadding(new Insets(14));
        root.setPrefWidth(640);
        setScene(new Scene(root));
    }

    private static Button button(String text, String icon, Runnable action) {
        Button button = new Button(text, new FontIcon(icon));
        button.setOnAction(e -> action.run());
        return button;
    }

    private static Label wrapping() {
        Label label = new Label();
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE); // wrap onto more lines instead of cutting the summary
        return label;
    }

    private static String describe(State state, String file) {
        String name = state.name().charAt(0) + state.name().substring(1).toLowerCase(Locale.ROOT);
        boolean perFile = state == State.DOWNLOADING || state == State.VERIFYING || state == State.UNPACKING;
        return state == State.CHOOSING ? "Choose the parts and a folder, then Check size or Download"
                : perFile ? name + " " + file : name;
    }
}
