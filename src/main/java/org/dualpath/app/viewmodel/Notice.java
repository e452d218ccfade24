package org.dualpath.app.viewmodel;

/** A message for the user, shown by the view as a notification. */
public record Notice(Level level, String title, String text) {
    /** How the notification looks. */
    public enum Level { INFO, WARNING, ERROR }
}
