package org.dualpath.cli;

import org.dualpath.common.InputException;
import org.dualpath.common.Progress;
import org.dualpath.data.Dataset;
import org.dualpath.data.Split;
import org.dualpath.store.EmbeddingStore;
import org.dualpath.data.ImageFilter;
import org.dualpath.search.Query;
import org.dualpath.search.QueryEncoder;
import org.dualpath.search.QueryService;
import org.dualpath.model.DualPathModel;
import org.dualpath.projection.ColourBy;
import org.dualpath.projection.Legend;
import org.dualpath.projection.MapCache;
import org.dualpath.projection.MapExport;
import org.dualpath.projection.MapLayout;
import org.dualpath.projection.MapMethod;
import org.dualpath.projection.MapParams;
import org.dualpath.projection.MapPoints;
import org.dualpath.projection.MapRegions;
import org.dualpath.projection.Modality;
import org.dualpath.projection.ModalityGap;
import org.dualpath.projection.Projector;
import org.dualpath.projection.QueryPlacement;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

/** {@code dualpath map}: lays out the vectors of an index folder in 2-D and writes the coordinates as CSV. */
@Command(name = "map", mixinStandardHelpOptions = true,
        description = {"Lay out the images and/or captions of an index folder in 2-D (t-SNE, Barnes-Hut t-SNE, UMAP "
                + "or PCA) and write the coordinates as CSV, optionally an SVG picture. Every point of the chosen set "
                + "is mapped (no sampling); layouts are cached per model, data, set, method, parameters and seed.",
        "The map's dense regions (DBSCAN of the layout, at a coarse and a fine level) are labelled with the "
                + "words that set their captions apart; the CSV gives each point's cluster and label at both levels "
                + "(-1: noise), the SVG draws the coarse labels."})
final class MapCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "The model the index was built with.")
    Path modelFile;

    @Option(names = "--index", required = true, paramLabel = "DIR", description = "Index folder (from 'dualpath embed').")
    Path index;

    @Option(names = "--method", required = true, paramLabel = "M",
            description = "tsne (exact, up to " + MapParams.EXACT_TSNE_LIMIT + " points), bh-tsne (Barnes-Hut), umap or pca.")
    String method;

    @Option(names = "--subset", paramLabel = "S", defaultValue = "test",
            description = "Images to map: test, train, val or all (default: ${DEFAULT-VALUE}).")
    String subset;

    @Option(names = "--category", paramLabel = "NAME", description = "Only images with this COCO category (repeatable).")
    List<String> categories = new ArrayList<>();

    @Option(names = "--modality", paramLabel = "M", defaultValue = "both",
            description = "images, captions or both in one map (default: ${DEFAULT-VALUE}).")
    String modality;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--perplexity", paramLabel = "P", defaultValue = "30", description = "t-SNE perplexity (default: ${DEFAULT-VALUE}).")
    double perplexity;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "1000", description = "t-SNE iterations (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--learning-rate", paramLabel = "LR", defaultValue = "200", description = "t-SNE learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--theta", paramLabel = "T", defaultValue = "0.5",
            description = "Barnes-Hut accuracy: 0 exact, larger faster (default: ${DEFAULT-VALUE}).")
    double theta;

    @Option(names = "--neighbours", paramLabel = "K", defaultValue = "15", description = "UMAP neighbours (default: ${DEFAULT-VALUE}).")
    int neighbours;

    @Option(names = "--query", paramLabel = "TEXT", description = "Place this text query into the map (and the SVG).")
    String query;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Coordinates CSV to write (kind,id,image_id,x,y,group,cluster,label,fine_cluster,fine_label).")
    Path out;

    @Option(names = "--svg", paramLabel = "FILE", description = "Also write the map as SVG, coloured by category, with the region labels.")
    Path svg;

    @Option(names = "--cache", paramLabel = "DIR", description = "Layout cache folder (default: INDEX/maps).")
    Path cacheDir;

    @Option(names = "--no-cache", description = "Always compute, never read or write the cache.")
    boolean noCache;

    @Override
    public Integer call() {
        MapParams params = new MapParams(MapMethod.parse(method), perplexity, iterations, learningRate, seed, theta,
                neighbours);
        Modality mod = Modality.parse(modality);
        EmbeddingStore store = EmbeddingStore.open(index);
        store.requireModel(modelFile);
        Dataset dataset = QueryCommand.dataset(store, index, Progress.NONE);
        ImageFilter filter = ImageFilter.over(dataset);
        if (!subset.equalsIgnoreCase("all")) {
            filter.split(split(subset));
        }
        categories.forEach(filter::category);
        int[] rows = IntStream.range(0, store.images().size()).filter(r -> filter.accepts(store.images().id(r))).toArray();
        String description = (subset.equalsIgnoreCase("all") ? "whole dataset" : subset.toLowerCase(Locale.ROOT) + " split")
                + (categories.isEmpty() ? "" : " (" + String.join(", ", categories) + ")");
        MapPoints points = MapPoints.of(store, rows, mod, description);
        String refusal = Projector.refusal(params.method(), points.size());
        if (refusal != null) {
            throw new InputException(refusal + " (--method bh-tsne or pca)");
        }
        PrintWriter console = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr());
        MapLayout layout;
        boolean cached = false;
        if (noCache) {
            layout = Projector.run(points, params, progress, Projector.Frames.NONE);
        } else {
            MapCache cache = new MapCache(cacheDir != null ? cacheDir : index.resolve("maps"));
            MapCache.Result r = cache.getOrCompute(MapCache.key(store.modelHash(), store.datasetHash(), points, params),
                    points, params, progress, Projector.Frames.NONE);
            layout = r.layout();
            cached = r.cached();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        String[] groups = ColourBy.CATEGORY.groups(points, dataset);
        MapRegions regions = MapRegions.of(points, layout, dataset);
        MapExport.writeCsv(out, points, layout, groups, regions);
        console.println(layout.note());
        console.println(regions.describe());
        console.printf(Locale.ROOT, "%s in %.1f s; wrote %s%n", cached ? "reused the cached layout" : "computed",
                seconds, out);
        console.println(ModalityGap.of(store, rows).describe());
        MapExport.QueryMark mark = null;
        if (query != null) {
            QueryService search = new QueryService(QueryEncoder.of(DualPathModel.load(modelFile), store.options()),
                    dataset, store);
            QueryPlacement.Placement at = QueryPlacement.place(search.answer(Query.typed(query), 1, null).vector(),
                    points.vectors(), layout,
                    QueryPlacement.DEFAULT_K);
            int[] hits = Arrays.copyOf(at.neighbours(), Math.min(5, at.neighbours().length));
            mark = new MapExport.QueryMark(at.x(), at.y(), query, hits);
            console.printf(Locale.ROOT, "query \"%s\" placed at (%.4f, %.4f) among its %d nearest points (cosine %.3f to %.3f)%n",
                    query, at.x(), at.y(), at.neighbours().length, at.cosines()[0], at.cosines()[at.cosines().length - 1]);
        }
        if (svg != null) {
            Legend legend = Legend.of(groups);
            String[] colours = IntStream.range(0, points.size()).mapToObj(legend::colourOf).toArray(String[]::new);
            boolean[] visible = new boolean[points.size()];
            Arrays.fill(visible, true);
            MapExport.writeSvg(svg, points, layout, colours, visible, false, legend.entries(),
                    dataset.name() + " · coloured by category", mark, regions);
            console.println("wrote " + svg);
        }
        console.flush();
        return 0;
    }

    private static Split split(String name) {
        for (Split s : Split.values()) {
            if (s.id().equalsIgnoreCase(name.strip())) {
                return s;
            }
        }
        throw new InputException("unknown subset '" + name + "'; use test, train, val or all");
    }
}
