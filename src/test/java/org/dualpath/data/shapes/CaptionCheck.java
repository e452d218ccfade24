package org.dualpath.data.shapes;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads a relation caption back: finds the relation phrase and the shape nouns around it, and checks the
 * relation on the boxes of the objects named. The subject is the noun right before the phrase, or, when the
 * phrase opens the caption ("above a square there is a circle"), the noun after "there is".
 */
final class CaptionCheck {
    private CaptionCheck() {
    }

    /** True when {@code caption} states a relation (then asserted true), false when it states none. */
    static boolean assertRelationTrue(String caption, Scene scene) {
        Relation relation = null;
        int relStart = -1;
        int relEnd = -1;
        for (Relation r : Relation.values()) {
            for (String phrase : r.phrases()) {
                Matcher m = Pattern.compile("\\b" + Pattern.quote(phrase) + "\\b").matcher(caption);
                if (m.find() && (relation == null || m.start() < relStart)) {
                    relation = r;
                    relStart = m.start();
                    relEnd = m.end();
                }
            }
        }
        if (relation == null) {
            return false;
        }
        List<int[]> mentions = new ArrayList<>();
        for (int i = 0; i < scene.objects().size(); i++) {
            for (String noun : scene.objects().get(i).kind().nouns()) {
                Matcher m = Pattern.compile("\\b" + Pattern.quote(noun) + "\\b").matcher(caption);
                while (m.find()) {
                    mentions.add(new int[]{m.start(), i});
                }
            }
        }
        mentions.sort((x, y) -> Integer.compare(x[0], y[0]));
        int subject = -1;
        int object = -1;
        for (int[] mention : mentions) {
            if (mention[0] < relStart) {
                subject = mention[1];
            } else if (object < 0 && mention[0] >= relEnd) {
                object = mention[1];
            }
        }
        if (subject < 0) {
            int thereIs = caption.indexOf(" there is ");
            assertThat(thereIs).as(caption).isGreaterThan(relEnd);
            for (int[] mention : mentions) {
                if (mention[0] > thereIs) {
                    subject = mention[1];
                    break;
                }
            }
        }
        assertThat(subject).as(caption).isNotNegative();
        assertThat(object).as(caption).isNotNegative().isNotEqualTo(subject);
        assertThat(relation.holds(scene.objects().get(subject).bounds(), scene.objects().get(object).bounds()))
                .as("%s: %s", relation, caption).isTrue();
        return true;
    }
}
