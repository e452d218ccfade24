package org.dualpath.projection;

import org.dualpath.common.InputException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the embeddings are laid out in 2-D. */
public enum MapMethod {
    /** Exact t-SNE (Smile): time and memory grow with n squared. */
    TSNE("tsne", "t-SNE (exact)"),
    /** Barnes-Hut t-SNE ({@link BarnesHutTsne}): sparse neighbours and a quadtree, n log n per iteration. */
    BH_TSNE("bh-tsne", "Barnes-Hut t-SNE"),
    /** UMAP (Smile). */
    UMAP("umap", "UMAP"),
    /** The first two principal components (Smile). */
    PCA("pca", "PCA");

    private final String id;
    private final String label;

    MapMethod(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The name on the command line and in files. */
    public String id() {
        return id;
    }

    /** The name shown to users. */
    public String label() {
        return label;
    }

    /** True for the methods that iterate and can be shown while they run. */
    public boolean iterative() {
        return this == TSNE || this == BH_TSNE;
    }

    @Override
    public String toString() {
        return label;
    }

    /** Parses {@link #id()} (case-insensitive). */
    public static MapMethod parse(String text) {
        for (MapMethod m : values()) {
            if (m.id.equalsIgnoreCase(text.strip()) || m.name().equalsIgnoreCase(text.strip())) {
                return m;
            }
        }
        throw new InputException("unknown map method '" + text + "'; use one of "
                + Arrays.stream(values()).map(MapMethod::id).collect(Collectors.joining(", ")));
    }

    String key() {
        return id.toLowerCase(Locale.ROOT);
    }
}
