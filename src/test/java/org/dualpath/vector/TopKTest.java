package org.dualpath.vector;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TopKTest {
    static Embeddings random(int n, int d, long seed) {
        Random r = new Random(seed);
        float[] data = new float[n * d];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) r.nextGaussian();
        }
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = 1000 + i;
        }
        return Embeddings.of(ids, data, d).normalized();
    }

    private static List<Integer> bruteForce(Embeddings e, float[] q, int k, IntPredicate keep) {
        return IntStream.range(0, e.size()).filter(keep).boxed()
                .sorted(Comparator.<Integer>comparingDouble(r -> -e.dot(q, r)).thenComparingInt(r -> r))
                .limit(k).toList();
    }

    @Test
    void embeddingsStoreRowsContiguouslyAndNormalise() {
        Embeddings e = Embeddings.of(new long[]{7, 9}, new float[][]{{3, 4}, {0, 0}});
        assertThat(e.size()).isEqualTo(2);
        assertThat(e.dimension()).isEqualTo(2);
        assertThat(e.id(1)).isEqualTo(9);
        assertThat(e.row(0)).containsExactly(3f, 4f);
        assertThat(e.dot(new float[]{1, 1}, 0)).isEqualTo(7f);
        Embeddings n = e.normalized();
        assertThat(n.row(0)).containsExactly(0.6f, 0.8f);
        assertThat(n.row(1)).containsExactly(0f, 0f);
        assertThat(e.row(0)).containsExactly(3f, 4f);
        assertThat(Embeddings.normalize(new float[]{0, 2})).containsExactly(0f, 1f);
        assertThat(e.rows(new int[]{1, 0}).ids()).containsExactly(9, 7);
        assertThat(e.rows(new int[]{0, 1})).isSameAs(e);
        assertThat(n.rows(new int[]{0}).maxNormError()).isCloseTo(0, within(1e-6));
        assertThatThrownBy(() -> Embeddings.of(new long[]{1}, new float[3], 2)).hasMessageContaining("need 2 values");
        assertThatThrownBy(() -> e.dot(new float[3], 0)).hasMessageContaining("3 dimensions");
    }

    @Test
    void blockedScoresEqualThePlainDotProductBitForBit() {
        Embeddings e = random(23, 37, 1);
        float[] q = random(1, 37, 2).row(0);
        float[] scores = TopK.scores(e, q);
        for (int r = 0; r < e.size(); r++) {
            assertThat(Float.floatToRawIntBits(scores[r])).isEqualTo(Float.floatToRawIntBits(e.dot(q, r)));
        }
    }

    @Test
    void topKEqualsABruteForceSortOnRandomData() {
        Embeddings e = random(1000, 16, 3);
        for (int t = 0; t < 5; t++) {
            float[] q = random(1, 16, 10 + t).row(0);
            for (int k : new int[]{1, 10, 57, 1000, 2000}) {
                List<TopK.Hit> hits = TopK.topK(e, q, k);
                assertThat(hits).extracting(TopK.Hit::row).containsExactlyElementsOf(bruteForce(e, q, k, r -> true));
                assertThat(hits).allSatisfy(h -> {
                    assertThat(h.id()).isEqualTo(1000 + h.row());
                    assertThat(h.score()).isEqualTo(e.dot(q, h.row()));
                });
            }
        }
    }

    @Test
    void filterIsRespected() {
        Embeddings e = random(500, 8, 4);
        float[] q = random(1, 8, 5).row(0);
        List<TopK.Hit> hits = TopK.topK(e, q, 20, r -> r % 3 == 0);
        assertThat(hits).hasSize(20).allSatisfy(h -> assertThat(h.row() % 3).isZero());
        assertThat(hits).extracting(TopK.Hit::row).containsExactlyElementsOf(bruteForce(e, q, 20, r -> r % 3 == 0));
        assertThat(TopK.topK(e, q, 5, r -> false)).isEmpty();
    }

    @Test
    void tiesComeOutLowerRowFirst() {
        Embeddings e = Embeddings.of(new long[]{1, 2, 3, 4, 5},
                new float[][]{{0, 1}, {1, 0}, {0, 1}, {1, 0}, {1, 0}});
        assertThat(TopK.topK(e, new float[]{1, 0}, 2)).extracting(TopK.Hit::row).containsExactly(1, 3);
        assertThat(TopK.topK(e, new float[]{1, 0}, 4)).extracting(TopK.Hit::row).containsExactly(1, 3, 4, 0);
    }

    @Test
    void rankOfIsPessimisticAndTakesTheBestTarget() {
        // scores for query (1,0): rows 0..4 = 0.6, 1, 0.6, 0, 0.6
        Embeddings e = Embeddings.of(new long[]{1, 2, 3, 4, 5},
                new float[][]{{0.6f, 0.8f}, {1, 0}, {0.6f, -0.8f}, {0, 1}, {0.6f, 0.8f}});
        float[] q = {1, 0};
        assertThat(TopK.rankOf(e, q, 1)).isEqualTo(1);
        // row 0 ties with rows 2 and 4: all of them and row 1 rank ahead
        assertThat(TopK.rankOf(e, q, 0)).isEqualTo(4);
        assertThat(TopK.rankOf(e, q, 3)).isEqualTo(5);
        // best of targets {3, 2}: row 2 at 0.6, behind rows 0, 1, 4
        assertThat(TopK.rankOf(e, q, 3, 2)).isEqualTo(4);
        // targets that tie with each other do not push each other down
        assertThat(TopK.rankOf(e, q, 0, 2, 4)).isEqualTo(2);
        assertThatThrownBy(() -> TopK.rankOf(e, q, 9)).hasMessageContaining("outside");
    }

    /** The score as a plain loop over the row, independent of the kernels under test. */
    private static float referenceScore(Embeddings e, float[] q, int row) {
        float[] v = e.row(row);
        float s = 0f;
        for (int k = 0; k < v.length; k++) {
            s += q[k] * v[k];
        }
        return s;
    }

    /** Random unit rows where every 7th row repeats the one before it, so those pairs tie exactly. */
    private static Embeddings withDuplicates(int n, int d, long seed) {
        Embeddings e = random(n, d, seed);
        float[][] rows = new float[n][];
        long[] ids = new long[n];
        for (int r = 0; r < n; r++) {
            rows[r] = e.row(r % 7 == 6 ? r - 1 : r);
            ids[r] = 1000 + r;
        }
        return Embeddings.of(ids, rows);
    }

    @Test
    void scoresInAnyNumberOfChunksEqualThePlainLoopBitForBit() {
        Embeddings e = withDuplicates(1003, 67, 20);
        float[] q = random(1, 67, 21).row(0);
        for (int chunks : new int[]{1, 2, 3, 7, 16, 1003}) {
            float[] scores = TopK.scores(e, q, chunks);
            for (int r = 0; r < e.size(); r++) {
                assertThat(Float.floatToRawIntBits(scores[r])).as("row %d in %d chunks", r, chunks)
                        .isEqualTo(Float.floatToRawIntBits(referenceScore(e, q, r)));
            }
        }
    }

    @Test
    void aGalleryScannedOnAllCoresGivesTheTopKAndRanksOfABruteForceWithExactTies() {
        int d = 64;
        int n = (int) (TopK.PARALLEL_MIN_VALUES / d) + 1005;
        Embeddings e = withDuplicates(n, d, 22);
        // the query is row 5, so rows 5 and 6 tie at the top
        float[] q = e.row(5);
        float[] reference = new float[n];
        for (int r = 0; r < n; r++) {
            reference[r] = referenceScore(e, q, r);
        }
        List<IntPredicate> filters = Arrays.asList(null, r -> r % 3 != 1);
        for (IntPredicate filter : filters) {
            IntPredicate keep = filter == null ? r -> true : filter;
            List<Integer> expected = IntStream.range(0, n).filter(keep).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(r -> -reference[r]).thenComparingInt(r -> r))
                    .limit(100).toList();
            for (int k : new int[]{1, 2, 10, 100}) {
                List<TopK.Hit> hits = TopK.topK(e, q, k, filter);
                assertThat(hits).extracting(TopK.Hit::row).containsExactlyElementsOf(expected.subList(0, k));
                assertThat(hits).allSatisfy(h -> assertThat(Float.floatToRawIntBits(h.score()))
                        .isEqualTo(Float.floatToRawIntBits(reference[h.row()])));
            }
        }
        assertThat(TopK.topK(e, q, 2)).extracting(TopK.Hit::row).containsExactly(5, 6);
        for (int target : new int[]{5, 6, 13, 500, n - 1}) {
            long ahead = IntStream.range(0, n).filter(r -> r != target && reference[r] >= reference[target]).count();
            assertThat(TopK.rankOf(e, q, target)).as("rank of row %d", target).isEqualTo(ahead + 1);
        }
    }

    @Test
    void theParallelScanGivesTheSequentialTopKOnAGalleryOfFewDistinctRows() {
        // three distinct rows repeated in a cycle: every chunk boundary of the parallel split falls between rows
        // that tie exactly with rows in the other chunks
        int d = 64;
        int n = (int) (TopK.PARALLEL_MIN_VALUES / d) + 13;
        Embeddings distinct = random(3, d, 23);
        float[][] rows = new float[n][];
        long[] ids = new long[n];
        for (int r = 0; r < n; r++) {
            rows[r] = distinct.row(r % 3);
            ids[r] = 1000 + r;
        }
        Embeddings e = Embeddings.of(ids, rows);
        float[] q = random(1, d, 24).row(0);
        float[] sequential = TopK.scores(e, q, 1);
        for (int chunks : new int[]{2, 8, 1001}) {
            float[] parallel = TopK.scores(e, q, chunks);
            for (int r = 0; r < n; r++) {
                assertThat(Float.floatToRawIntBits(parallel[r])).as("row %d in %d chunks", r, chunks)
                        .isEqualTo(Float.floatToRawIntBits(sequential[r]));
            }
        }
        for (int k : new int[]{1, 10, 5000}) {
            assertThat(TopK.topK(e, q, k)).containsExactlyElementsOf(TopK.topKOfScores(e, sequential, k, null));
        }
        int target = n - 1;
        long ahead = IntStream.range(0, n).filter(r -> r != target && sequential[r] >= sequential[target]).count();
        assertThat(TopK.rankOf(e, q, target)).isEqualTo(ahead + 1);
    }
}
