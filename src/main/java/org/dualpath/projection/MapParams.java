package org.dualpath.projection;

import org.dualpath.common.InputException;

import java.util.Locale;

/**
 * The settings of one map: the method and its parameters. t-SNE uses perplexity, iterations, learning rate and
 * seed (Barnes-Hut t-SNE also theta); UMAP uses the number of neighbours and the seed; PCA uses none.
 */
public record MapParams(MapMethod method, double perplexity, int iterations, double learningRate, long seed,
                        double theta, int neighbours) {
    /** Above this many points exact t-SNE is refused: its n x n matrices take minutes and gigabytes. */
    public static final int EXACT_TSNE_LIMIT = 3_000;
    /**
     * Above this many points UMAP is refused: Smile's grows about as n squared here (43 s at 5,000 points, 181 s at
     * 10,000 on an idle 2-core machine, bench/MAP.md), so 20,000 take some 12 minutes and 100,000 about 5 hours.
     */
    public static final int UMAP_LIMIT = 20_000;

    public MapParams {
        if (method == null) {
            throw new InputException("choose a map method");
        }
        if (!(perplexity >= 2 && perplexity <= 100)) {
            throw new InputException("perplexity must be between 2 and 100, got " + perplexity);
        }
        if (iterations < 1 || iterations > 100_000) {
            throw new InputException("iterations must be between 1 and 100,000, got " + iterations);
        }
        if (!(learningRate > 0 && learningRate <= 10_000)) {
            throw new InputException("the learning rate must be above 0 and at most 10,000, got " + learningRate);
        }
        if (!(theta >= 0 && theta <= 1)) {
            throw new InputException("theta must be between 0 and 1, got " + theta);
        }
        if (neighbours < 2 || neighbours > 200) {
            throw new InputException("the number of UMAP neighbours must be between 2 and 200, got " + neighbours);
        }
    }

    /** perplexity 30, 1,000 iterations, learning rate 200, seed 42, theta 0.5, 15 neighbours. */
    public static MapParams defaults(MapMethod method) {
        return new MapParams(method, 30, 1000, 200, 42, 0.5, 15);
    }

    public MapParams withMethod(MapMethod m) {
        return new MapParams(m, perplexity, iterations, learningRate, seed, theta, neighbours);
    }

    public MapParams withSeed(long s) {
        return new MapParams(method, perplexity, iterations, learningRate, s, theta, neighbours);
    }

    /** The parameters that change the layout of this method, canonically: equal keys give equal layouts. */
    public String key() {
        return switch (method) {
            case TSNE -> String.format(Locale.ROOT, "%s p=%s it=%d lr=%s seed=%d", method.key(), perplexity, iterations,
                    learningRate, seed);
            case BH_TSNE -> String.format(Locale.ROOT, "%s p=%s it=%d lr=%s seed=%d theta=%s", method.key(), perplexity,
                    iterations, learningRate, seed, theta);
            case UMAP -> String.format(Locale.ROOT, "%s k=%d seed=%d", method.key(), neighbours, seed);
            case PCA -> method.key();
        };
    }

    /** For users: the method and the parameters it used. */
    public String describe() {
        return switch (method) {
            case TSNE -> String.format(Locale.ROOT, "exact t-SNE (Smile), perplexity %s, %,d iterations, learning rate %s, seed %d",
                    number(perplexity), iterations, number(learningRate), seed);
            case BH_TSNE -> String.format(Locale.ROOT, "Barnes-Hut t-SNE (θ = %s), perplexity %s, %,d iterations, learning rate %s, seed %d",
                    number(theta), number(perplexity), iterations, number(learningRate), seed);
            case UMAP -> String.format(Locale.ROOT, "UMAP (Smile), %d neighbours, seed %d", neighbours, seed);
            case PCA -> "PCA (Smile), first two principal components";
        };
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
