package org.dualpath.common;

/** Text shown back to a user: a pasted 10,000-character query must not fill a message or a cell. */
public final class Texts {
    /** Longest piece of user text quoted in a message or a list cell. */
    public static final int QUOTE_LIMIT = 80;

    private Texts() {
    }

    /** {@code text} stripped, cut to {@link #QUOTE_LIMIT} characters with an ellipsis when longer. */
    public static String quote(String text) {
        String s = text.strip();
        if (s.length() <= QUOTE_LIMIT) {
            return s;
        }
        int end = QUOTE_LIMIT - 1;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "…";
    }
}
