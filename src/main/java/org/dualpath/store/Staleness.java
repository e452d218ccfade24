package org.dualpath.store;

import org.dualpath.model.DualPathModel;
import org.dualpath.store.StoreManifest.CaptionEntry;
import org.dualpath.store.StoreManifest.ImageEntry;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Whether a store on disk serves what is asked of it, and if not, why, in one line for the user: another model,
 * other test-time options, or changed data (how many images and captions were added, removed and changed). A
 * store made by the same model with the same options keeps its unchanged rows when it is rebuilt.
 */
final class Staleness {
    private Staleness() {
    }

    /** Null when {@code old} serves {@code wanted} as it is, otherwise what changed, in one line. */
    static String reason(StoreManifest old, StoreManifest wanted) {
        if (!old.modelHash().equals(wanted.modelHash())) {
            return "stale: model changed (store built by " + old.modelFile() + ", sha256 " + shortHash(old.modelHash())
                    + "; now " + wanted.modelFile() + ", sha256 " + shortHash(wanted.modelHash()) + ")";
        }
        if (!old.options().equals(wanted.options())) {
            return "stale: options changed (" + describe(old.options()) + " -> " + describe(wanted.options()) + ")";
        }
        if (!old.datasetHash().equals(wanted.datasetHash())) {
            return "stale: data changed (" + diff(old.imagesWithSkipped(), wanted.imagesWithSkipped(), ImageEntry::id, "images") + ", "
                    + diff(old.captions(), wanted.captions(), CaptionEntry::id, "captions") + ")";
        }
        return null;
    }

    /** Whether the rows of {@code old} that did not change are the vectors {@code wanted} would compute for them. */
    static boolean rowsReusable(StoreManifest old, StoreManifest wanted) {
        return old.modelHash().equals(wanted.modelHash()) && old.options().equals(wanted.options())
                && old.dimension() == wanted.dimension();
    }

    /** The first 12 hex digits, enough to tell two models apart in a message. */
    static String shortHash(String hex) {
        return hex.substring(0, Math.min(12, hex.length()));
    }

    private static String describe(DualPathModel.Options o) {
        return "flip " + (o.flipImages() ? "on" : "off") + ", shift " + (o.shiftCaptions() ? "on" : "off");
    }

    private static <T> String diff(List<T> old, List<T> now, ToLongFunction<T> id, String what) {
        Map<Long, T> before = new HashMap<>(old.size() * 2);
        old.forEach(e -> before.put(id.applyAsLong(e), e));
        int added = 0;
        int changed = 0;
        for (T e : now) {
            T was = before.remove(id.applyAsLong(e));
            if (was == null) {
                added++;
            } else if (!was.equals(e)) {
                changed++;
            }
        }
        return what + " +" + added + " -" + before.size() + " ~" + changed;
    }
}
