package org.dualpath.search;

import java.util.List;

/**
 * The whole answer to one {@link Query}: its vector in the joint space (L2-normalised; the map places the query
 * with it), the ranked images and the ranked captions, and the typed words the model does not know (the text
 * encoder ignores them).
 */
public record Answer(Query query, float[] vector, Ranking images, Ranking captions, List<String> unknownWords) {
    public Answer {
        vector = vector.clone();
        unknownWords = List.copyOf(unknownWords);
    }

    @Override
    public float[] vector() {
        return vector.clone();
    }
}
