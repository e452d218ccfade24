package org.dualpath.projection;

import org.apache.lucene.codecs.hnsw.DefaultFlatVectorScorer;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomAccessVectorValues;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;
import org.dualpath.common.Progress;
import org.dualpath.vector.Embeddings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Approximate k nearest neighbours of every point among the points by Euclidean distance, through a
 * hierarchical navigable small-world graph (Y. Malkov, D. Yashunin, "Efficient and robust approximate nearest
 * neighbor search using Hierarchical Navigable Small World graphs", TPAMI 2020), Lucene's implementation
 * (docs/decisions/0011-lucene-hnsw-for-tsne-neighbours.md). Each point is inserted in row order with {@link #M}
 * links per layer and a beam of {@link #BEAM} candidates; then every point's neighbours are searched with a beam of
 * {@code max(BEAM, k + 1)}, in parallel. The graph is built on one thread with a seeded level generator, and
 * each search only reads it, so the neighbours depend on the seed alone. The kept neighbours are re-sorted by
 * their distances recomputed in double precision (ties: lower row first). Cost about O(n log n) distance
 * evaluations; memory O(n M).
 */
final class HnswNeighbours {
    static final int M = 16;
    static final int BEAM = 100;

    private HnswNeighbours() {
    }

    static Neighbours of(Embeddings vectors, int k, long seed, Progress progress) {
        int n = vectors.size();
        int d = vectors.dimension();
        int kk = Math.min(k, n - 1);
        List<float[]> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(vectors.row(i));
        }
        RandomAccessVectorValues.Floats values = RandomAccessVectorValues.fromFloats(rows, d);
        try {
            RandomVectorScorerSupplier supplier = DefaultFlatVectorScorer.INSTANCE
                    .getRandomVectorScorerSupplier(VectorSimilarityFunction.EUCLIDEAN, values);
            HnswGraphBuilder builder = HnswGraphBuilder.create(supplier, M, BEAM, seed);
            for (int i = 0; i < n; i++) {
                if (i % 1024 == 0) {
                    progress.checkCancelled();
                    progress.update(i, 2 * n, "nearest neighbours: graph");
                }
                builder.addGraphNode(i);
            }
            OnHeapHnswGraph graph = builder.getCompletedGraph();
            int[][] nb = new int[n][];
            double[][] d2 = new double[n][];
            AtomicInteger done = new AtomicInteger();
            ThreadLocal<RandomAccessVectorValues.Floats> copies = ThreadLocal.withInitial(() -> {
                try {
                    return values.copy();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            IntStream.range(0, n).parallel().forEach(i -> {
                progress.checkCancelled();
                ScoreDoc[] hits;
                try {
                    hits = HnswGraphSearcher.search(DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorer(
                                    VectorSimilarityFunction.EUCLIDEAN, copies.get(), rows.get(i)),
                            Math.max(BEAM, kk + 1), graph, null, Integer.MAX_VALUE).topDocs().scoreDocs;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                int[] order = new int[hits.length];
                double[] dist = new double[hits.length];
                int found = 0;
                for (ScoreDoc h : hits) {
                    if (h.doc != i) {
                        dist[found] = distance2(rows.get(i), rows.get(h.doc));
                        order[found] = h.doc;
                        found++;
                    }
                }
                Integer[] idx = new Integer[found];
                for (int m = 0; m < found; m++) {
                    idx[m] = m;
                }
                Arrays.sort(idx, (a, b) -> dist[a] != dist[b] ? Double.compare(dist[a], dist[b])
                        : Integer.compare(order[a], order[b]));
                int keep = Math.min(kk, found);
                nb[i] = new int[keep];
                d2[i] = new double[keep];
                for (int m = 0; m < keep; m++) {
                    nb[i][m] = order[idx[m]];
                    d2[i][m] = dist[idx[m]];
                }
                int finished = done.incrementAndGet();
                if (finished % 1024 == 0) {
                    progress.update(n + finished, 2 * n, "nearest neighbours: search");
                }
            });
            return new Neighbours(nb, d2);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double distance2(float[] a, float[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double t = (double) a[j] - b[j];
            s += t * t;
        }
        return s;
    }
}
