package org.dualpath.projection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The groups of a categorical colouring, largest first (ties by name), each with its colour and count. */
public record Legend(List<Entry> entries, int[] groupOfPoint) {
    public record Entry(String label, String colour, int count) {
    }

    public static Legend of(String[] groups) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String g : groups) {
            counts.merge(g, 1, Integer::sum);
        }
        List<String> labels = new ArrayList<>(counts.keySet());
        labels.sort(Comparator.comparing((String l) -> -counts.get(l)).thenComparing(Comparator.naturalOrder()));
        Map<String, Integer> index = new HashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            index.put(labels.get(i), i);
            entries.add(new Entry(labels.get(i), ColourBy.colour(i), counts.get(labels.get(i))));
        }
        int[] of = new int[groups.length];
        for (int p = 0; p < groups.length; p++) {
            of[p] = index.get(groups[p]);
        }
        return new Legend(List.copyOf(entries), of);
    }

    public String colourOf(int point) {
        return entries.get(groupOfPoint[point]).colour();
    }
}
