package org.dualpath.app;

import javafx.application.Application;

/**
 * Entry point that does not extend {@link Application}, so the explorer starts with JavaFX on the class
 * path (DL4J cannot run as a module).
 */
public final class ExplorerLauncher {
    private ExplorerLauncher() {
    }

    public static void main(String[] args) {
        Application.launch(ExplorerApp.class, args);
    }
}
