package org.dualpath.data.shapes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.dualpath.data.shapes.SceneSampler.pick;

/**
 * Writes true captions for a scene from a small random grammar: noun phrases with synonyms for size, colour
 * and shape and varying word order; for several objects one pair's {@link Relation} (computed from the boxes,
 * phrased from either side), the third object sometimes appended; for a single object its position on the
 * canvas by thirds; sometimes a mention of the background pattern.
 */
final class CaptionGrammar {
    private static final int MAX_TRIES = 1000;
    private static final List<String> INTROS = List.of("an image of", "a picture showing", "a drawing of", "a scene with");
    private static final List<String> VERBS = List.of("is", "sits", "is placed", "appears");

    private CaptionGrammar() {
    }

    /** {@code count} distinct captions of {@code scene}. */
    static List<String> captions(Scene scene, int canvas, Random random, int count) {
        Set<String> captions = new LinkedHashSet<>();
        for (int i = 0; i < MAX_TRIES && captions.size() < count; i++) {
            String body = scene.objects().size() == 1
                    ? single(scene.objects().get(0), canvas, random)
                    : several(scene.objects(), random);
            captions.add(body + backgroundMention(scene, random));
        }
        if (captions.size() < count) {
            throw new IllegalStateException("grammar produced only " + captions.size() + " distinct captions");
        }
        return List.copyOf(captions);
    }

    private static String single(SceneObject o, int canvas, Random random) {
        String a = nounPhrase(o, random);
        return switch (random.nextInt(6)) {
            case 0 -> a;
            case 1 -> a + " " + position(o, canvas, random);
            case 2 -> "there is " + a + " " + position(o, canvas, random);
            case 3 -> "a single " + bareNounPhrase(o, random);
            case 4 -> pick(random, INTROS) + " " + a;
            default -> (random.nextBoolean() ? "just " : "only ") + a;
        };
    }

    private static String several(List<SceneObject> objects, Random random) {
        if (objects.size() == 3 && random.nextInt(6) == 0) {
            String list = nounPhrase(objects.get(0), random) + ", " + nounPhrase(objects.get(1), random)
                    + " and " + nounPhrase(objects.get(2), random);
            return random.nextBoolean() ? list : "three shapes: " + list;
        }
        List<SceneObject> order = new ArrayList<>(objects);
        Collections.shuffle(order, random);
        SceneObject a = order.get(0);
        SceneObject b = order.get(1);
        Relation relation = Relation.between(a.bounds(), b.bounds());
        if (Relation.NEXT_TO.holds(a.bounds(), b.bounds()) && random.nextInt(5) < 2) {
            relation = Relation.NEXT_TO;
        }
        String pa = nounPhrase(a, random);
        String pb = nounPhrase(b, random);
        String rel = pick(random, relation.phrases());
        String sentence = switch (random.nextInt(7)) {
            case 0 -> pa + " " + rel + " " + pb;
            case 1 -> "there is " + pa + " " + rel + " " + pb;
            case 2 -> pb + " " + pick(random, VERBS) + " " + pick(random, relation.inverse().phrases()) + " " + pa;
            case 3 -> pa + " " + pick(random, VERBS) + " " + rel + " " + pb;
            case 4 -> pick(random, INTROS) + " " + pa + " " + rel + " " + pb;
            case 5 -> pa + " and " + pb + ", the " + pick(random, a.kind().nouns()) + " " + rel
                    + " the " + pick(random, b.kind().nouns());
            default -> rel + " " + pb + " there is " + pa;
        };
        if (order.size() == 3 && random.nextBoolean()) {
            String c = nounPhrase(order.get(2), random);
            sentence += switch (random.nextInt(3)) {
                case 0 -> ", and " + c;
                case 1 -> ", plus " + c;
                default -> " along with " + c;
            };
        }
        return sentence;
    }

    /** E.g. "a small red circle", "an orange box", "one tiny heart in pink". */
    private static String nounPhrase(SceneObject o, Random random) {
        String bare = bareNounPhrase(o, random);
        if (random.nextInt(8) == 0) {
            return "one " + bare;
        }
        return (startsWithVowel(bare) ? "an " : "a ") + bare;
    }

    private static String bareNounPhrase(SceneObject o, Random random) {
        // "medium-sized" is clumsy, so medium objects usually go without a size word.
        boolean sized = random.nextDouble() < (o.size() == ObjectSize.MEDIUM ? 0.3 : 0.75);
        String size = sized ? pick(random, o.size().adjectives()) + " " : "";
        String noun = pick(random, o.kind().nouns());
        // Only the plain colour name reads well after "in" ("a heart in red", not "in crimson").
        return random.nextInt(4) == 0
                ? size + noun + " in " + o.color().adjectives().get(0)
                : size + pick(random, o.color().adjectives()) + " " + noun;
    }

    /** Where the object's centre lies when the canvas is cut into thirds both ways. */
    private static String position(SceneObject o, int canvas, Random random) {
        int col = Math.min(2, (int) (3 * o.bounds().getCenterX() / canvas));
        int row = Math.min(2, (int) (3 * o.bounds().getCenterY() / canvas));
        String[] vertical = {"top", "middle", "bottom"};
        String[] horizontal = {"left", "center", "right"};
        if (row == 1 && col == 1) {
            return pick(random, List.of("in the middle", "in the center", "in the centre"));
        }
        if (col == 1) {
            return pick(random, List.of("near the ", "at the ")) + vertical[row];
        }
        if (row == 1) {
            return pick(random, List.of("on the ", "on the far ")) + horizontal[col] + " side";
        }
        String corner = vertical[row] + " " + horizontal[col];
        return random.nextBoolean() ? "in the " + corner + " corner" : "in the " + corner;
    }

    private static String backgroundMention(Scene scene, Random random) {
        if (random.nextInt(3) != 0) {
            return "";
        }
        String adjective = pick(random, scene.background().adjectives());
        return switch (random.nextInt(3)) {
            case 0 -> " on a " + adjective + " background";
            case 1 -> " against a " + adjective + " backdrop";
            default -> " with a " + adjective + " background";
        };
    }

    private static boolean startsWithVowel(String s) {
        return "aeiou".indexOf(s.charAt(0)) >= 0;
    }
}
