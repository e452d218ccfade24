package org.dualpath.text;

import org.dualpath.common.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Word2VecTrainerTest {
    /** Two topics that never share a caption, so their words should end up apart. */
    static List<String> captions() {
        String[] animals = {"dog", "cat", "puppy", "kitten"};
        String[] sports = {"ball", "bat", "goal", "net"};
        Random r = new Random(5);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String[] topic = i % 2 == 0 ? animals : sports;
            out.add("A " + topic[r.nextInt(4)] + " and a " + topic[r.nextInt(4)] + " near the " + topic[r.nextInt(4)] + " .");
        }
        out.add("A rare zebra .");
        return out;
    }

    @Test
    void trainsVectorsForFrequentWordsAndWritesThem(@TempDir Path dir) {
        WordVectors v = Word2VecTrainer.train(captions(), new Word2VecTrainer.Options(16, 3, 2, 5, 7), Progress.NONE);
        assertThat(v.dimension()).isEqualTo(16);
        assertThat(v.words()).contains("a", "dog", "kitten", "ball", "net", "the").doesNotContain("zebra", "rare");
        assertThat(v.words().get(0)).isEqualTo("a");
        Path file = dir.resolve("w2v.txt");
        v.writeText(file);
        WordVectors back = WordVectors.read(file);
        assertThat(back.words()).isEqualTo(v.words());
        assertThat(back.vector("dog")).containsExactly(v.vector("dog"));
    }

    @Test
    void sameSeedGivesSameVectors() {
        Word2VecTrainer.Options options = new Word2VecTrainer.Options(8, 2, 2, 5, 11);
        WordVectors a = Word2VecTrainer.train(captions(), options, Progress.NONE);
        WordVectors b = Word2VecTrainer.train(captions(), options, Progress.NONE);
        for (String w : a.words()) {
            assertThat(b.vector(w)).as(w).containsExactly(a.vector(w));
        }
    }

    @Test
    void cancellationStopsTraining() {
        AtomicBoolean cancel = new AtomicBoolean(true);
        assertThatThrownBy(() -> Word2VecTrainer.train(captions(), new Word2VecTrainer.Options(8, 2, 1, 5, 1),
                Progress.cancellable(cancel))).isInstanceOf(CancellationException.class);
    }
}
