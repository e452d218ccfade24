package org.dualpath.data.image;

import org.dualpath.common.InputException;

/**
 * An image that could not be decoded: its message is {@code "<source>: <reason>"}, and the reason alone is kept
 * for callers that list many failures under one heading (a training run's left-out images, a data check).
 */
public final class ImageDecodeException extends InputException {
    private final String source;
    private final String reason;

    /**
     * @param source the file or the name of the bytes that were decoded
     * @param reason what is wrong and, where it helps, what to do
     */
    public ImageDecodeException(String source, String reason, Throwable cause) {
        super(source + ": " + reason, cause);
        this.source = source;
        this.reason = reason;
    }

    public ImageDecodeException(String source, String reason) {
        this(source, reason, null);
    }

    /** The file or name the message starts with. */
    public String source() {
        return source;
    }

    /** What is wrong, without the source. */
    public String reason() {
        return reason;
    }
}
