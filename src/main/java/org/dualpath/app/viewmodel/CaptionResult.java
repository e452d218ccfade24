package org.dualpath.app.viewmodel;

import org.dualpath.data.CocoCaption;

/** A ranked caption: its rank, the caption, the cosine score, and whether it is ground truth for the query. */
public record CaptionResult(int rank, CocoCaption caption, float score, boolean truth) {
}
