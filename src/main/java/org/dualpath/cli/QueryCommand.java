package org.dualpath.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dualpath.common.InputException;
import org.dualpath.common.Progress;
import org.dualpath.common.Texts;
import org.dualpath.data.Dataset;
import org.dualpath.data.DatasetSource;
import org.dualpath.data.Split;
import org.dualpath.data.image.ImageDecoder;
import org.dualpath.store.EmbeddingStore;
import org.dualpath.vector.TopK;
import org.dualpath.search.ImageFilter;
import org.dualpath.search.SearchResult;
import org.dualpath.search.SearchService;
import org.dualpath.search.WeightedQuery;
import org.dualpath.model.DualPathModel;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.IntPredicate;

/** {@code dualpath query}: ranks the images or captions of an index folder for a text, an image file or an image id. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Search an index folder (from 'dualpath embed') by cosine similarity.",
                "A text finds images (\"dog +beach -grass\" adds and subtracts parts); an image file or a",
                "dataset image id finds captions. --target switches between images and captions."})
final class QueryCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "The model the index was built with.")
    Path modelFile;

    @Option(names = "--index", required = true, paramLabel = "DIR", description = "Index folder.")
    Path index;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Query query;

    static final class Query {
        @Option(names = "--text", paramLabel = "TEXT", description = "Typed query.")
        String text;

        @Option(names = "--image", paramLabel = "FILE", description = "Image file query.")
        Path image;

        @Option(names = "--id", paramLabel = "N", description = "A dataset image id; its captions are the ground truth.")
        Long id;
    }

    @Option(names = "--target", paramLabel = "T",
            description = "images or captions (default: images for --text, captions for --image and --id).")
    SearchResult.Gallery target;

    @Option(names = "--top", paramLabel = "K", defaultValue = "10", description = "Results to list (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--category", paramLabel = "NAME", description = "Only images with this COCO category (repeatable).")
    List<String> categories = new ArrayList<>();

    @Option(names = "--supercategory", paramLabel = "NAME", description = "Only images with this COCO supercategory (repeatable).")
    List<String> supercategories = new ArrayList<>();

    @Option(names = "--in-split", paramLabel = "S", description = "Only images of this split: train, val or test (repeatable).")
    List<Split> splits = new ArrayList<>();

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        if (top < 1) {
            throw new InputException("--top must be at least 1, got " + top);
        }
        EmbeddingStore store = EmbeddingStore.open(index);
        store.requireModel(modelFile);
        // bad query input fails before the dataset and the model are loaded
        BufferedImage image = query.image == null ? null : ImageDecoder.decode(query.image);
        List<WeightedQuery> parts = query.text == null ? null : WeightedQuery.parse(query.text);
        Dataset dataset = dataset(store, index, Progress.NONE);
        SearchService search = new SearchService(DualPathModel.load(modelFile), dataset, store);
        ImageFilter f = ImageFilter.over(dataset, store.images());
        categories.forEach(f::category);
        supercategories.forEach(f::supercategory);
        splits.forEach(f::split);
        IntPredicate filter = categories.isEmpty() && supercategories.isEmpty() && splits.isEmpty() ? null : f.build();
        SearchResult.Gallery gallery = target != null ? target
                : query.text != null ? SearchResult.Gallery.IMAGES : SearchResult.Gallery.CAPTIONS;
        if (gallery == SearchResult.Gallery.CAPTIONS && filter != null) {
            throw new InputException("--category, --supercategory and --in-split filter images; use them with --target images");
        }
        boolean toImages = gallery == SearchResult.Gallery.IMAGES;
        SearchResult result;
        if (parts != null) {
            boolean plain = parts.size() == 1 && parts.get(0).weight() == 1;
            if (!plain && !toImages) {
                throw new InputException("a query with + or - parts finds images; leave out --target captions");
            }
            result = !plain ? search.combined(parts, top, filter)
                    : toImages ? search.textToImages(query.text, top, filter) : search.textToTexts(query.text, top);
        } else if (image != null) {
            result = toImages ? search.imageToImages(image, top, filter) : search.imageToTexts(image, top);
        } else {
            result = toImages ? search.imageIdToImages(query.id, top, filter) : search.imageIdToTexts(query.id, top);
        }
        if (parts != null) {
            List<String> unknown = parts.stream().filter(q -> q.text() != null)
                    .flatMap(q -> search.unknownWords(q.text()).stream()).distinct().toList();
            if (!unknown.isEmpty()) {
                spec.commandLine().getErr().println(Texts.quote("not in the model's vocabulary, ignored: "
                        + String.join(", ", unknown)));
            }
        }
        print(search, result);
        return 0;
    }

    /** The dataset an index was built from, from the paths in its manifest. */
    static Dataset dataset(EmbeddingStore store, Path index, Progress progress) {
        DatasetSource source = store.source();
        if (source == null) {
            throw new InputException(index + ": the index does not record its dataset's files; rebuild it with 'dualpath embed'");
        }
        return source.load(progress);
    }

    private String label(SearchService search, SearchResult result, int row) {
        return result.gallery() == SearchResult.Gallery.IMAGES ? search.image(row).fileName() : search.captionText(row);
    }

    private long id(SearchService search, SearchResult result, int row) {
        return result.gallery() == SearchResult.Gallery.IMAGES ? search.store().images().id(row)
                : search.store().captions().id(row);
    }

    private void print(SearchService search, SearchResult result) {
        PrintWriter out = spec.commandLine().getOut();
        boolean images = result.gallery() == SearchResult.Gallery.IMAGES;
        if (json) {
            ObjectNode root = JSON.createObjectNode();
            root.put("gallery", result.gallery().name().toLowerCase(Locale.ROOT));
            ArrayNode hits = root.putArray("hits");
            int rank = 1;
            for (TopK.Hit h : result.hits()) {
                hits.addObject().put("rank", rank++).put("score", h.score()).put("id", h.id())
                        .put(images ? "file" : "caption", label(search, result, h.row()));
            }
            if (result.groundTruthRows().length > 0) {
                ObjectNode truth = root.putObject("groundTruth");
                ArrayNode ids = truth.putArray("ids");
                for (int row : result.groundTruthRows()) {
                    ids.add(id(search, result, row));
                }
                result.groundTruthRank().ifPresent(r -> truth.put("rank", r));
            }
            try {
                out.println(JSON.writeValueAsString(root));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            out.printf(Locale.ROOT, "%4s  %7s  %10s  %s%n", "rank", "cosine", images ? "image id" : "caption id",
                    images ? "file" : "caption");
            int rank = 1;
            for (TopK.Hit h : result.hits()) {
                out.printf(Locale.ROOT, "%4d  %7.4f  %10d  %s%n", rank++, h.score(), h.id(), label(search, result, h.row()));
            }
            if (result.groundTruthRows().length > 0) {
                List<String> ids = new ArrayList<>();
                for (int row : result.groundTruthRows()) {
                    ids.add(String.valueOf(id(search, result, row)));
                }
                out.printf(Locale.ROOT, "ground truth: %s %s, rank %s%n", images ? "image" : "captions",
                        String.join(", ", ids), result.groundTruthRank().isPresent()
                                ? String.valueOf(result.groundTruthRank().getAsInt()) : "- (filtered out)");
            }
        }
        out.flush();
    }
}
