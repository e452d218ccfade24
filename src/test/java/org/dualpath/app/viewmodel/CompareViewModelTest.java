package org.dualpath.app.viewmodel;

import javafx.beans.property.ReadOnlyObjectWrapper;
import org.dualpath.common.Progress;
import org.dualpath.eval.EvalGallery;
import org.dualpath.eval.FailureCase;
import org.dualpath.eval.ModelComparison;
import org.dualpath.model.DualPathModel;
import org.dualpath.model.TinyModels;
import org.dualpath.report.ComparedQuery;
import org.dualpath.store.EmbeddingStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Compare tab's view-model without the JavaFX toolkit: the fixture's 16-d model (A) against a 24-d checkpoint
 * of another vocabulary (B) on the tiny dataset of 10 images.
 */
class CompareViewModelTest {
    @TempDir
    Path dir;
    private ViewModelFixture f;
    private QueryViewModel query;
    private GalleryViewModel gallery;
    private CompareViewModel compare;
    private Path checkpoint;

    @BeforeEach
    void setUp() {
        f = new ViewModelFixture(dir);
        query = f.query();
        gallery = f.gallery();
        compare = new CompareViewModel(f.jobs, f.open.getReadOnlyProperty(), f.searcher.getReadOnlyProperty(),
                new ReadOnlyObjectWrapper<>(dir.resolve("model.zip")), gallery, query, dir.resolve("embeddings"),
                f.files::captions);
        f.searcher.set(f.service);
        checkpoint = dir.resolve("b.zip.checkpoint");
        TinyModels.bundle(List.of("a red circle", "a blue square"), 24, 5).write(checkpoint);
    }

    @AfterEach
    void tearDown() throws BackingStoreException {
        f.close();
    }

    /** The core comparison of A's stored vectors and B's, built here on their own, on all images. */
    private ModelComparison direct() {
        DualPathModel b = DualPathModel.load(checkpoint);
        EmbeddingStore storeB = EmbeddingStore.openOrBuild(b, checkpoint, f.dataset, dir.resolve("b-index"),
                DualPathModel.Options.PLAIN, Progress.NONE);
        EmbeddingStore storeA = f.service.store();
        return ModelComparison.of("all images", EvalGallery.of(storeA.images(), storeA.captions(), storeA.captionImageRows(),
                r -> true), EvalGallery.of(storeB.images(), storeB.captions(), storeB.captionImageRows(), r -> true), 5,
                Progress.NONE);
    }

    @Test
    void theFiguresAreThoseOfTheCoreComparisonOnTheSameVectors() {
        compare.scopeProperty().set(EvaluateViewModel.Scope.ALL);
        compare.openModelB(checkpoint);
        CompareViewModel.Result r = compare.resultProperty().get();
        assertThat(compare.modelBProperty().get()).isEqualTo(checkpoint);
        ModelComparison expected = direct();
        for (int d = 0; d < 2; d++) {
            ModelComparison.DirectionComparison shown = r.comparison().directions().get(d);
            ModelComparison.DirectionComparison core = expected.directions().get(d);
            assertThat(shown.a()).isEqualTo(core.a());
            assertThat(shown.b()).isEqualTo(core.b());
            assertThat(shown.change()).isEqualTo(core.change());
            assertThat(shown.queries()).isEqualTo(core.queries());
        }
        assertThat(r.comparison().rsumChange()).isEqualTo(expected.rsumChange());
        assertThat(r.rows()).extracting(CompareViewModel.Row::model).containsExactly("A", "B", "B − A", "A", "B", "B − A");
        assertThat(r.rows().get(3).figures().r5()).isEqualTo(expected.textToImage().a().r5());
        assertThat(r.rows().get(3).figures().chance5()).isEqualTo(expected.textToImage().a().chance5());
        assertThat(r.rows().get(4).figures().meanRank()).isEqualTo(expected.textToImage().b().meanRank());
        assertThat(r.rows().get(5).figures().r1()).isEqualTo(expected.textToImage().b().r1() - expected.textToImage().a().r1());
        assertThat(r.rows().get(2).figures().direction()).isEqualTo("image → text");
        assertThat(compare.noteProperty().get()).startsWith("all images · 10 images · rsum A ");
        assertThat(compare.shownProperty().get()).isSameAs(r.comparison().textToImage());
    }

    @Test
    void theListsHoldTheMostImprovedAndRegressedQueriesOfTheChosenDirection() {
        compare.scopeProperty().set(EvaluateViewModel.Scope.ALL);
        compare.openModelB(checkpoint);
        ModelComparison.DirectionComparison t2i = compare.resultProperty().get().comparison().textToImage();
        assertThat(compare.improved()).extracting(ComparedQuery::queryId)
                .isEqualTo(t2i.improved().stream().map(ModelComparison.QueryRanks::queryId).toList());
        assertThat(compare.improved()).isNotEmpty().allMatch(q -> q.rankA() > q.rankB())
                .allMatch(q -> q.direction() == FailureCase.Direction.TEXT_TO_IMAGE);
        assertThat(compare.regressed()).isNotEmpty().allMatch(q -> q.rankA() < q.rankB());
        for (int i = 1; i < compare.regressed().size(); i++) {
            assertThat(compare.regressed().get(i).change()).isGreaterThanOrEqualTo(compare.regressed().get(i - 1).change());
        }

        compare.directionProperty().set(FailureCase.Direction.IMAGE_TO_TEXT);
        assertThat(compare.shownProperty().get().direction()).isEqualTo(FailureCase.Direction.IMAGE_TO_TEXT);
        assertThat(compare.improved()).isNotEmpty().allMatch(q -> q.query().equals(q.image().fileName()));
    }

    @Test
    void aClickedQueryShowsBothModelsRankingsWithTheGroundTruthAtItsComparedRanks() {
        compare.scopeProperty().set(EvaluateViewModel.Scope.ALL);
        compare.openModelB(checkpoint);
        // a caption no other image has, so the ground truth of the typed text is its own image alone
        ComparedQuery caption = Stream.concat(compare.improved().stream(), compare.regressed().stream())
                .filter(q -> q.query().contains(" left of ")).findFirst().orElseThrow();
        compare.open(caption);
        ComparedResults.Shown shown = compare.results().shownProperty().get();
        assertThat(shown.query()).isEqualTo(caption);
        assertThat(shown.a().truthRank()).isEqualTo(caption.rankA());
        assertThat(shown.b().truthRank()).isEqualTo(caption.rankB());
        assertThat(shown.a().heading()).isEqualTo("Model A: model.zip");
        assertThat(shown.b().heading()).isEqualTo("Model B: b.zip.checkpoint");
        assertThat(shown.a().summary()).isEqualTo("ground-truth image at rank " + caption.rankA()
                + " of 10 images · in the comparison: rank " + caption.rankA());
        // each column is that model's own ranking: the ground truth marked at its rank, cosines falling
        for (ComparedResults.Column c : List.of(shown.a(), shown.b())) {
            assertThat(c.images()).isNotEmpty();
            assertThat(c.images().stream().filter(ImageResult::truth).map(ImageResult::rank).toList())
                    .containsExactly(c.truthRank());
            assertThat(c.images().stream().filter(ImageResult::truth).findFirst().orElseThrow().image().id())
                    .isEqualTo(caption.image().id());
            for (int i = 1; i < c.images().size(); i++) {
                assertThat(c.images().get(i).score()).isLessThanOrEqualTo(c.images().get(i - 1).score());
            }
        }
        assertThat(shown.a().images()).extracting(r -> r.image().id())
                .isNotEqualTo(shown.b().images().stream().map(r -> r.image().id()).toList());

        compare.directionProperty().set(FailureCase.Direction.IMAGE_TO_TEXT);
        // which image queries of the two random tiny models regress and which improve depends on the CPU's floats
        List<ComparedQuery> changed = compare.regressed().isEmpty() ? compare.improved() : compare.regressed();
        assertThat(changed).isNotEmpty();
        ComparedQuery image = changed.get(0);
        compare.open(image);
        shown = compare.results().shownProperty().get();
        assertThat(shown.a().truthRank()).isEqualTo(image.rankA());
        assertThat(shown.b().truthRank()).isEqualTo(image.rankB());
        assertThat(shown.b().captions()).anyMatch(CaptionResult::truth).allMatch(c -> !c.truth()
                || c.caption().imageId() == image.image().id());

        // a query of its own replaces the comparison in Results
        query.searchText("a red circle");
        assertThat(compare.results().shownProperty().get()).isNull();
    }

    @Test
    void aLassoInMapASelectsTheSameItemsInMapBAndHoverMarksTheSameItem() {
        compare.scopeProperty().set(EvaluateViewModel.Scope.ALL);
        compare.openModelB(checkpoint);
        CompareMapsViewModel maps = compare.maps();
        maps.settings().subsetProperty().set(MapSettings.Subset.ALL);
        maps.settings().modalityProperty().set(org.dualpath.projection.Modality.BOTH);
        maps.settings().methodProperty().set(org.dualpath.projection.MapMethod.PCA);
        maps.compute();
        MapDisplay a = maps.a();
        MapDisplay b = maps.b();
        assertThat(a.layoutProperty().get()).isNotNull();
        assertThat(b.layoutProperty().get().size()).isEqualTo(a.layoutProperty().get().size());
        assertThat(maps.noteProperty().get()).contains("aligned to model A's map");

        // a lasso around the left half of map A
        org.dualpath.projection.MapLayout la = a.layoutProperty().get();
        double mid = java.util.Arrays.stream(la.x()).average().orElseThrow();
        double lo = java.util.Arrays.stream(la.y()).min().orElseThrow() - 1;
        double hi = java.util.Arrays.stream(la.y()).max().orElseThrow() + 1;
        double left = java.util.Arrays.stream(la.x()).min().orElseThrow() - 1;
        a.lasso(new double[]{left, mid, mid, left}, new double[]{lo, lo, hi, hi});
        int[] inA = a.selectedPointsProperty().get();
        assertThat(inA.length).isGreaterThan(0).isLessThan(la.size());
        for (int i : inA) {
            assertThat(la.x()[i]).isLessThan(mid);
        }
        assertThat(ids(b, b.selectedPointsProperty().get())).isEqualTo(ids(a, inA));
        assertThat(maps.selectionNoteProperty().get()).startsWith(inA.length + " items selected in model A's map");

        // hover and click in B mark the same item in A
        int caption = java.util.stream.IntStream.range(0, b.pointsProperty().get().size())
                .filter(i -> b.pointsProperty().get().kind(i) == org.dualpath.projection.MapPoints.Kind.CAPTION).findFirst().orElseThrow();
        b.hover(caption);
        assertThat(ids(a, new int[]{a.hoveredPointProperty().get()})).isEqualTo(ids(b, new int[]{caption}));
        b.hover(-1);
        assertThat(a.hoveredPointProperty().get()).isEqualTo(-1);
        b.select(caption);
        assertThat(ids(a, a.selectedPointsProperty().get())).isEqualTo(ids(b, new int[]{caption}));
    }

    /** The items (kind and id) of {@code points} of a map. */
    private static List<String> ids(MapDisplay map, int[] points) {
        return java.util.Arrays.stream(points).mapToObj(i -> map.pointsProperty().get().kind(i) + " "
                + map.pointsProperty().get().id(i)).sorted().toList();
    }

    @Test
    void aTestSplitComparisonIsKeptForTheSessionAndItsQueriesRunOnTheTestSplit() {
        compare.openModelB(checkpoint);
        CompareViewModel.Result test = compare.resultProperty().get();
        assertThat(test.comparison().images()).isEqualTo(f.dataset.images(org.dualpath.data.Split.TEST).size());
        compare.scopeProperty().set(EvaluateViewModel.Scope.ALL);
        compare.compare();
        compare.scopeProperty().set(EvaluateViewModel.Scope.TEST);
        compare.compare();
        assertThat(compare.resultProperty().get()).isSameAs(test);
        assertThat(compare.noteProperty().get()).endsWith("kept from earlier in this session");
        compare.directionProperty().set(FailureCase.Direction.IMAGE_TO_TEXT);
        compare.open(ComparedQuery.of(f.dataset, f.open.get()::caption, FailureCase.Direction.IMAGE_TO_TEXT,
                test.comparison().imageToText().queries().get(0)));
        assertThat(gallery.splitProperty().get()).isEqualTo(org.dualpath.data.Split.TEST);
    }

    @Test
    void aModelThatCannotEmbedIsRefusedInOneLineNamingItsFile() {
        Path noBackbone = dir.resolve("features-only.zip");
        TinyModels.readingFeaturesWithoutBackbone().write(noBackbone);
        compare.openModelB(noBackbone);
        assertThat(compare.noteProperty().get()).isEqualTo("model B features-only.zip not opened: " + noBackbone
                + ": its network reads 256-d mobilenet features, but the file holds no mobilenet backbone to compute "
                + "them; use the model file 'dualpath train' wrote, which includes it");
        assertThat(compare.modelBProperty().get()).isNull();
        assertThat(compare.resultProperty().get()).isNull();
        assertThat(f.notices).anyMatch(n -> n.level() == Notice.Level.ERROR && n.text().startsWith(noBackbone.toString()));
        assertThat(compare.runningProperty().get()).isFalse();
    }

    @Test
    void cancellingModelBsEmbeddingLeavesNoModelB() {
        f.jobs.messageProperty().addListener((obs, old, text) -> {
            if (text.contains("embedding")) {
                compare.cancel();
            }
        });
        compare.openModelB(checkpoint);
        assertThat(compare.noteProperty().get()).isEqualTo("model B b.zip.checkpoint not opened: cancelled");
        assertThat(compare.modelBProperty().get()).isNull();
        assertThat(compare.runningProperty().get()).isFalse();
    }

    @Test
    void withoutModelAOrModelBItSaysWhatToDo() {
        compare.compare();
        assertThat(compare.noteProperty().get()).isEqualTo("choose model B to compare the open model with");
        f.searcher.set(null);
        compare.compare();
        assertThat(compare.noteProperty().get()).isEqualTo("comparing needs model A: " + ExplorerViewModel.NO_MODEL);
    }

    @Test
    void anotherDatasetDropsModelB() {
        compare.openModelB(checkpoint);
        f.open.set(OpenDataset.of(org.dualpath.data.DatasetLoader.of(f.files.captions(), f.files.images())
                .load(Progress.NONE)));
        assertThat(compare.modelBProperty().get()).isNull();
        assertThat(compare.resultProperty().get()).isNull();
        assertThat(compare.improved()).isEmpty();
    }
}
