package org.dualpath.data;

import org.dualpath.common.InputException;
import org.dualpath.common.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** COCO-style files as users have them: no width/height, and several malformed entries in one file. */
class SizesAndMalformedEntriesTest {
    @TempDir
    Path dir;

    private Path withoutSizes() {
        Fixtures.jpeg(dir, "a.jpg", 40, 30);
        Fixtures.jpeg(dir, "b.jpg", 7, 9);
        return Fixtures.json(dir, "captions.json", """
                {'images': [{'id': 1, 'file_name': 'a.jpg'}, {'id': 2, 'file_name': 'b.jpg', 'width': 7, 'height': 9}],
                 'annotations': [{'id': 1, 'image_id': 1, 'caption': 'a cat'}, {'id': 2, 'image_id': 2, 'caption': 'a dog'}]}
                """);
    }

    @Test
    void theLoaderReadsMissingSizesFromTheImageHeaders() {
        Dataset d = DatasetLoader.of(withoutSizes(), dir).load(Progress.NONE);
        assertThat(d.image(1)).extracting(CocoImage::width, CocoImage::height).containsExactly(40, 30);
        assertThat(d.image(2)).extracting(CocoImage::width, CocoImage::height).containsExactly(7, 9);
    }

    @Test
    void dataCheckNotesMissingSizesWithoutCallingThemAnError() {
        CheckReport r = DataChecker.check(withoutSizes(), dir, null, false, Progress.NONE);
        assertThat(r.usable()).isTrue();
        assertThat(r.problems().kinds()).containsExactly(DataProblem.SIZE_FROM_HEADER);
        assertThat(r.problems().examples(DataProblem.SIZE_FROM_HEADER))
                .containsExactly("a.jpg (image id 1): 40 x 30 from the header");
        assertThat(r.lines()).contains("NOTE images without width/height (read from the image header): 1"
                + " (nothing to do; add the fields to save reading the headers)").last().isEqualTo("result: usable");
    }

    @Test
    void dataCheckListsEveryMalformedEntryOfAFileInsteadOfStoppingAtTheFirst() {
        Fixtures.jpeg(dir, "a.jpg", 4, 4);
        Path f = Fixtures.json(dir, "c.json", """
                {'images': [{'id': 1, 'file_name': 'a.jpg'}, {'id': 2}, {'id': 'three', 'file_name': 'c.jpg'}],
                 'annotations': [{'id': 1, 'image_id': 1, 'caption': 'a cat'}, {'id': 2, 'image_id': 1},
                                 {'id': 3, 'image_id': 1, 'caption': 5}]}
                """);
        CheckReport r = DataChecker.check(f, dir, null, false, Progress.NONE);
        assertThat(r.usable()).isFalse();
        assertThat(r.problems().examples(DataProblem.MALFORMED_ENTRY)).containsExactly(
                "images[1] (id 2): required field \"file_name\" is missing",
                "images[2]: field \"id\" must be an integer, found string \"three\"",
                "annotations[1] (id 2): required field \"caption\" is missing",
                "annotations[2] (id 3): field \"caption\" must be a string, found number 5");
        assertThat(r.images()).isEqualTo(1); // the good entries are still counted and checked
        assertThat(r.captions()).isEqualTo(1);

        // the loader still stops at the first one, with the whole one-line message
        assertThatThrownBy(() -> DatasetLoader.of(f, dir).load(Progress.NONE)).isInstanceOf(InputException.class)
                .hasMessage(f + ": images[1] (id 2): required field \"file_name\" is missing; "
                        + DataProblem.MALFORMED_ENTRY.fix());
    }
}
