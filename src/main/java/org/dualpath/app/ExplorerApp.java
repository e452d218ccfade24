package org.dualpath.app;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/** The DualPath Explorer window. */
public final class ExplorerApp extends Application {
    public static final String TITLE = "DualPath Explorer";

    @Override
    public void start(Stage stage) {
        BorderPane root = new BorderPane(new Label("DualPath Explorer — the explorer views arrive with the GUI issue."));
        stage.setTitle(TITLE);
        stage.setScene(new Scene(root, 1200, 800));
        stage.show();
    }
}
