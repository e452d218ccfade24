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
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import org.dualpath.app.search.Ranking;
import org.dualpath.app.search.Searcher;
import org.dualpath.data.CocoCaption;
import org.dualpath.data.CocoImage;
import org.dualpath.data.Dataset;
import org.dualpath.common.Texts;
import org.dualpath.data.image.ImageDecoder;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongPredicate;

/**
 * The query and its answer. A text query ranks images and nearest captions; an image query (a dropped or pasted
 * image, or a dataset image) ranks captions and similar images. Results carry cosine scores and the ground-truth
 * marker; {@link #summaryProperty()} says where the ground truth ranks even outside the top K.
 */
public final class QueryViewModel {
    private static final int HISTORY = 20;
    private static final int WARM_UP_QUERIES = 3;

    private final AppSettings settings;
    private final BackgroundJobs.Lane queries;
    private final ReadOnlyObjectProperty<OpenDataset> dataset;
    private final ReadOnlyObjectProperty<Searcher> searcher;
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
    private final ObservableList<String> history;
    private Question asked;

    /** Both rankings of one query. */
    private record Answer(List<ImageResult> images, List<CaptionResult> captions, String summary) {
    }

    /** Everything an answer depends on: asking the same again (Enter after the debounced search) is skipped. */
    private record Question(Searcher searcher, OpenDataset dataset, ImageQuery image, String text, int k,
                            LongPredicate filter) {
    }

    QueryViewModel(AppSettings settings, BackgroundJobs jobs, ReadOnlyObjectProperty<OpenDataset> dataset,
                   ReadOnlyObjectProperty<Searcher> searcher, ReadOnlyObjectProperty<LongPredicate> imageFilter,
                   Consumer<Notice> notices) {
        this.imageFilter = imageFilter;
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
    }

    /** Runs the current query (the image when there is one, else the text); a blank text clears the results. */
    public void search() {
        Searcher s = searcher.get();
        OpenDataset open = dataset.get();
        ImageQuery query = image.get();
        String typed = text.get().strip();
        if (query == null && typed.isEmpty()) {
            asked = null;
            queries.discard();
            show(new Answer(List.of(), List.of(), "type a description or drop an image"));
            return;
        }
        if (s == null || open == null) {
            summary.set(open == null ? "no dataset is open" : "search needs a model: " + ExplorerViewModel.NO_MODEL);
            return;
        }
        int k = topK.get();
        LongPredicate filter = imageFilter.get();
        Question question = new Question(s, open, query, typed, k, filter);
        if (question.equals(asked)) {
            return;
        }
        asked = question;
        imagesHeading.set(query == null ? "Images for the text" : "Similar images");
        captionsHeading.set(query == null ? "Nearest captions" : "Captions for the image");
        queries.submit(p -> query == null ? textAnswer(s, open, typed, k, filter) : imageAnswer(s, open, query, k, filter), this::show,
                error -> {
                    asked = null;
                    images.clear();
                    captions.clear();
                    summary.set(error);
                });
    }

    /**
     * Answers a dataset caption a few times in the background, answer unused, when a searcher arrives and nothing is
     * asked yet: the first query otherwise ran its text encoding and search cold, and the JIT compiling them took
     * the CPUs from the JavaFX thread just as that answer was shown. A real query supersedes it in the lane.
     */
    private void warmUp(Searcher s) {
        OpenDataset open = dataset.get();
        if (s == null || open == null || image.get() != null || !text.get().isBlank() || open.dataset().images().isEmpty()) {
            return;
        }
        CocoImage first = open.dataset().images().get(0);
        String caption = open.dataset().captions(first.id()).stream().findFirst().map(CocoCaption::caption).orElse(first.fileName());
        int k = topK.get();
        queries.submit(p -> {
            for (int i = 0; i < WARM_UP_QUERIES; i++) {
                textAnswer(s, open, caption, k, null);
            }
            return null;
        }, unused -> { }, unused -> { });
    }

    /** Enter: searches now and keeps the text in the history. */
    public void commit() {
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
        decodeAndSearch(file, file.getFileName().toString(), open == null ? null : datasetImageId(open.dataset(), file));
    }

    /** Searches with one of the dataset's images ("find similar"). */
    public void searchDatasetImage(CocoImage datasetImage) {
        decodeAndSearch(dataset.get().dataset().imagePath(datasetImage), datasetImage.fileName(), datasetImage.id());
    }

    private void decodeAndSearch(Path file, String name, Long imageId) {
        queries.submit(p -> {
                    BufferedImage pixels = ImageDecoder.decode(file);
                    return new ImageQuery(name, SwingFXUtils.toFXImage(pixels, null), pixels, imageId);
                }, this::searchImage,
                error -> notices.accept(new Notice(Notice.Level.ERROR, "Cannot search with " + name, error)));
    }

    /**
     * Searches with a pasted or dropped image that JavaFX decoded ({@code null} or in error when the clipboard's
     * data was no image it could read): such a paste clears the old answer and says why instead of searching.
     */
    public void searchPixels(String name, Image pasted) {
        if (pasted == null || pasted.isError() || pasted.getWidth() < 1 || pasted.getHeight() < 1) {
            clear();
            notices.accept(new Notice(Notice.Level.ERROR, "Cannot search with " + name,
                    "the clipboard offers an image but its data cannot be decoded; copy the image again, or copy its file"));
            return;
        }
        BufferedImage pixels = ImageDecoder.toRgb(SwingFXUtils.fromFXImage(pasted, null));
        searchImage(new ImageQuery(name, pasted, pixels, null));
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

    private static Answer textAnswer(Searcher s, OpenDataset open, String typed, int k, LongPredicate filter) {
        Ranking forImages = s.textToImages(typed, k, filter);
        Ranking forCaptions = s.textToTexts(typed, k);
        String truth = forImages.truthRank() > 0
                ? String.format(Locale.ROOT, "ground-truth image (the text is a dataset caption): rank %d of %,d",
                forImages.truthRank(), forImages.gallerySize())
                : "no dataset caption is exactly this text, so there is no ground truth";
        return new Answer(images(open, forImages), captions(open, forCaptions),
                ignored(s.unknownWords(typed)) + "cosine similarity · " + truth + scope(filter));
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

    private static Answer imageAnswer(Searcher s, OpenDataset open, ImageQuery query, int k, LongPredicate filter) {
        Ranking forCaptions = query.imageId() != null ? s.imageIdToTexts(query.imageId(), k) : s.imageToTexts(query.pixels(), k);
        Ranking forImages = query.imageId() != null ? s.imageIdToImages(query.imageId(), k, filter)
                : s.imageToImages(query.pixels(), k, filter);
        String truth = forCaptions.truthRank() > 0
                ? String.format(Locale.ROOT, "best ground-truth caption: rank %d of %,d", forCaptions.truthRank(), forCaptions.gallerySize())
                : "the image is not one of the dataset's images, so there is no ground truth";
        return new Answer(images(open, forImages), captions(open, forCaptions), "cosine similarity · " + truth + scope(filter));
    }

    private static List<ImageResult> images(OpenDataset open, Ranking ranking) {
        List<ImageResult> out = new ArrayList<>(ranking.hits().size());
        for (Ranking.Hit h : ranking.hits()) {
            CocoImage img = open.dataset().image(h.id());
            out.add(new ImageResult(h.rank(), img, open.dataset().imagePath(img), h.score(), h.truth()));
        }
        return out;
    }

    private static List<CaptionResult> captions(OpenDataset open, Ranking ranking) {
        return ranking.hits().stream().map(h -> new CaptionResult(h.rank(), open.caption(h.id()), h.score(), h.truth())).toList();
    }

    private void show(Answer answer) {
        images.setAll(answer.images());
        captions.setAll(answer.captions());
        summary.set(answer.summary());
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
