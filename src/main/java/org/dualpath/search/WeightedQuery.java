package org.dualpath.search;

import org.dualpath.common.InputException;
import org.dualpath.common.Texts;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * One part of a combined query: a text or an image with a weight. The combined query vector is
 * {@code normalize(sum_i weight_i * normalize(embed(part_i)))}, so "+dog -grass" adds the direction of "dog"
 * and subtracts that of "grass".
 */
public record WeightedQuery(String text, BufferedImage image, double weight) {
    public WeightedQuery {
        if ((text == null) == (image == null)) {
            throw new IllegalArgumentException("a query part is either a text or an image");
        }
        if (!Double.isFinite(weight)) {
            throw new InputException("query weight must be a finite number, got " + weight);
        }
    }

    public static WeightedQuery text(String text, double weight) {
        return new WeightedQuery(text, null, weight);
    }

    public static WeightedQuery image(BufferedImage image, double weight) {
        return new WeightedQuery(null, image, weight);
    }

    /**
     * Parses rclip-style text: {@code "a dog +on the beach -grass"} gives "a dog" (weight 1), "on the beach"
     * (+1) and "grass" (-1). A part starts at a '+' or '-' that begins the text or follows a space.
     */
    public static List<WeightedQuery> parse(String query) {
        if (query == null || query.isBlank()) {
            throw new InputException("the text query is empty: type a few words that describe an image");
        }
        List<WeightedQuery> parts = new ArrayList<>();
        int start = 0;
        double weight = 1;
        String s = query.strip();
        for (int i = 0; i <= s.length(); i++) {
            boolean end = i == s.length();
            boolean marker = !end && (s.charAt(i) == '+' || s.charAt(i) == '-') && (i == 0 || s.charAt(i - 1) == ' ');
            if (end || marker) {
                String part = s.substring(start, i).strip();
                if (!part.isEmpty()) {
                    parts.add(text(part, weight));
                } else if (i > 0) {
                    throw new InputException("query \"" + Texts.quote(s) + "\" has a '+' or '-' without words after it; write e.g. \"dog -grass\"");
                }
                if (marker) {
                    weight = s.charAt(i) == '+' ? 1 : -1;
                    start = i + 1;
                }
            }
        }
        return parts;
    }
}
