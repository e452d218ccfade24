package org.dualpath.data;

import org.dualpath.common.InputException;
import org.dualpath.common.Progress;
import org.dualpath.common.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatasetLoaderTest {
    @TempDir
    Path dir;

    @Test
    void loadsCaptionsPerImageWithDefaultSeededSplit() {
        Dataset d = DatasetLoader.of(Fixtures.captions(dir), dir).load(Progress.NONE);
        assertThat(d.name()).isEqualTo("captions");
        assertThat(d.images()).extracting(CocoImage::id).containsExactly(1L, 2L);
        assertThat(d.captions(1)).extracting(CocoCaption::caption).containsExactly("a cat on a mat", "a cat");
        assertThat(d.captionCount()).isEqualTo(3);
        assertThat(d.imagePath(d.image(2))).isEqualTo(dir.toAbsolutePath().resolve("b.jpg"));
        assertThat(d.splitRecord().seed()).isEqualTo(SplitSpec.DEFAULT_SEED);
        assertThat(d.splitRecord().source()).isEqualTo("seeded shuffle: val 20.0% (at most 1000), test 20.0% (at most 1000)");
        assertThatThrownBy(() -> d.image(9)).isInstanceOf(InputException.class).hasMessageContaining("no image with id 9");
    }

    @Test
    void seededSplitIsDeterministicAndSized() {
        Path f = Fixtures.captions(dir, 100);
        Dataset a = DatasetLoader.of(f, dir).seed(7).load(Progress.NONE);
        Dataset b = DatasetLoader.of(f, dir).seed(7).load(Progress.NONE);
        Dataset c = DatasetLoader.of(f, dir).seed(8).load(Progress.NONE);
        assertThat(a.splits()).isEqualTo(b.splits()).isNotEqualTo(c.splits());
        assertThat(a.splitRecord().count(Split.TRAIN)).isEqualTo(60);
        assertThat(a.splitRecord().count(Split.VAL)).isEqualTo(20);
        assertThat(a.images(Split.TEST)).hasSize(20);
        Dataset counts = DatasetLoader.of(f, dir).splitSpec(SplitSpec.counts(5, 10)).load(Progress.NONE);
        assertThat(counts.splitRecord().toString()).startsWith("train 85, val 5, test 10 (source seeded shuffle: val 5, test 10, seed 42)");
        assertThat(SplitSpec.DEFAULT.testSize(123_287)).isEqualTo(1000);
        assertThatThrownBy(() -> DatasetLoader.of(f, dir).splitSpec(SplitSpec.counts(60, 60)).load(Progress.NONE))
                .hasMessage("the split asks for 60 val and 60 test images but the dataset has only 100; ask for fewer");
        assertThatThrownBy(() -> SplitSpec.fractions(0.5, 0.5)).hasMessageContaining("must be >= 0 and leave some training images");
    }

    @Test
    void splitFileRoundTrip() {
        Path f = Fixtures.captions(dir, 20);
        Dataset a = DatasetLoader.of(f, dir).seed(3).load(Progress.NONE);
        Path split = dir.resolve("split.json");
        SplitFile.write(split, a.splitAssignment());
        Dataset b = DatasetLoader.of(f, dir).splitFile(split).load(Progress.NONE);
        assertThat(b.splits()).isEqualTo(a.splits());
        assertThat(b.splitRecord()).isEqualTo(a.splitRecord());
    }

    @Test
    void splitFileInTheAgreedFormat() {
        Path split = Fixtures.json(dir, "split.json",
                "{'source': 'hand-made', 'seed': 42, 'splits': {'train': [1], 'val': [], 'test': [2]}}");
        Dataset d = DatasetLoader.of(Fixtures.captions(dir), dir).splitFile(split).load(Progress.NONE);
        assertThat(d.split(1)).isEqualTo(Split.TRAIN);
        assertThat(d.split(2)).isEqualTo(Split.TEST);
        assertThat(d.splitRecord().source()).isEqualTo("hand-made");
    }

    @Test
    void badSplitFiles() {
        Path captions = Fixtures.captions(dir);
        Path unknown = Fixtures.json(dir, "s1.json", "{'seed': 1, 'splits': {'train': [1, 2, 3]}}");
        assertThatThrownBy(() -> DatasetLoader.of(captions, dir).splitFile(unknown).load(Progress.NONE))
                .hasMessageContaining("s1.json: splits.train[2]: image id 3 is not in the dataset");
        Path twice = Fixtures.json(dir, "s2.json", "{'splits': {'train': [1, 2], 'test': [2]}}");
        assertThatThrownBy(() -> DatasetLoader.of(captions, dir).splitFile(twice).load(Progress.NONE))
                .hasMessageContaining("s2.json: splits.test[0]: image id 2 is in both train and test");
        Path missing = Fixtures.json(dir, "s3.json", "{'splits': {'train': [1]}}");
        assertThatThrownBy(() -> DatasetLoader.of(captions, dir).splitFile(missing).load(Progress.NONE))
                .hasMessageContaining("s3.json: 1 image(s) of the dataset are in no split (first: id 2)");
        Path badKey = Fixtures.json(dir, "s4.json", "{'splits': {'holdout': [1]}}");
        assertThatThrownBy(() -> DatasetLoader.of(captions, dir).splitFile(badKey).load(Progress.NONE))
                .hasMessageContaining("s4.json: splits: unknown split \"holdout\", expected train, val or test");
    }

    @Test
    void karpathyFileAsSplitSourceMatchesByFileName() {
        Path captions = Fixtures.json(dir, "c.json", """
                {'images': [{'id': 1, 'file_name': 'COCO_1.jpg', 'width': 1, 'height': 1},
                            {'id': 2, 'file_name': 'COCO_2.jpg', 'width': 1, 'height': 1}], 'annotations': []}
                """);
        Dataset d = DatasetLoader.of(captions, dir).splitFile(KarpathyJsonTest.cocoStyle(dir)).load(Progress.NONE);
        assertThat(d.split(1)).isEqualTo(Split.TEST);
        assertThat(d.split(2)).isEqualTo(Split.TRAIN);
        assertThat(d.splitRecord().source()).isEqualTo("karpathy:dataset_coco.json");
        assertThat(d.splitRecord().seed()).isNull();
    }

    @Test
    void instancesGiveCategoriesPerImageLargestAreaFirst() {
        Path inst = Fixtures.json(dir, "instances.json", """
                {'images': [{'id': 1, 'file_name': 'a.jpg', 'width': 4, 'height': 3}],
                 'categories': [{'id': 1, 'name': 'cat', 'supercategory': 'animal'},
                                {'id': 2, 'name': 'mat', 'supercategory': 'furniture'}],
                 'annotations': [{'id': 1, 'image_id': 1, 'category_id': 1, 'area': 2, 'bbox': [0, 0, 1, 2]},
                                 {'id': 2, 'image_id': 1, 'category_id': 2, 'area': 5, 'bbox': [0, 0, 4, 3]},
                                 {'id': 3, 'image_id': 1, 'category_id': 1, 'area': 4, 'bbox': [0, 0, 2, 2]}]}
                """);
        Dataset d = DatasetLoader.of(Fixtures.captions(dir), dir).instances(inst).load(Progress.NONE);
        assertThat(d.categories()).hasSize(2);
        assertThat(d.categories(1)).containsExactly(
                new ImageCategory(new CocoCategory(1, "cat", "animal"), 2, 6.0),
                new ImageCategory(new CocoCategory(2, "mat", "furniture"), 1, 5.0));
        assertThat(d.categories(2)).isEmpty();
    }

    /** Training leaves out images it cannot read: with them go their captions, categories and split entries. */
    @Test
    void withoutSomeImagesDropsTheirCaptionsCategoriesAndSplitEntries() {
        Path inst = Fixtures.json(dir, "instances.json", """
                {'images': [{'id': 1, 'file_name': 'a.jpg', 'width': 4, 'height': 3},
                            {'id': 2, 'file_name': 'b.jpg', 'width': 5, 'height': 6}],
                 'categories': [{'id': 1, 'name': 'cat', 'supercategory': 'animal'}],
                 'annotations': [{'id': 1, 'image_id': 1, 'category_id': 1, 'area': 2, 'bbox': [0, 0, 1, 2]},
                                 {'id': 2, 'image_id': 2, 'category_id': 1, 'area': 2, 'bbox': [0, 0, 1, 2]}]}
                """);
        Dataset d = DatasetLoader.of(Fixtures.captions(dir), dir).instances(inst).splitSpec(SplitSpec.counts(1, 0))
                .seed(3).load(Progress.NONE);
        Split ofFirst = d.split(1);
        Dataset kept = d.without(java.util.Set.of(2L));

        assertThat(kept.images()).extracting(CocoImage::id).containsExactly(1L);
        assertThat(kept.captions(1)).isEqualTo(d.captions(1));
        assertThat(kept.captions(2)).isEmpty();
        assertThat(kept.captionCount()).isEqualTo(2);
        assertThat(kept.categories(1)).isEqualTo(d.categories(1));
        assertThat(kept.categories(2)).isEmpty();
        assertThat(kept.categories()).isEqualTo(d.categories());
        assertThat(kept.splits()).containsOnlyKeys(1L).containsEntry(1L, ofFirst);
        assertThat(kept.splitRecord().source()).isEqualTo(d.splitRecord().source());
        assertThat(kept.splitRecord().seed()).isEqualTo(3L);
        assertThat(kept.splitRecord().count(Split.TRAIN) + kept.splitRecord().count(Split.VAL)).isEqualTo(1);
        assertThatThrownBy(() -> kept.image(2)).isInstanceOf(InputException.class);
        assertThat(d.without(java.util.Set.of())).isSameAs(d);
    }

    @Test
    void instancesForImagesNotInTheCaptionsFileAreRefused() {
        Path inst = Fixtures.json(dir, "instances.json", """
                {'images': [{'id': 9, 'file_name': 'z.jpg', 'width': 4, 'height': 3}],
                 'categories': [{'id': 1, 'name': 'cat', 'supercategory': 'animal'}],
                 'annotations': [{'id': 1, 'image_id': 9, 'category_id': 1, 'area': 2, 'bbox': [0, 0, 1, 2]}]}
                """);
        assertThatThrownBy(() -> DatasetLoader.of(Fixtures.captions(dir), dir).instances(inst).load(Progress.NONE))
                .hasMessage(inst + ": annotation id 1: image_id 9 is not in the captions file; "
                        + "remove them or add the images to the \"images\" array");
    }

    @Test
    void loadsFlickr8k1k() {
        Path f = SharedData.require("data/flickr8k-1k/captions.json");
        Dataset d = DatasetLoader.of(f, f.resolveSibling("images")).load(Progress.NONE);
        assertThat(d.images()).hasSize(1000);
        assertThat(d.captionCount()).isEqualTo(5000);
        assertThat(d.images()).allSatisfy(i -> assertThat(d.captions(i.id())).hasSize(5));
        assertThat(d.splitRecord().counts()).containsEntry(Split.TRAIN, 600).containsEntry(Split.TEST, 200);
    }

    @Test
    void loadsCocoVal2017() {
        Path f = SharedData.require("data/coco-val2017-captions/captions_val2017.json");
        Dataset d = DatasetLoader.of(f, dir).load(Progress.NONE);
        assertThat(d.images()).hasSize(5000);
        assertThat(d.captionCount()).isEqualTo(25014);
        assertThat(d.splitRecord().counts()).containsEntry(Split.TEST, 1000).containsEntry(Split.VAL, 1000);
        assertThat(List.of(d.images(Split.TRAIN).size())).containsExactly(3000);
    }
}
