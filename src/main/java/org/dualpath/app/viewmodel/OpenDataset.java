package org.dualpath.app.viewmodel;

import org.dualpath.data.CocoCaption;
import org.dualpath.data.Dataset;

import java.util.HashMap;
import java.util.Map;

/** A loaded dataset with its captions indexed by id, as search answers name captions by id. */
public record OpenDataset(Dataset dataset, Map<Long, CocoCaption> captionsById) {
    /** Indexes the captions of {@code dataset}. */
    public static OpenDataset of(Dataset dataset) {
        Map<Long, CocoCaption> byId = new HashMap<>(dataset.captionCount() * 2);
        dataset.images().forEach(i -> dataset.captions(i.id()).forEach(c -> byId.put(c.id(), c)));
        return new OpenDataset(dataset, byId);
    }

    public CocoCaption caption(long id) {
        return captionsById.get(id);
    }
}
