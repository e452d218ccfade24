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
import org.dualpath.data.ImageFilter;
import org.dualpath.data.Split;
import org.dualpath.data.image.ImageDecoder;
import org.dualpath.model.DualPathModel;
import org.dualpath.search.Answer;
import org.dualpath.search.Query;
import org.dualpath.search.QueryEncoder;
import org.dualpath.search.QueryService;
import org.dualpath.search.Ranking;
import org.dualpath.store.EmbeddingStore;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/** {@code dualpath query}: ranks the images or captions of an index folder for a text, an image file or an image id. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Search an index folder (from 'dualpath embed') by cosine similarity.",
                "A text finds images (\"dog +beach -grass\" adds and subtracts parts); an image file or a "
                + "dataset image id finds captions. --target switches between images and captions."})
final class QueryCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "The model the index was built with.")
    Path modelFile;

    @Option(names = "--index", required = true, paramLabel = "DIR", description = "Index folder.")
    Path index;

    @ArgGroup(exclusive = true, multiplicity = "1")
    QueryInput query;

    static final class QueryInput {
        @Option(names = "--text", paramLabel = "TEXT", description = "Typed query.")
        String text;

        @Option(names = "--image", paramLabel = "FILE", description = "Image file query.")
        Path image;

        @Option(names = "--id", paramLabel = "N", description = "A dataset image id; its captions are the ground truth.")
        Long id;
    }

    /** Which ranking of the answer to print. */
    enum Target { IMAGES, CAPTIONS }

    @Option(names = "--target", paramLabel = "T",
            description = "images or captions (default: images for --text, captions for --image and --id).")
    Target target;

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
        Query asked = query.text != null ? Query.typed(query.text)
                : query.image != null ? new Query.Pixels(query.image.getFileName().toString(),
                ImageDecoder.decode(query.image))
                : new Query.Item(query.id, "image " + query.id);
        Dataset dataset = dataset(store, index, Progress.NONE);
        QueryService service = new QueryService(QueryEncoder.of(DualPathModel.load(modelFile), store.options()),
                dataset, store);
        ImageFilter filter = ImageFilter.over(dataset);
        categories.forEach(filter::category);
        supercategories.forEach(filter::supercategory);
        splits.forEach(filter::split);
        Target shown = target != null ? target : query.text != null ? Target.IMAGES : Target.CAPTIONS;
        if (shown == Target.CAPTIONS && !filter.acceptsAll()) {
            throw new InputException("--category, --supercategory and --in-split filter images; use them with --target images");
        }
        Answer answer = service.answer(asked, top, filter.predicate());
        if (!answer.unknownWords().isEmpty()) {
            spec.commandLine().getErr().println(Texts.quote("not in the model's vocabulary, ignored: "
                    + String.join(", ", answer.unknownWords())));
        }
        print(service, shown, shown == Target.IMAGES ? answer.images() : answer.captions());
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

    private static String label(QueryService service, Target target, long id) {
        return target == Target.IMAGES ? service.dataset().image(id).fileName() : service.caption(id).caption();
    }

    private void print(QueryService service, Target target, Ranking ranking) {
        PrintWriter out = spec.commandLine().getOut();
        boolean images = target == Target.IMAGES;
        long[] truth = ranking.truthIds();
        if (json) {
            ObjectNode root = JSON.createObjectNode();
            root.put("gallery", target.name().toLowerCase(Locale.ROOT));
            ArrayNode hits = root.putArray("hits");
            for (Ranking.Entry e : ranking.entries()) {
                hits.addObject().put("rank", e.rank()).put("score", e.score()).put("id", e.id())
                        .put(images ? "file" : "caption", label(service, target, e.id()));
            }
            if (truth.length > 0) {
                ObjectNode node = root.putObject("groundTruth");
                ArrayNode ids = node.putArray("ids");
                LongStream.of(truth).forEach(ids::add);
                if (ranking.truthRank() > 0) {
                    node.put("rank", ranking.truthRank());
                }
            }
            try {
                out.println(JSON.writeValueAsString(root));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            out.printf(Locale.ROOT, "%4s  %7s  %10s  %s%n", "rank", "cosine", images ? "image id" : "caption id",
                    images ? "file" : "caption");
            for (Ranking.Entry e : ranking.entries()) {
                out.printf(Locale.ROOT, "%4d  %7.4f  %10d  %s%n", e.rank(), e.score(), e.id(), label(service, target, e.id()));
            }
            if (truth.length > 0) {
                out.printf(Locale.ROOT, "ground truth: %s %s, rank %s%n", images ? "image" : "captions",
                        LongStream.of(truth).mapToObj(String::valueOf).collect(Collectors.joining(", ")),
                        ranking.truthRank() > 0 ? String.valueOf(ranking.truthRank()) : "- (filtered out)");
            }
        }
        out.flush();
    }
}
