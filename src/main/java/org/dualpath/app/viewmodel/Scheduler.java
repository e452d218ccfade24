package org.dualpath.app.viewmodel;

import javafx.animation.PauseTransition;
import javafx.util.Duration;

/**
 * Runs an action after a delay: on the JavaFX thread in the explorer, when a test advances its clock in unit
 * tests, so that a debounce is tested without waiting or racing a timer.
 */
public interface Scheduler {
    /** Runs {@code action} after {@code delayMillis}; the returned action cancels it if it has not run yet. */
    Runnable schedule(long delayMillis, Runnable action);

    /** The explorer's scheduler: a pause transition on the JavaFX thread. */
    static Scheduler fx() {
        return (delayMillis, action) -> {
            PauseTransition pause = new PauseTransition(Duration.millis(delayMillis));
            pause.setOnFinished(e -> action.run());
            pause.play();
            return pause::stop;
        };
    }
}
