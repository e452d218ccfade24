package org.dualpath.app.viewmodel;

import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * What the explorer remembers between runs, in {@link Preferences}: the last session, window geometry and
 * divider positions, the theme, top-K and the query history. Tests pass their own node.
 */
public final class AppSettings {
    private static final int HISTORY = 20;

    private final Preferences node;

    public AppSettings(Preferences node) {
        this.node = node;
    }

    /** The current user's settings. */
    public static AppSettings user() {
        return new AppSettings(Preferences.userRoot().node("org/dualpath/explorer"));
    }

    /** The last session, or null when none was saved. */
    public SessionSpec lastSession() {
        Path captions = path("session.captions");
        Path images = path("session.images");
        Path model = path("session.model");
        if (captions == null && model == null) {
            return null;
        }
        return new SessionSpec(captions, images, path("session.instances"), path("session.split"), model);
    }

    public void saveSession(SessionSpec spec) {
        put("session.captions", spec.captions());
        put("session.images", spec.images());
        put("session.instances", spec.instances());
        put("session.split", spec.split());
        put("session.model", spec.model());
        flush();
    }

    /** Window x, y, width, height and maximised (1/0), or null when never saved. */
    public double[] window() {
        String s = node.get("window", null);
        return s == null ? null : Arrays.stream(s.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    public void saveWindow(double x, double y, double width, double height, boolean maximized) {
        node.put("window", x + "," + y + "," + width + "," + height + "," + (maximized ? 1 : 0));
    }

    /** Divider positions of the main split pane, or null when never saved. */
    public double[] dividers() {
        String s = node.get("dividers", null);
        return s == null || s.isEmpty() ? null : Arrays.stream(s.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    public void saveDividers(double[] positions) {
        node.put("dividers", String.join(",", Arrays.stream(positions).mapToObj(Double::toString).toList()));
    }

    public boolean darkTheme() {
        return node.getBoolean("darkTheme", false);
    }

    public void saveDarkTheme(boolean dark) {
        node.putBoolean("darkTheme", dark);
    }

    public int topK() {
        return node.getInt("topK", 20);
    }

    public void saveTopK(int k) {
        node.putInt("topK", k);
    }

    /** Recent queries, newest first. */
    public List<String> history() {
        String s = node.get("history", "");
        return s.isEmpty() ? new ArrayList<>() : new ArrayList<>(List.of(s.split("\n")));
    }

    public void saveHistory(List<String> queries) {
        node.put("history", String.join("\n", queries.subList(0, Math.min(HISTORY, queries.size()))));
    }

    /** Writes everything to the backing store; settings that cannot be saved only cost convenience. */
    public void flush() {
        try {
            node.flush();
        } catch (BackingStoreException e) {
            LoggerFactory.getLogger(AppSettings.class).warn("cannot save settings: {}", e.getMessage());
        }
    }

    private Path path(String key) {
        String s = node.get(key, "");
        return s.isEmpty() ? null : Path.of(s);
    }

    private void put(String key, Path value) {
        node.put(key, value == null ? "" : value.toAbsolutePath().toString());
    }
}
