package org.dualpath.app.viewmodel;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.dualpath.eval.FailureCase;
import org.dualpath.report.ComparedQuery;
import org.dualpath.search.Answer;
import org.dualpath.search.Query;
import org.dualpath.search.QueryService;
import org.dualpath.search.Ranking;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.LongPredicate;

/**
 * A compared query answered by both models side by side, as Results shows it: the same {@link Query} through each
 * model's {@link QueryService#answer} (the one query pipeline), on the same images, each ranking with its ground
 * truth marked, its ranks and cosines. Text → image queries rank images, image → text queries captions.
 */
public final class ComparedResults {
    /** One model's answer: a heading naming the model, where its ground truth ranks, and its ranking. */
    public record Column(String heading, String summary, int truthRank, List<ImageResult> images,
                         List<CaptionResult> captions) {
    }

    /** Both models' answers to {@code query}. */
    public record Shown(ComparedQuery query, Column a, Column b) {
    }

    private final BackgroundJobs.Lane lane;
    private final ReadOnlyObjectWrapper<Shown> shown = new ReadOnlyObjectWrapper<>();

    ComparedResults(BackgroundJobs jobs) {
        this.lane = jobs.lane();
    }

    /** Answers {@code q} with both models in the background, the {@code k} best images among {@code filter}'s. */
    void show(OpenDataset open, ComparedQuery q, QueryService a, Path fileA, QueryService b, Path fileB, int k,
              LongPredicate filter) {
        Query query = q.direction() == FailureCase.Direction.IMAGE_TO_TEXT
                ? new Query.Item(q.image().id(), q.image().fileName()) : new Query.Text(q.query());
        lane.submit(p -> new Shown(q, column(open, "A", fileA, a.answer(query, k, filter), q.rankA(), q),
                column(open, "B", fileB, b.answer(query, k, filter), q.rankB(), q)), shown::set, error -> shown.set(null));
    }

    private static Column column(OpenDataset open, String model, Path file, Answer answer, int compared, ComparedQuery q) {
        boolean images = q.direction() == FailureCase.Direction.TEXT_TO_IMAGE;
        Ranking r = images ? answer.images() : answer.captions();
        String what = images ? "ground-truth image" : "best ground-truth caption";
        String summary = String.format(Locale.ROOT, "%s at rank %,d of %,d %s · in the comparison: rank %,d", what,
                r.truthRank(), r.gallerySize(), images ? "images" : "captions", compared);
        return new Column("Model " + model + ": " + (file == null ? "?" : file.getFileName()), summary, r.truthRank(),
                images ? QueryViewModel.images(open, r) : List.of(), images ? List.of() : QueryViewModel.captions(open, r));
    }

    /** Hides the comparison (a new query shows in Results instead). */
    public void clear() {
        lane.discard();
        shown.set(null);
    }

    /** The compared query's two answers; null when Results shows the current query instead. */
    public ReadOnlyObjectProperty<Shown> shownProperty() {
        return shown.getReadOnlyProperty();
    }
}
