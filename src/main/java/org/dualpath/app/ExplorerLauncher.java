package org.dualpath.app;

import javafx.application.Application;
import org.slf4j.LoggerFactory;

/**
 * Entry point that does not extend {@link Application}, so the explorer starts with JavaFX on the class
 * path (DL4J cannot run as a module).
 */
public final class ExplorerLauncher {
    private ExplorerLauncher() {
    }

    public static void main(String[] args) {
        warmUp();
        Application.launch(ExplorerApp.class, args);
    }

    /**
     * Configures logging (Logback parses its XML configuration: a few hundred classes) on a background thread
     * while JavaFX starts, instead of on the JavaFX thread when the first view-model class asks for a logger.
     */
    public static void warmUp() {
        Thread t = new Thread(LoggerFactory::getILoggerFactory, "dualpath-warm-up");
        t.setDaemon(true);
        t.start();
    }
}
