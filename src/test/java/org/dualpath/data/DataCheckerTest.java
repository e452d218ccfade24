package org.dualpath.data;

import org.dualpath.common.Progress;
import org.dualpath.common.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataCheckerTest {
    @TempDir
    Path dir;

    @Test
    void cleanDatasetIsUsable() {
        Fixtures.jpeg(dir, "a.jpg", 4, 3);
        Fixtures.jpeg(dir, "b.jpg", 5, 6);
        CheckReport r = DataChecker.check(Fixtures.captions(dir), dir, null, true, Progress.NONE);
        assertThat(r.usable()).isTrue();
        assertThat(r.images()).isEqualTo(2);
        assertThat(r.captions()).isEqualTo(3);
        assertThat(r.minCaptionsPerImage()).isEqualTo(1);
        assertThat(r.maxCaptionsPerImage()).isEqualTo(2);
        assertThat(r.meanCaptionsPerImage()).isEqualTo(1.5);
        assertThat(r.lines()).contains("no problems found", "result: usable");
    }

    @Test
    void reportsEveryProblemGroupedByKind() throws Exception {
        Path f = Fixtures.json(dir, "c.json", """
                {'images': [{'id': 1, 'file_name': 'ok.jpg', 'width': 1, 'height': 1},
                            {'id': 2, 'file_name': 'missing.jpg', 'width': 1, 'height': 1},
                            {'id': 3, 'file_name': 'zero.jpg', 'width': 1, 'height': 1},
                            {'id': 4, 'file_name': 'text.jpg', 'width': 1, 'height': 1},
                            {'id': 5, 'file_name': '../up.jpg', 'width': 1, 'height': 1},
                            {'id': 6, 'file_name': '/abs.jpg', 'width': 1, 'height': 1},
                            {'id': 6, 'file_name': 'ok.jpg', 'width': 1, 'height': 1}],
                 'annotations': [{'id': 1, 'image_id': 1, 'caption': '  '},
                                 {'id': 1, 'image_id': 1, 'caption': 'a cat'},
                                 {'id': 3, 'image_id': 99, 'caption': 'ghost'},
                                 {'id': 4, 'image_id': 2, 'caption': '%s'}]}
                """.formatted("word ".repeat(70).trim()));
        Fixtures.jpeg(dir, "ok.jpg", 2, 2);
        Files.createFile(dir.resolve("zero.jpg"));
        Fixtures.text(dir, "text.jpg", "this is not an image");
        CheckReport r = DataChecker.check(f, dir, null, false, Progress.NONE);
        Problems p = r.problems();
        assertThat(r.usable()).isFalse();
        assertThat(p.examples(DataProblem.IMAGE_MISSING)).containsExactly("missing.jpg (image id 2): file not found");
        assertThat(p.examples(DataProblem.IMAGE_UNREADABLE)).containsExactly(
                "zero.jpg (image id 3): empty file (0 bytes)", "text.jpg (image id 4): not an image (unknown file header)");
        assertThat(p.examples(DataProblem.UNSAFE_FILE_NAME)).containsExactly(
                "images[4] (id 5): file_name \"../up.jpg\" escapes the images folder with \"..\"",
                "images[5] (id 6): file_name \"/abs.jpg\" is an absolute path");
        assertThat(p.examples(DataProblem.DUPLICATE_IMAGE_ID)).containsExactly("images[6] (id 6): image id 6 is used twice");
        assertThat(p.examples(DataProblem.DUPLICATE_FILE_NAME))
                .containsExactly("images[6] (id 6): file_name \"ok.jpg\" is also used by image 1");
        assertThat(p.examples(DataProblem.DUPLICATE_ANNOTATION_ID))
                .containsExactly("annotations[1] (id 1): annotation id 1 is used twice");
        assertThat(p.examples(DataProblem.UNKNOWN_IMAGE))
                .containsExactly("annotations[2] (id 3): image_id 99 is not in \"images\"");
        assertThat(p.examples(DataProblem.EMPTY_CAPTION)).containsExactly("annotation id 1 (image 1): empty caption");
        assertThat(p.examples(DataProblem.LONG_CAPTION)).singleElement().asString()
                .startsWith("annotation id 4 (image 2): 70 tokens: \"word word");
        assertThat(p.count(DataProblem.IMAGE_WITHOUT_CAPTIONS)).isEqualTo(4);
        assertThat(r.lines()).contains(
                "ERROR image files unreadable: 2 (replace them with valid JPEG or PNG files)",
                "WARNING images without captions: 4 (add captions or remove the images)",
                "result: NOT usable, fix the errors above");
    }

    @Test
    void warningsAloneKeepTheDatasetUsable() {
        Path f = Fixtures.json(dir, "c.json", """
                {'images': [{'id': 1, 'file_name': 'a.jpg', 'width': 1, 'height': 1},
                            {'id': 2, 'file_name': 'b.jpg', 'width': 1, 'height': 1}],
                 'annotations': [{'id': 1, 'image_id': 1, 'caption': ''}]}
                """);
        Fixtures.jpeg(dir, "a.jpg", 1, 1);
        Fixtures.jpeg(dir, "b.jpg", 1, 1);
        CheckReport r = DataChecker.check(f, dir, null, false, Progress.NONE);
        assertThat(r.usable()).isTrue();
        assertThat(r.lines()).last().isEqualTo("result: usable (with warnings)");
    }

    @Test
    void widthAndHeightAreCheckedAgainstTheImageAsAWarning() {
        Fixtures.jpeg(dir, "a.jpg", 4, 3);
        Fixtures.jpeg(dir, "b.jpg", 5, 6);
        Path f = Fixtures.json(dir, "c.json", """
                {'images': [{'id': 1, 'file_name': 'a.jpg', 'width': 4, 'height': 3},
                            {'id': 2, 'file_name': 'b.jpg', 'width': 640, 'height': 480}],
                 'annotations': [{'id': 1, 'image_id': 1, 'caption': 'x'}, {'id': 2, 'image_id': 2, 'caption': 'y'}]}
                """);
        CheckReport r = DataChecker.check(f, dir, null, false, Progress.NONE);
        assertThat(r.usable()).isTrue();
        assertThat(r.problems().count(DataProblem.SIZE_MISMATCH)).isEqualTo(1);
        assertThat(String.join("\n", r.lines())).contains("b.jpg (image id 2): 640 x 480 in the file, 5 x 6 in the image");
    }

    @Test
    void aMissingImagesFolderIsOneProblemThatNamesTheFolder() {
        Path folder = dir.resolve("no-such-folder");
        CheckReport r = DataChecker.check(Fixtures.captions(dir, 12), folder, null, false, Progress.NONE);
        assertThat(r.usable()).isFalse();
        assertThat(r.problems().count(DataProblem.IMAGES_FOLDER_MISSING)).isEqualTo(1);
        assertThat(r.problems().count(DataProblem.IMAGE_MISSING)).isZero();
        assertThat(String.join("\n", r.lines())).contains(folder + ": no such folder");
    }

    @Test
    void aDatasetWithoutImagesIsNotUsable() {
        Path f = Fixtures.json(dir, "c.json", "{'images': [], 'annotations': []}");
        CheckReport r = DataChecker.check(f, dir, null, false, Progress.NONE);
        assertThat(r.usable()).isFalse();
        assertThat(r.problems().count(DataProblem.NO_IMAGES)).isEqualTo(1);
        assertThatThrownBy(() -> DatasetLoader.of(f, dir).load(Progress.NONE))
                .isInstanceOf(org.dualpath.common.InputException.class)
                .hasMessage(f + ": the file lists no images; give a captions file whose \"images\" array is not empty");
    }

    @Test
    void countsAreCappedInExamplesButNotInTotals() {
        Path emptyFolder = dir.resolve("none");
        try {
            java.nio.file.Files.createDirectories(emptyFolder);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        CheckReport r = DataChecker.check(Fixtures.captions(dir, 12), emptyFolder, null, false, Progress.NONE);
        assertThat(r.problems().count(DataProblem.IMAGE_MISSING)).isEqualTo(12);
        assertThat(r.problems().examples(DataProblem.IMAGE_MISSING)).hasSize(Problems.MAX_EXAMPLES);
        assertThat(r.lines()).contains("    ... and 7 more");
    }

    @Test
    void checksInstances() {
        Path inst = Fixtures.json(dir, "instances.json", """
                {'images': [{'id': 1, 'file_name': 'a.jpg', 'width': 4, 'height': 3}],
                 'categories': [{'id': 1, 'name': 'cat', 'supercategory': 'animal'}],
                 'annotations': [{'id': 1, 'image_id': 1, 'category_id': 1, 'area': 2, 'bbox': [0, 0, 1, 2]},
                                 {'id': 2, 'image_id': 8, 'category_id': 1, 'area': 2, 'bbox': [0, 0, 1, 2]}]}
                """);
        Fixtures.jpeg(dir, "a.jpg", 4, 3);
        Fixtures.jpeg(dir, "b.jpg", 5, 6);
        CheckReport r = DataChecker.check(Fixtures.captions(dir), dir, inst, false, Progress.NONE);
        assertThat(r.categories()).isEqualTo(1);
        assertThat(r.problems().examples(DataProblem.UNKNOWN_IMAGE))
                .containsExactly("annotations[1] (id 2): image_id 8 is not in \"images\"");
    }

    @Test
    void cocoVal2017WithoutImagesIsFastAndReportsAllMissing() {
        Path f = SharedData.require("data/coco-val2017-captions/captions_val2017.json");
        long t0 = System.nanoTime();
        CheckReport r = DataChecker.check(f, dir, null, false, Progress.NONE);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("data check captions_val2017.json (no images): " + ms + " ms");
        assertThat(r.images()).isEqualTo(5000);
        assertThat(r.captions()).isEqualTo(25014);
        assertThat(r.problems().count(DataProblem.IMAGE_MISSING)).isEqualTo(5000);
        assertThat(ms).isLessThan(10_000);
    }
}
