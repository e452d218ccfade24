package org.dualpath.app;

import java.util.prefs.BackingStoreException;
import org.testfx.framework.junit5.Start;
import javafx.stage.Stage;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DataFormat;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import org.controlsfx.control.CheckComboBox;
import org.dualpath.app.viewmodel.CaptionResult;
import org.dualpath.app.viewmodel.ImageQuery;
import org.dualpath.app.viewmodel.ImageResult;
import org.dualpath.app.viewmodel.Notice;
import org.dualpath.data.CocoCategory;
import org.dualpath.data.CocoImage;
import org.dualpath.data.Dataset;
import org.dualpath.data.Split;
import org.dualpath.data.image.ImageFixtures;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.awt.Color;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The explorer end to end, headless: a 40-image shapes dataset and an untrained model. */
@Tag("slow")
class ExplorerGuiTest extends ShapesExplorerTest {
    @Start
    void start(Stage stage) throws BackingStoreException {
        open(stage);
    }

    private void awaitSearch() throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.searcherProperty().get() != null);
    }

    @Test
    void typedDatasetCaptionRanksImagesWithScoresAndGroundTruth(FxRobot robot) throws Exception {
        awaitSearch();
        var d = vm.datasetProperty().get().dataset();
        CocoImage target = d.images(Split.TEST).get(3);
        String caption = d.captions(target.id()).get(0).caption();
        robot.interact(() -> {
            vm.query().topKProperty().set(5);
            view.focusQuery();
        });
        robot.write(caption);
        // The answer to the whole caption: typing slower than the debounce asks its prefixes first, and a prefix
        // can itself be a dataset caption with a ground-truth rank (the typed caption is its own nearest caption).
        awaitOnFxThread(20, () -> vm.query().summaryProperty().get().contains("rank") && !vm.query().captions().isEmpty()
                && vm.query().captions().get(0).caption().caption().equalsIgnoreCase(caption));

        List<ImageResult> images = List.copyOf(vm.query().images());
        assertThat(images).hasSize(5);
        assertThat(images).extracting(ImageResult::rank).containsExactly(1, 2, 3, 4, 5);
        for (int i = 1; i < images.size(); i++) {
            assertThat(images.get(i).score()).isLessThanOrEqualTo(images.get(i - 1).score());
        }
        Label summary = robot.lookup("#query-summary").queryAs(Label.class);
        assertThat(summary.getText()).containsPattern("ground-truth image .*: rank \\d+ of 40");
        int truthRank = Integer.parseInt(summary.getText().replaceAll(".*rank (\\d+) of.*", "$1"));
        assertThat(images.stream().filter(ImageResult::truth).toList())
                .hasSize(truthRank <= 5 ? 1 : 0)
                .allMatch(r -> r.image().id() == target.id() && r.rank() == truthRank);

        // At top-K 40 (every image) the list always holds the ground truth, with its marker shown in its row.
        robot.interact(() -> vm.query().topKProperty().set(40));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.query().images().size() == 40);
        assertThat(vm.query().images().stream().filter(ImageResult::truth).map(r -> r.image().id()).toList())
                .containsExactly(target.id());
        ListView<?> list = robot.lookup("#image-results").queryAs(ListView.class);
        robot.interact(() -> list.scrollTo(truthRankIn(vm.query().images()) - 1));
        // the list lays its rows out at the next pulse after scrolling
        awaitOnFxThread(5, () -> robot.from(list).lookup(".truth").queryAll().stream().anyMatch(Node::isVisible));
        assertThat(robot.from(list).lookup(".score").queryAllAs(Label.class))
                .anyMatch(l -> l.getText().matches("-?\\d\\.\\d{3}"));

        // The gallery's split filter narrows the ranked images too: only the 30 training images remain.
        robot.interact(() -> vm.gallery().splitProperty().set(Split.TRAIN));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.query().summaryProperty().get().contains("gallery filters"));
        assertThat(vm.query().images()).hasSize(30).allMatch(r -> d.split(r.image().id()) == Split.TRAIN);
    }

    private static int truthRankIn(List<ImageResult> images) {
        return images.stream().filter(ImageResult::truth).findFirst().orElseThrow().rank();
    }

    @Test
    void droppedImageFileRanksCaptionsAndShowsTheChip(FxRobot robot) throws Exception {
        awaitSearch();
        var d = vm.datasetProperty().get().dataset();
        CocoImage target = d.images(Split.TEST).get(0);
        File file = d.imagePath(target).toFile();
        robot.interact(() -> view.dropFiles(List.of(file)));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !vm.query().captions().isEmpty()
                && vm.query().summaryProperty().get().contains("ground-truth caption"));

        List<CaptionResult> captions = List.copyOf(vm.query().captions());
        assertThat(captions).hasSize(20);
        assertThat(captions.stream().filter(CaptionResult::truth))
                .allMatch(c -> c.caption().imageId() == target.id());
        assertThat(vm.query().images()).first().satisfies(r -> {
            assertThat(r.image().id()).isEqualTo(target.id());
            assertThat(r.truth()).isTrue();
        });
        assertThat(robot.lookup("#image-chip").queryAs(HBox.class).isVisible()).isTrue();
        // The captions list follows the answer one pulse after the images list.
        ListView<?> shown = robot.lookup("#caption-results").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> shown.getItems().equals(vm.query().captions()));
        assertThat(shown.getItems()).hasSize(20);

        robot.interact(() -> view.scene().getRoot().requestFocus());
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.query().imageProperty().get()).isNull();
    }

    /** A dataset that fails to open says why, and the model given with it still opens. */
    @Test
    void aDatasetThatFailsToOpenKeepsTheModelOfTheSession(FxRobot robot) throws Exception {
        awaitSearch();
        Path otherModel = Files.copy(model, dir.resolve("other-model.zip"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path missing = dir.resolve("no-such-captions.json");
        robot.interact(() -> vm.openSession(new org.dualpath.app.viewmodel.SessionSpec(missing, dir, null, null, otherModel)));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.modelStatusProperty().get().startsWith("other-model.zip"));
        assertThat(vm.notices()).anyMatch(n -> n.level() == Notice.Level.ERROR && n.text().contains("no-such-captions.json"));
    }

    /** The model panel says how the model was trained below its status, or that nobody recorded it. */
    @Test
    void theModelPanelEndsWithTheProvenance(FxRobot robot) throws Exception {
        awaitSearch();
        assertThat(vm.modelStatusProperty().get()).endsWith("\nprovenance not recorded (trained before models kept it)");
        Path recorded = dir.resolve("recorded.zip");
        org.dualpath.model.ModelBundle.read(model).withProvenance(org.dualpath.model.TinyModels.provenance())
                .write(recorded);
        robot.interact(() -> vm.openModel(recorded));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.modelStatusProperty().get().startsWith("recorded.zip")
                && vm.modelStatusProperty().get().contains(" · search "));
        assertThat(vm.modelStatusProperty().get().split("\n")).containsExactly(
                vm.modelStatusProperty().get().lines().findFirst().orElseThrow(),
                "trained on shapes (8 images, seeded split, seed 7)",
                "2025-06-01 14:03 UTC · 3\u00a0min\u00a006\u00a0s",
                "DualPath " + org.dualpath.common.Versions.program() + " · DL4J "
                        + org.dualpath.common.Versions.library("org.deeplearning4j", "deeplearning4j-nn"));
    }

    /** The status line said "embeddings no embeddings in … yet: embedded …", two states glued together. */
    @Test
    void theStatusLineSaysWhatTheEmbeddingsStepDidInOnePhrase() throws Exception {
        awaitSearch();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.statusMessage().get().startsWith("ready"));
        assertThat(vm.statusMessage().get()).doesNotContain("embeddings no embeddings")
                .doesNotContain("yet: embedded")
                .containsPattern("· (embeddings up to date: |embedded \\d+ images, \\d+ captions into )");
    }

    @Test
    void typedWordsTheModelDoesNotKnowAreNamedAboveTheResults(FxRobot robot) throws Exception {
        awaitSearch();
        robot.interact(() -> vm.query().textProperty().set("a red zebra circle"));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.query().summaryProperty().get().contains("ignored"));
        assertThat(vm.query().summaryProperty().get()).startsWith("not in the model's vocabulary, ignored: zebra · cosine similarity");
        assertThat(robot.lookup("#query-summary").queryAs(Label.class).getText()).contains("ignored: zebra");
    }

    /** A clipboard that offers image data JavaFX cannot decode: the old answer goes and a notice says why. */
    @Test
    void pastedImageThatCannotBeDecodedClearsTheAnswerAndSaysWhy(FxRobot robot) throws Exception {
        awaitSearch();
        robot.interact(() -> vm.query().textProperty().set("a red circle"));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !vm.query().images().isEmpty());
        // the view hands over null when JavaFX could not decode the clipboard's image
        robot.interact(() -> vm.query().searchPixels("pasted image", null));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.notices().stream().anyMatch(n -> n.level() == Notice.Level.ERROR));
        Notice error = vm.notices().stream().filter(n -> n.level() == Notice.Level.ERROR).findFirst().orElseThrow();
        assertThat(error.title()).isEqualTo("Cannot search with pasted image");
        assertThat(error.text()).contains("cannot be decoded");
        assertThat(vm.query().textProperty().get()).isEmpty();
        assertThat(vm.query().imageProperty().get()).isNull();
    }

    /**
     * A paste that offers encoded bytes (GTK hands them over as a ByteBuffer) is decoded like their file: an
     * EXIF-rotated JPEG is searched upright, a cut PNG is refused with the file's reason.
     */
    @Test
    void pastedImageBytesAreDecodedLikeTheirFile(FxRobot robot) throws Exception {
        awaitSearch();
        byte[] rotated = ImageFixtures.withExifOrientation(
                ImageFixtures.jpeg(ImageFixtures.halves(40, 20, Color.RED, Color.BLUE), false), 6);
        robot.interact(() -> {
            putOnClipboard("image/jpeg", rotated);
            assertThat(view.pasteImage()).isTrue();
        });
        awaitOnFxThread(20, () -> vm.query().imageProperty().get() != null && !vm.query().captions().isEmpty());
        ImageQuery pasted = vm.query().imageProperty().get();
        assertThat(pasted.name()).isEqualTo("pasted image");
        assertThat(pasted.pixels().getWidth()).isEqualTo(20);
        assertThat(pasted.pixels().getHeight()).isEqualTo(40);

        byte[] png = Files.readAllBytes(vm.datasetProperty().get().dataset().imagePath(
                vm.datasetProperty().get().dataset().images().get(0)));
        robot.interact(() -> {
            putOnClipboard("image/png", java.util.Arrays.copyOf(png, png.length / 2));
            assertThat(view.pasteImage()).isTrue();
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.notices().stream().anyMatch(n -> n.level() == Notice.Level.ERROR));
        Notice error = vm.notices().stream().filter(n -> n.level() == Notice.Level.ERROR).findFirst().orElseThrow();
        assertThat(error.title()).isEqualTo("Cannot search with pasted image");
        assertThat(error.text()).startsWith("pasted image: corrupt or truncated PNG data (")
                .endsWith("; copy the image again, or open its file instead");
    }

    private static void putOnClipboard(String mimeType, byte[] data) {
        ClipboardContent content = new ClipboardContent();
        content.put(DataFormat.lookupMimeType(mimeType), ByteBuffer.wrap(data));
        Clipboard.getSystemClipboard().setContent(content);
    }

    @Test
    void textFileNamedJpgGivesAnErrorNotificationAndQueriesStillWork(FxRobot robot) throws Exception {
        awaitSearch();
        Path fake = Files.writeString(dir.resolve("notes.jpg"), "these are my notes, not a picture");
        robot.interact(() -> view.dropFiles(List.of(fake.toFile())));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.notices().stream().anyMatch(n -> n.level() == Notice.Level.ERROR));
        Notice error = vm.notices().stream().filter(n -> n.level() == Notice.Level.ERROR).findFirst().orElseThrow();
        assertThat(error.text()).contains("notes.jpg").contains("not an image");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".notification-bar").tryQuery()).isPresent();
        // the whole message, wrapping, stays up until dismissed (an error vanished after 10 s, clipped off-screen)
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".notice-text").tryQuery().isPresent());
        Label shown = robot.lookup(".notice-text").queryAs(Label.class);
        assertThat(shown.getText()).isEqualTo(error.text());
        assertThat(shown.isWrapText()).isTrue();
        assertThat(robot.lookup(".notification-bar .button").queryAll()).anyMatch(
                b -> b instanceof javafx.scene.control.Button button && button.getText().equals("Copy"));

        robot.interact(() -> vm.query().textProperty().set("a red circle"));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !vm.query().images().isEmpty());
        assertThat(vm.query().images()).isNotEmpty();
    }

    @Test
    void resultListsHaveTheirCellsBeforeTheFirstAnswerAndShowNoPlaceholderRows(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.gallery().items().size() == 40);
        WaitForAsyncUtils.waitForFxEvents();
        ListView<?> images = robot.lookup("#image-results").queryAs(ListView.class);
        assertThat(images.getItems()).isSameAs(vm.query().images()).isEmpty();
        assertThat(robot.lookup("#caption-results").queryAs(ListView.class).getItems()).isEmpty();
        assertThat(robot.lookup("#image-results .list-cell").queryAll()).hasSizeGreaterThan(1);
        assertThat(robot.lookup("#caption-results .list-cell").queryAll()).hasSizeGreaterThan(1);

        // The warm-up query that runs when the model is ready shows nothing.
        awaitSearch();
        awaitQueriesAnswered(robot);
        assertThat(vm.query().images()).isEmpty();
        assertThat(vm.query().captions()).isEmpty();
        assertThat(vm.query().summaryProperty().get()).isEqualTo("type a description or drop an image");
    }

    /**
     * Waits until the queries asked so far have run and their answers were handed to their lanes: one query thread
     * runs them in order and the JavaFX thread takes the answers in order, so a query asked after them on the
     * JavaFX thread is answered last.
     */
    private void awaitQueriesAnswered(FxRobot robot) throws Exception {
        CompletableFuture<Object> answered = new CompletableFuture<>();
        robot.interact(() -> vm.jobs().lane().submit(p -> "answered", answered::complete, answered::complete));
        answered.get(20, TimeUnit.SECONDS);
    }

    @Test
    void emptiedResultCellsKeepTheirRowsHidden(FxRobot robot) throws Exception {
        awaitSearch();
        robot.interact(() -> vm.query().searchText("a red circle"));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !vm.query().images().isEmpty());
        robot.interact(() -> vm.query().clear());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> robot.lookup("#caption-results").queryAs(ListView.class).getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        // Removing a row from its cell and adding it back re-applied CSS to the whole row on the next answer.
        for (String list : List.of("#image-results", "#caption-results")) {
            List<ListCell<?>> cells = robot.lookup(list + " .list-cell").queryAll().stream().<ListCell<?>>map(n -> (ListCell<?>) n).toList();
            assertThat(cells).isNotEmpty().allSatisfy(c -> {
                assertThat(c.isEmpty()).isTrue();
                assertThat(c.getGraphic()).isNotNull().satisfies(g -> assertThat(g.isVisible()).isFalse());
            });
        }
    }

    @Test
    void categoryFilterOffersTheDatasetsCategoriesAndCheckingOneNarrowsTheGallery(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.gallery().items().size() == 40);
        WaitForAsyncUtils.waitForFxEvents();
        Dataset d = vm.datasetProperty().get().dataset();
        List<String> names = d.categories().stream().map(CocoCategory::name).distinct().sorted().toList();
        assertThat(names).hasSizeGreaterThan(1);
        @SuppressWarnings("unchecked")
        CheckComboBox<String> box = robot.lookup("#category-filter").queryAs(CheckComboBox.class);
        assertThat(box.getItems()).containsExactlyElementsOf(names);
        assertThat(box.isDisabled()).isFalse();
        assertThat(shownText(robot, box)).isEqualTo("Categories (0/" + names.size() + ")");

        // A category some but not all images have, checked in the drop-down as a user does.
        String name = names.stream().filter(n -> {
            long k = imagesWith(d, n).size();
            return k > 0 && k < 40;
        }).findFirst().orElseThrow();
        robot.clickOn(box);
        robot.clickOn(robot.lookup((Node n) -> n instanceof ListCell<?> c && name.equals(c.getItem())).queryAs(ListCell.class));
        robot.interact(box::hide);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(vm.gallery().items()).containsExactlyInAnyOrderElementsOf(imagesWith(d, name));
        assertThat(shownText(robot, box)).isEqualTo("Categories (1/" + names.size() + ")");
        assertThat(vm.gallery().summaryProperty().get()).isEqualTo(imagesWith(d, name).size() + " of 40 images");

        // Opening a dataset again starts with nothing checked, in the view-model and on screen.
        var before = vm.datasetProperty().get();
        robot.interact(() -> vm.openSession(AppFixtures.session(shapes, null)));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.datasetProperty().get() != before);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.gallery().items()).hasSize(40);
        @SuppressWarnings("unchecked")
        CheckComboBox<String> reopened = robot.lookup("#category-filter").queryAs(CheckComboBox.class);
        assertThat(reopened.getCheckModel().getCheckedItems()).isEmpty();
        assertThat(shownText(robot, reopened)).isEqualTo("Categories (0/" + names.size() + ")");
    }

    private static List<CocoImage> imagesWith(Dataset d, String category) {
        return d.images().stream().filter(i -> d.categories(i.id()).stream().anyMatch(c -> c.category().name().equals(category)))
                .toList();
    }

    /** The text the check combo box shows on its button (its skin draws it with an inner combo box's button cell). */
    private static String shownText(FxRobot robot, CheckComboBox<?> box) {
        return robot.from(box).lookup((Node n) -> n instanceof ComboBox<?>).queryAs(ComboBox.class).getButtonCell().getText();
    }
}
