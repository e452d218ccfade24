package org.dualpath.projection;

import org.dualpath.common.Progress;
import org.dualpath.vector.Embeddings;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Barnes-Hut t-SNE (L. van der Maaten, "Accelerating t-SNE using tree-based algorithms", JMLR 15, 2014), for
 * maps too large for exact t-SNE.
 * <p>
 * Input similarities: each point i keeps only its {@code K = min(n - 1, 3 u)} nearest neighbours (u = perplexity),
 * exact ({@link Neighbours}) on the full vectors up to {@link #EXACT_NEIGHBOURS_LIMIT} points; above, the vectors
 * are first reduced to {@link #PCA_DIMENSIONS} principal components ({@link PcaReduction}) and the neighbours
 * found there by HNSW ({@link HnswNeighbours}, seeded); {@code p(j|i) = exp(-beta_i d_ij^2) / sum_k exp(-beta_i d_ik^2)}
 * over those neighbours, with beta_i found by bisection so that the entropy of p(.|i) is {@code ln u}; then
 * {@code P_ij = (p(j|i) + p(i|j)) / 2n}, a sparse symmetric matrix summing to 1.
 * <p>
 * Map similarities: {@code q_ij = w_ij / Z} with {@code w_ij = 1 / (1 + |y_i - y_j|^2)} and {@code Z = sum_{k != l} w_kl}.
 * The gradient of KL(P || Q) is {@code dC/dy_i = 4 (F_attr,i - F_rep,i / Z)} with
 * {@code F_attr,i = sum_j P_ij w_ij (y_i - y_j)} (sparse: only the neighbours) and
 * {@code F_rep,i = sum_j w_ij^2 (y_i - y_j)}. The repulsion and Z are approximated with a quadtree over the map:
 * a cell of side r whose centre of mass lies at distance d from y_i is treated as one body of N_cell points at its
 * centre of mass when {@code r / d < theta} (theta = 0 is exact; 0.5 is the usual trade-off), giving
 * O(n log n) per iteration instead of O(n^2).
 * <p>
 * Optimisation as in the reference implementation: initial map from PCA scaled to standard deviation 10^-4 (the
 * default of scikit-learn) plus a little jitter from the seed, gradient descent with
 * per-coordinate gains (+0.2 when the gradient changes sign, x0.8 otherwise, at least 0.01), momentum 0.5 for the
 * first 250 iterations and 0.8 after, early exaggeration (P x 12) for the first 250 iterations, and the map kept
 * zero-mean. Each point's forces are computed independently (in parallel, in chunks of points taken in Z-order
 * along the map so that neighbouring traversals share the cached cells) and Z is summed over the points in index
 * order, so results do not depend on the number of threads or their scheduling.
 */
public final class BarnesHutTsne {
    static final int EXAGGERATION_ITERATIONS = 250;
    /** Above {@link #EXACT_NEIGHBOURS_LIMIT} points, wider input vectors are reduced to this many components. */
    static final int PCA_DIMENSIONS = 50;
    /**
     * Up to this many points the neighbours are searched exactly on the full vectors (the whole map took 18.6 s at
     * 10,000 points, 256-d, on an idle machine), above by HNSW after PCA: PCA to 50-d halved the kNN preservation of
     * 10,000 clustered points (0.090 against scikit-learn's 0.178 on the full vectors, bench/MAP.md), a loss worth
     * paying only where the exact search is impractical.
     */
    static final int EXACT_NEIGHBOURS_LIMIT = 10_000;
    private static final double EXAGGERATION = 12;
    private static final double MIN_GAIN = 0.01;
    /** Points per parallel task of the repulsion pass. */
    private static final int CHUNK = 512;
    /** Most points: the Z-order keys hold the index in 24 bits. */
    static final int MAX_POINTS = 1 << 24;

    private final int n;
    private final double eta;
    private final double theta;
    private final double[] y;
    private final double[] velocity;
    private final double[] gains;
    private final double[] gradient;
    private final double[] repulsion;
    private final double[] sumQ;
    private final int[] rowStart;
    private final int[] columns;
    private final double[] values;
    private final QuadTree tree;
    private final String inputNote;
    private int iteration;

    /**
     * Computes the input similarities of {@code input} (the principal components of L2-normalised rows) and the
     * initial map; no iterations yet. Cancellable through {@code progress}.
     */
    public BarnesHutTsne(PcaReduction.Reduced input, double perplexity, double learningRate, double theta, long seed,
                         double[][] initial, Progress progress) {
        Embeddings vectors = input.vectors();
        this.n = vectors.size();
        if (n > MAX_POINTS) {
            throw new IllegalArgumentException("Barnes-Hut t-SNE takes at most " + MAX_POINTS + " points, got " + n);
        }
        this.eta = learningRate;
        this.theta = theta;
        int k = Math.max(1, (int) Math.min(n - 1, Math.floor(3 * perplexity)));
        progress.checkCancelled();
        progress.update(0, 0, "Barnes-Hut t-SNE: nearest neighbours");
        boolean exact = n <= EXACT_NEIGHBOURS_LIMIT;
        Neighbours nb = exact ? Neighbours.of(vectors, k, progress) : HnswNeighbours.of(vectors, k, seed, progress);
        this.inputNote = (input.reduced() ? String.format(Locale.ROOT, "PCA to %d dimensions (%.1f%% of the variance) · ",
                vectors.dimension(), 100 * input.varianceKept()) : "")
                + (exact ? "exact" : "approximate (HNSW)") + " neighbours";
        progress.update(0, 0, "Barnes-Hut t-SNE: input similarities");
        double[][] conditional = new double[n][];
        IntStream.range(0, n).parallel().forEach(i -> conditional[i] = calibrate(nb.distance2[i], perplexity));
        progress.checkCancelled();
        // symmetrise: P_ij = (p(j|i) + p(i|j)) / 2n, kept as compressed rows sorted by column
        int[] count = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j : nb.neighbour[i]) {
                count[i]++;
                count[j]++;
            }
        }
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            start[i + 1] = start[i] + count[i];
        }
        long[] packed = new long[start[n]];
        double[] raw = new double[start[n]];
        int[] fill = Arrays.copyOf(start, n);
        for (int i = 0; i < n; i++) {
            for (int m = 0; m < nb.neighbour[i].length; m++) {
                int j = nb.neighbour[i][m];
                double p = conditional[i][m] / (2.0 * n);
                raw[fill[i]] = p;
                packed[fill[i]] = (long) j << 32 | fill[i];
                fill[i]++;
                raw[fill[j]] = p;
                packed[fill[j]] = (long) i << 32 | fill[j];
                fill[j]++;
            }
        }
        int[] outStart = new int[n + 1];
        int[] cols = new int[start[n]];
        double[] vals = new double[start[n]];
        int out = 0;
        for (int i = 0; i < n; i++) {
            outStart[i] = out;
            Arrays.sort(packed, start[i], start[i + 1]);
            int last = -1;
            for (int e = start[i]; e < start[i + 1]; e++) {
                int col = (int) (packed[e] >>> 32);
                double v = raw[(int) (packed[e] & 0xffffffffL)];
                if (col == last) {
                    vals[out - 1] += v;
                } else {
                    cols[out] = col;
                    vals[out] = v;
                    out++;
                    last = col;
                }
            }
        }
        outStart[n] = out;
        this.rowStart = outStart;
        this.columns = Arrays.copyOf(cols, out);
        this.values = Arrays.copyOf(vals, out);

        y = initialMap(initial, seed);
        velocity = new double[2 * n];
        gains = new double[2 * n];
        Arrays.fill(gains, 1.0);
        gradient = new double[2 * n];
        repulsion = new double[2 * n];
        sumQ = new double[n];
        tree = new QuadTree(n);
    }

    /**
     * {@code start} (null: none) scaled by {@link #startScale}, plus N(0, 10^-6) jitter drawn from {@code seed};
     * without a start, N(0, 10^-4) from the seed.
     */
    private double[] initialMap(double[][] start, long seed) {
        Random random = new Random(seed);
        double[] out = new double[2 * n];
        double scale = start == null ? 0 : startScale(start);
        double jitter = scale > 0 ? 1e-6 : 1e-4;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 2; c++) {
                out[2 * i + c] = (scale > 0 ? start[i][c] * scale : 0) + random.nextGaussian() * jitter;
            }
        }
        return out;
    }

    /**
     * The factor that gives the first coordinate of an initial map standard deviation 10^-4 (as scikit-learn's PCA
     * initialisation), so that any start begins as small as a random one; 0 when that coordinate is constant.
     */
    static double startScale(double[][] start) {
        double mean = 0;
        for (double[] s : start) {
            mean += s[0];
        }
        mean /= start.length;
        double var = 0;
        for (double[] s : start) {
            var += (s[0] - mean) * (s[0] - mean);
        }
        double sd = Math.sqrt(var / start.length);
        return sd > 0 ? 1e-4 / sd : 0;
    }

    /** p(.|i) over the neighbours at squared distances {@code d2}, with entropy ln(perplexity) (bisection on beta). */
    static double[] calibrate(double[] d2, double perplexity) {
        int k = d2.length;
        double[] p = new double[k];
        double target = Math.log(Math.min(perplexity, k));
        double beta = 1;
        double lo = Double.NEGATIVE_INFINITY;
        double hi = Double.POSITIVE_INFINITY;
        double min = Arrays.stream(d2).min().orElse(0);
        for (int iter = 0; iter < 200; iter++) {
            double sum = 0;
            double weighted = 0;
            for (int m = 0; m < k; m++) {
                // shifted by the smallest distance for stability; the normalised p does not change
                p[m] = Math.exp(-beta * (d2[m] - min));
                sum += p[m];
                weighted += (d2[m] - min) * p[m];
            }
            double entropy = Math.log(sum) + beta * weighted / sum;
            for (int m = 0; m < k; m++) {
                p[m] /= sum;
            }
            double diff = entropy - target;
            if (Math.abs(diff) < 1e-5) {
                break;
            }
            if (diff > 0) {
                lo = beta;
                beta = hi == Double.POSITIVE_INFINITY ? beta * 2 : (beta + hi) / 2;
            } else {
                hi = beta;
                beta = lo == Double.NEGATIVE_INFINITY ? beta / 2 : (beta + lo) / 2;
            }
        }
        return p;
    }

    /** Runs {@code iterations} more iterations, checking for cancellation after each. */
    public void step(int iterations, Progress progress) {
        for (int s = 0; s < iterations; s++) {
            progress.checkCancelled();
            iterate();
        }
    }

    /** How the input similarities were found: "PCA to 50 dimensions (71.3% of the variance) · exact neighbours". */
    public String inputNote() {
        return inputNote;
    }

    /** Iterations done so far. */
    public int iteration() {
        return iteration;
    }

    /** A copy of the map: x of point i at [i][0], y at [i][1]. */
    public double[][] coordinates() {
        double[][] out = new double[n][2];
        for (int i = 0; i < n; i++) {
            out[i][0] = y[2 * i];
            out[i][1] = y[2 * i + 1];
        }
        return out;
    }

    private void iterate() {
        boolean early = iteration < EXAGGERATION_ITERATIONS;
        double exaggeration = early ? EXAGGERATION : 1;
        double momentum = early ? 0.5 : 0.8;
        int[] order = zOrder(y);
        tree.build(y, order);
        int chunks = (n + CHUNK - 1) / CHUNK;
        IntStream.range(0, chunks).parallel().forEach(c -> {
            for (int m = c * CHUNK, end = Math.min(n, m + CHUNK); m < end; m++) {
                int i = order[m];
                sumQ[i] = tree.repulsion(i, y, theta, repulsion);
            }
        });
        double z = 0;
        for (int i = 0; i < n; i++) {
            z += sumQ[i];
        }
        double invZ = z > 0 ? 1 / z : 0;
        IntStream.range(0, n).parallel().forEach(i -> {
            double yi0 = y[2 * i];
            double yi1 = y[2 * i + 1];
            double a0 = 0;
            double a1 = 0;
            for (int e = rowStart[i]; e < rowStart[i + 1]; e++) {
                int j = columns[e];
                double d0 = yi0 - y[2 * j];
                double d1 = yi1 - y[2 * j + 1];
                double w = values[e] * exaggeration / (1 + d0 * d0 + d1 * d1);
                a0 += w * d0;
                a1 += w * d1;
            }
            gradient[2 * i] = 4 * (a0 - repulsion[2 * i] * invZ);
            gradient[2 * i + 1] = 4 * (a1 - repulsion[2 * i + 1] * invZ);
        });
        double mean0 = 0;
        double mean1 = 0;
        for (int c = 0; c < 2 * n; c++) {
            double g = gradient[c];
            gains[c] = Math.signum(g) != Math.signum(velocity[c]) ? gains[c] + 0.2 : gains[c] * 0.8;
            if (gains[c] < MIN_GAIN) {
                gains[c] = MIN_GAIN;
            }
            velocity[c] = momentum * velocity[c] - eta * gains[c] * g;
            y[c] += velocity[c];
            if ((c & 1) == 0) {
                mean0 += y[c];
            } else {
                mean1 += y[c];
            }
        }
        mean0 /= n;
        mean1 /= n;
        for (int i = 0; i < n; i++) {
            y[2 * i] -= mean0;
            y[2 * i + 1] -= mean1;
        }
        iteration++;
    }

    /**
     * The points sorted by their Morton (Z-order) code on a 2^19 x 2^19 grid over the map's bounding box (ties: by
     * index; 38 bits of code and 24 of index keep the keys positive): points close on the map come close in the order. Only the speed depends on it.
     */
    static int[] zOrder(double[] y) {
        int n = y.length / 2;
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            minX = Math.min(minX, y[2 * i]);
            maxX = Math.max(maxX, y[2 * i]);
            minY = Math.min(minY, y[2 * i + 1]);
            maxY = Math.max(maxY, y[2 * i + 1]);
        }
        double sx = ((1 << 19) - 1) / Math.max(maxX - minX, 1e-300);
        double sy = ((1 << 19) - 1) / Math.max(maxY - minY, 1e-300);
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            long code = interleave((long) ((y[2 * i] - minX) * sx)) | interleave((long) ((y[2 * i + 1] - minY) * sy)) << 1;
            keys[i] = code << 24 | i;
        }
        Arrays.parallelSort(keys);
        int[] order = new int[n];
        for (int m = 0; m < n; m++) {
            order[m] = (int) (keys[m] & 0xffffff);
        }
        return order;
    }

    /** The 19 low bits of {@code v} spread to the even bit positions. */
    private static long interleave(long v) {
        v &= 0x7ffffL;
        v = (v | v << 16) & 0x0000ffff0000ffffL;
        v = (v | v << 8) & 0x00ff00ff00ff00ffL;
        v = (v | v << 4) & 0x0f0f0f0f0f0f0f0fL;
        v = (v | v << 2) & 0x3333333333333333L;
        v = (v | v << 1) & 0x5555555555555555L;
        return v;
    }

    /**
     * A point quadtree in flat arrays, rebuilt every iteration. Each cell keeps its point count and the sum of
     * its points' coordinates (centre of mass = sum / count); a leaf keeps one point, or several points at the
     * same place (or beyond {@link #MAX_DEPTH}, where they are treated as one body).
     */
    static final class QuadTree {
        private static final int MAX_DEPTH = 48;
        /** Traversal stacks, one per thread: depth-first, at most 3 siblings waiting per level. */
        private static final ThreadLocal<int[]> STACK = ThreadLocal.withInitial(() -> new int[4 * MAX_DEPTH + 8]);
        private double[] cx = new double[64];
        private double[] cy = new double[64];
        private double[] half = new double[64];
        private double[] sx = new double[64];
        private double[] sy = new double[64];
        private int[] count = new int[64];
        private int[] child = new int[64];
        private int[] point = new int[64];
        private int size;

        QuadTree(int n) {
            grow(Math.max(64, 2 * n));
        }

        /**
         * Builds the tree over all points, inserted in {@code order}: the cells do not depend on it, the rounding of
         * their coordinate sums does (so the caller passes an order that is a function of the map alone).
         */
        void build(double[] y, int[] order) {
            int n = y.length / 2;
            double minX = Double.POSITIVE_INFINITY;
            double minY = Double.POSITIVE_INFINITY;
            double maxX = Double.NEGATIVE_INFINITY;
            double maxY = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                minX = Math.min(minX, y[2 * i]);
                maxX = Math.max(maxX, y[2 * i]);
                minY = Math.min(minY, y[2 * i + 1]);
                maxY = Math.max(maxY, y[2 * i + 1]);
            }
            size = 0;
            double h = Math.max(maxX - minX, maxY - minY) / 2 * (1 + 1e-9) + 1e-12;
            newNode((minX + maxX) / 2, (minY + maxY) / 2, h);
            for (int i : order) {
                insert(i, y[2 * i], y[2 * i + 1]);
            }
        }

        private int newNode(double x, double yy, double h) {
            if (size == cx.length) {
                grow(size * 2);
            }
            int id = size++;
            cx[id] = x;
            cy[id] = yy;
            half[id] = h;
            sx[id] = 0;
            sy[id] = 0;
            count[id] = 0;
            child[id] = -1;
            point[id] = -1;
            return id;
        }

        private void grow(int capacity) {
            cx = Arrays.copyOf(cx, capacity);
            cy = Arrays.copyOf(cy, capacity);
            half = Arrays.copyOf(half, capacity);
            sx = Arrays.copyOf(sx, capacity);
            sy = Arrays.copyOf(sy, capacity);
            count = Arrays.copyOf(count, capacity);
            child = Arrays.copyOf(child, capacity);
            point = Arrays.copyOf(point, capacity);
        }

        private void insert(int i, double x, double yy) {
            int node = 0;
            for (int depth = 0; ; depth++) {
                if (child[node] < 0) {
                    if (count[node] == 0) {
                        point[node] = i;
                        add(node, x, yy, 1);
                        return;
                    }
                    double px = sx[node] / count[node];
                    double py = sy[node] / count[node];
                    if ((px == x && py == yy) || depth >= MAX_DEPTH) {
                        add(node, x, yy, 1);
                        return;
                    }
                    // split: the points already here (all at (px, py)) move into one child
                    int first = size;
                    double h = half[node] / 2;
                    for (int q = 0; q < 4; q++) {
                        newNode(cx[node] + ((q & 1) == 0 ? -h : h), cy[node] + ((q & 2) == 0 ? -h : h), h);
                    }
                    child[node] = first;
                    int moved = first + quadrant(node, px, py);
                    point[moved] = point[node];
                    add(moved, px, py, count[node]);
                    point[node] = -1;
                }
                add(node, x, yy, 1);
                node = child[node] + quadrant(node, x, yy);
            }
        }

        private void add(int node, double x, double yy, int k) {
            sx[node] += x * k;
            sy[node] += yy * k;
            count[node] += k;
        }

        private int quadrant(int node, double x, double yy) {
            return (x < cx[node] ? 0 : 1) + (yy < cy[node] ? 0 : 2);
        }

        /** Adds the repulsive force on point i into out[2i], out[2i+1]; returns its share of Z. */
        double repulsion(int i, double[] y, double theta, double[] out) {
            double x = y[2 * i];
            double yy = y[2 * i + 1];
            double theta2 = theta * theta;
            int[] stack = STACK.get();
            if (stack.length < 4 * MAX_DEPTH + 8) {
                stack = new int[4 * MAX_DEPTH + 8];
                STACK.set(stack);
            }
            int top = 0;
            stack[top++] = 0;
            double fx = 0;
            double fy = 0;
            double z = 0;
            while (top > 0) {
                int node = stack[--top];
                int c = count[node];
                if (c == 0) {
                    continue;
                }
                double dx = x - sx[node] / c;
                double dy = yy - sy[node] / c;
                double d2 = dx * dx + dy * dy;
                boolean leaf = child[node] < 0;
                if (leaf && d2 == 0) {
                    // the point itself, with any others at the same place: w = 1, no force
                    z += c - 1;
                } else if (leaf || 4 * half[node] * half[node] < theta2 * d2) {
                    double w = 1 / (1 + d2);
                    double mult = c * w * w;
                    fx += mult * dx;
                    fy += mult * dy;
                    z += c * w;
                } else {
                    int first = child[node];
                    stack[top++] = first;
                    stack[top++] = first + 1;
                    stack[top++] = first + 2;
                    stack[top++] = first + 3;
                }
            }
            out[2 * i] = fx;
            out[2 * i + 1] = fy;
            return z;
        }
    }
}
