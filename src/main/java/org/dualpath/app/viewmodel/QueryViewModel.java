package org.dualpath.app.viewmodel;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.dualpath.common.InputException;
import org.dualpath.common.Texts;
import org.dualpath.data.CocoCaption;
import org.dualpath.data.CocoImage;
import org.dualpath.data.Dataset;
import org.dualpath.data.image.ImageDecoder;
import org.dualpath.search.Answer;
import org.dualpath.search.Query;
import org.dualpath.search.QueryService;
import org.dualpath.search.Ranking;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

/**
 * The query and its answer. A text query ranks images and nearest captions, with '+' and '-' parts a weighted sum
 * of texts ("a red circle +star -square"); an image query (a dropped or pasted image, or a dataset image) ranks
 * captions and similar images. One {@link QueryService#answer} call embeds the query once and gives both rankings;
 * {@link #answerProperty()} holds it (the map places the query with its vector). Typing searches
 * {@link #DEBOUNCE_MILLIS} after the last change, through an injected {@link Scheduler}. Results carry cosine
 * scores and the ground-truth marker; {@link #summaryProperty()} says where the ground truth ranks even outside
 * the top K.
 */
public final class QueryViewModel {
    /** Typing searches this long after the last change; Enter searches at once. */
    public static final long DEBOUNCE_MILLIS = 250;
    /** Shown under the query field: the syntax of query arithmetic. */
    public static final String SYNTAX_HINT = "+word adds, -word subtracts: \"a red circle +star -square\"";
    private static final int HISTORY = 20;
    private static final int WARM_UP_QUERIES = 3;

    private final AppSettings settings;
    private final BackgroundJobs.Lane queries;
    private final ReadOnlyObjectProperty<OpenDataset> dataset;
    private final ReadOnlyObjectProperty<QueryService> searcher;
    private final Scheduler scheduler;
    private final Consumer<Notice> notices;
    private final ReadOnlyObjectProperty<LongPredicate> imageFilter;
    private final StringProperty text = new SimpleStringProperty("");
    private final IntegerProperty topK;
    private final ObjectProperty<ImageQuery> image = new SimpleObjectProperty<>();
    private final ObservableList<ImageResult> images = FXCollections.observableArrayList();
    private final ObservableList<CaptionResult> captions = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("type a description or drop an image");
    private final ReadOnlyStringWrapper imagesHeading = new ReadOnlyStringWrapper("Images");
    private final ReadOnlyStringWrapper captionsHeading = new ReadOnlyStringWrapper("Captions");
    private final ReadOnlyObjectWrapper<Answer> answer = new ReadOnlyObjectWrapper<>();
    private final ObservableList<String> history;
    private Question asked;
    private Runnable pendingSearch = () -> { };

    /** What the view shows of one answer. */
    private record Shown(Answer answer, List<ImageResult> images, List<CaptionResult> captions, String summary) {
    }

    /** Everything an answer depends on: asking the same again (Enter after the debounced search) is skipped. */
    private record Question(QueryService searcher, OpenDataset dataset, ImageQuery image, String text, int k,
                            LongPredicate filter) {
    }

    QueryViewModel(AppSettings settings, BackgroundJobs jobs, ReadOnlyObjectProperty<OpenDataset> dataset,
                   ReadOnlyObjectProperty<QueryService> searcher, ReadOnlyObjectProperty<LongPredicate> imageFilter,
                   Scheduler scheduler, Consumer<Notice> notices) {
        this.imageFilter = imageFilter;
        this.scheduler = scheduler;
        this.settings = settings;
        this.queries = jobs.lane();
        this.dataset = dataset;
        this.searcher = searcher;
        this.notices = notices;
        this.topK = new SimpleIntegerProperty(settings.topK());
        this.history = FXCollections.observableArrayList(settings.history());
        topK.addListener((obs, old, k) -> {
            settings.saveTopK(k.intValue());
            search();
        });
        searcher.addListener((obs, old, s) -> {
            search();
            warmUp(s);
        });
        imageFilter.addListener((obs, old, f) -> search());
        text.addListener((obs, old, typed) -> {
            // typing replaces an image query
            if (image.get() != null && !typed.isEmpty()) {
                image.set(null);
            }
            pendingSearch.run();
            pendingSearch = scheduler.schedule(DEBOUNCE_MILLIS, this::search);
        });
    }

    /** Runs the current query (the image when there is one, else the text); a blank text clears the results. */
    public void search() {
        pendingSearch.run();
        QueryService s = searcher.get();
        OpenDataset open = dataset.get();
        ImageQuery imageQuery = image.get();
        String typed = text.get().strip();
        if (imageQuery == null && typed.isEmpty()) {
            asked = null;
            queries.discard();
            show(new Shown(null, List.of(), List.of(), "type a description or drop an image"));
            return;
        }
        if (s == null || open == null) {
            summary.set(open == null ? "no dataset is open" : "search needs a model: " + ExplorerViewModel.NO_MODEL);
            return;
        }
        Question question = new Question(s, open, imageQuery, typed, topK.get(), imageFilter.get());
        if (question.equals(asked)) {
            return;
        }
        asked = question;
        Query query;
        try {
            query = query(imageQuery, typed);
        } catch (InputException e) {
            fail(e.getMessage());
            return;
        }
        setHeadings(imageQuery != null);
        queries.submit(p -> answer(question, query), this::show, this::fail);
    }

    private static Query query(ImageQuery imageQuery, String typed) {
        if (imageQuery == null) {
            return Query.typed(typed);
        }
        return imageQuery.imageId() != null ? new Query.Item(imageQuery.imageId(), imageQuery.name())
                : new Query.Pixels(imageQuery.name(), imageQuery.pixels());
    }

    private static Shown answer(Question question, Query query) {
        return shown(question.dataset(), question.searcher().answer(query, question.k(), question.filter()), question.filter());
    }

    private void setHeadings(boolean imageQuery) {
        imagesHeading.set(imageQuery ? "Similar images" : "Images for the text");
        captionsHeading.set(imageQuery ? "Captions for the image" : "Nearest captions");
    }

    private void fail(String error) {
        asked = null;
        answer.set(null);
        images.clear();
        captions.clear();
        summary.set(error);
    }

    /**
     * Answers a dataset caption a few times in the background, answer unused, when a searcher arrives and nothing is
     * asked yet: the first query otherwise ran its text encoding and search cold, and the JIT compiling them took
     * the CPUs from the JavaFX thread just as that answer was shown. A real query supersedes it in the lane.
     */
    private void warmUp(QueryService s) {
        OpenDataset open = dataset.get();
        if (s == null || open == null || image.get() != null || !text.get().isBlank() || open.dataset().images().isEmpty()) {
            return;
        }
        CocoImage first = open.dataset().images().get(0);
        String caption = open.dataset().captions(first.id()).stream().findFirst().map(CocoCaption::caption).orElse(first.fileName());
        int k = topK.get();
        queries.submit(p -> {
            for (int i = 0; i < WARM_UP_QUERIES; i++) {
                shown(open, s.answer(new Query.Text(caption), k, null), null);
            }
            return null;
        }, unused -> { }, unused -> { });
    }

    /** Enter: searches now and keeps the text in the history. */
    public void commit() {
        pendingSearch.run();
        String typed = text.get().strip();
        if (!typed.isEmpty()) {
            history.remove(typed);
            history.add(0, typed);
            if (history.size() > HISTORY) {
                history.remove(HISTORY, history.size());
            }
            settings.saveHistory(history);
        }
        search();
    }

    /** Esc: forgets the text and the image. */
    public void clear() {
        image.set(null);
        text.set("");
        search();
    }

    /** Searches with a caption's text. */
    public void searchText(String caption) {
        image.set(null);
        text.set(caption);
        commit();
    }

    /** Searches with an image file (dropped or opened); a file that is no image gives an error notification. */
    public void searchImageFile(Path file) {
        OpenDataset open = dataset.get();
        decodeAndSearch(() -> ImageDecoder.decode(file), file.getFileName().toString(),
                open == null ? null : datasetImageId(open.dataset(), file));
    }

    /**
     * Searches with encoded image data that a paste or drop offered (a PNG or JPEG file's bytes), decoded in the
     * background exactly as a file with that content: EXIF-rotated, refused when damaged (an error notification).
     */
    public void searchImageData(String name, byte[] data) {
        decodeAndSearch(() -> ImageDecoder.decode(data, name), name, null);
    }

    /** Searches with one of the dataset's images ("find similar"). */
    public void searchDatasetImage(CocoImage datasetImage) {
        Path file = dataset.get().dataset().imagePath(datasetImage);
        decodeAndSearch(() -> ImageDecoder.decode(file), datasetImage.fileName(), datasetImage.id());
    }

    /** A decoded image query with its answer, when a model was there to answer it. */
    private record Decoded(ImageQuery image, Question question, Shown shown) {
    }

    /**
     * Decodes the image ({@code decoder}: a file or pasted data) and answers it in one background step, so the
     * pixels go to the image encoder once and the JavaFX thread takes the chip and the answer together.
     */
    private void decodeAndSearch(Supplier<BufferedImage> decoder, String name, Long imageId) {
        QueryService s = searcher.get();
        OpenDataset open = dataset.get();
        int k = topK.get();
        LongPredicate filter = imageFilter.get();
        String typed = text.get().strip();
        queries.submit(p -> {
            ImageQuery decoded = new ImageQuery(name, decoder.get(), imageId);
            if (s == null || open == null) {
                return new Decoded(decoded, null, null);
            }
            Question question = new Question(s, open, decoded, typed, k, filter);
            return new Decoded(decoded, question, answer(question, query(decoded, "")));
        }, decoded -> {
            image.set(decoded.image());
            if (decoded.question() == null) {
                search();
                return;
            }
            asked = decoded.question();
            setHeadings(true);
            show(decoded.shown());
        }, error -> notices.accept(new Notice(Notice.Level.ERROR, "Cannot search with " + name, error)));
    }

    /**
     * Searches with a pasted or dropped image that JavaFX decoded, when the system offered no encoded data for
     * {@link #searchImageData} ({@code null} when the clipboard's data was no image it could read): such a paste
     * clears the old answer and says why instead of searching.
     */
    public void searchPixels(String name, BufferedImage pasted) {
        if (pasted == null || pasted.getWidth() < 1 || pasted.getHeight() < 1) {
            clear();
            notices.accept(new Notice(Notice.Level.ERROR, "Cannot search with " + name,
                    "the clipboard offers an image but its data cannot be decoded; copy the image again, or copy its file"));
            return;
        }
        searchImage(new ImageQuery(name, ImageDecoder.toRgb(pasted), null));
    }

    private void searchImage(ImageQuery query) {
        image.set(query);
        search();
    }

    /** A dropped file that is one of the dataset's images is searched as that image, so its ground truth shows. */
    private static Long datasetImageId(Dataset dataset, Path file) {
        Path dir = dataset.imagesDir().toAbsolutePath().normalize();
        Path abs = file.toAbsolutePath().normalize();
        if (!abs.startsWith(dir)) {
            return null;
        }
        String name = dir.relativize(abs).toString().replace('\\', '/');
        return dataset.images().stream().filter(i -> i.fileName().equals(name)).map(CocoImage::id).findFirst().orElse(null);
    }

    /** The lists and the summary line of an answer, built off the JavaFX thread. */
    private static Shown shown(OpenDataset open, Answer answer, LongPredicate filter) {
        Query query = answer.query();
        String truth;
        if (query instanceof Query.Text) {
            truth = answer.images().truthRank() > 0
                    ? String.format(Locale.ROOT, "ground-truth image (the text is a dataset caption): rank %d of %,d",
                    answer.images().truthRank(), answer.images().gallerySize())
                    : "no dataset caption is exactly this text, so there is no ground truth";
        } else if (query instanceof Query.Combined c) {
            truth = "query arithmetic: " + arithmetic(c) + ", so there is no ground truth";
        } else {
            truth = answer.captions().truthRank() > 0
                    ? String.format(Locale.ROOT, "best ground-truth caption: rank %d of %,d", answer.captions().truthRank(),
                    answer.captions().gallerySize())
                    : "the image is not one of the dataset's images, so there is no ground truth";
        }
        return new Shown(answer, images(open, answer.images()), captions(open, answer.captions()),
                ignored(answer.unknownWords()) + "cosine similarity · " + truth + scope(filter));
    }

    /** The parts of a combined query as a sum: "a red circle + star − square". */
    static String arithmetic(Query.Combined query) {
        StringBuilder sum = new StringBuilder();
        for (var part : query.parts()) {
            String sign = part.weight() < 0 ? "−" : "+";
            String what = part.text() != null ? part.text() : "the image";
            sum.append(sum.length() == 0 ? (part.weight() < 0 ? sign + " " : "") : " " + sign + " ").append(what);
        }
        return sum.toString();
    }

    /** Names the typed words the model ignores, so "a dog" does not silently rank by "a" alone. */
    static String ignored(List<String> unknown) {
        if (unknown.isEmpty()) {
            return "";
        }
        return Texts.quote("not in the model's vocabulary, ignored: " + String.join(", ", unknown)) + " · ";
    }

    private static String scope(LongPredicate filter) {
        return filter == null ? "" : " · images limited by the gallery filters";
    }

    static List<ImageResult> images(OpenDataset open, Ranking ranking) {
        List<ImageResult> out = new ArrayList<>(ranking.entries().size());
        for (Ranking.Entry e : ranking.entries()) {
            CocoImage img = open.dataset().image(e.id());
            out.add(new ImageResult(e.rank(), img, open.dataset().imagePath(img), e.score(), e.truth()));
        }
        return out;
    }

    static List<CaptionResult> captions(OpenDataset open, Ranking ranking) {
        return ranking.entries().stream().map(e -> new CaptionResult(e.rank(), open.caption(e.id()), e.score(), e.truth())).toList();
    }

    private void show(Shown shown) {
        images.setAll(shown.images());
        captions.setAll(shown.captions());
        summary.set(shown.summary());
        answer.set(shown.answer());
    }

    /** The answer shown now, with the query and its vector; null when nothing is asked. */
    public ReadOnlyObjectProperty<Answer> answerProperty() {
        return answer.getReadOnlyProperty();
    }

    public StringProperty textProperty() {
        return text;
    }

    public IntegerProperty topKProperty() {
        return topK;
    }

    public ObjectProperty<ImageQuery> imageProperty() {
        return image;
    }

    public ObservableList<ImageResult> images() {
        return images;
    }

    public ObservableList<CaptionResult> captions() {
        return captions;
    }

    public ObservableList<String> history() {
        return history;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty imagesHeadingProperty() {
        return imagesHeading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty captionsHeadingProperty() {
        return captionsHeading.getReadOnlyProperty();
    }
}
