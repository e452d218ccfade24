package org.dualpath.common;

/**
 * A problem with something the user supplied (a file, a value, an option). Its message is one line that
 * names the offending file or value and says what to do; the CLI and the GUI show it as it is, without a
 * stack trace.
 */
public class InputException extends RuntimeException {
    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
