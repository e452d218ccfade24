package org.dualpath.search;

import org.dualpath.common.InputException;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * What a user asks, in any of the explorer's and the command line's forms: a typed text, the pixels of an image
 * (dropped, pasted or a file), one of the dataset's images (its stored vector; its ground truth is known), or a
 * weighted sum of text and image parts ("a red circle +star -square"). {@link QueryService#answer} answers each
 * with one embedding.
 */
public sealed interface Query permits Query.Text, Query.Pixels, Query.Item, Query.Combined {

    /** A short name of the query for chips, map labels and messages. */
    String label();

    /** A typed text; when it is exactly a dataset caption, that caption's image is the ground truth. */
    record Text(String text) implements Query {
        public Text {
            if (text == null || text.isBlank()) {
                throw new InputException("the text query is empty: type a few words that describe an image");
            }
            text = text.strip();
        }

        @Override
        public String label() {
            return "“" + text + "”";
        }
    }

    /** Decoded pixels of an image that need not be in the dataset. */
    record Pixels(String name, BufferedImage image) implements Query {
        @Override
        public String label() {
            return name;
        }
    }

    /** A dataset image by id: its stored vector is the query, its captions and itself the ground truth. */
    record Item(long imageId, String name) implements Query {
        @Override
        public String label() {
            return name;
        }
    }

    /** {@code normalize(sum_i weight_i * embed(part_i))} of text and image parts. */
    record Combined(String label, List<WeightedQuery> parts) implements Query {
        public Combined {
            if (parts.isEmpty()) {
                throw new InputException("the combined query has no parts; give a text or an image");
            }
            parts = List.copyOf(parts);
        }
    }

    /**
     * A typed text as the user means it: with '+' or '-' parts (see {@link WeightedQuery#parse}) a combined
     * query, else the plain text.
     */
    static Query typed(String text) {
        List<WeightedQuery> parts = WeightedQuery.parse(text);
        if (parts.size() == 1 && parts.get(0).weight() == 1) {
            return new Text(text);
        }
        return new Combined("“" + text.strip() + "”", parts);
    }
}
