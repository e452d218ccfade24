package org.dualpath.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KarpathyJsonTest {
    @TempDir
    Path dir;

    static Path cocoStyle(Path dir) {
        return Fixtures.json(dir, "dataset_coco.json", """
                {'dataset': 'coco', 'images': [
                  {'filepath': 'val2014', 'filename': 'COCO_1.jpg', 'imgid': 0, 'cocoid': 101, 'split': 'test',
                   'sentences': [{'raw': 'A cat.', 'tokens': ['a', 'cat']}, {'raw': 'Cat.', 'tokens': ['cat']}]},
                  {'filepath': 'train2014', 'filename': 'COCO_2.jpg', 'imgid': 1, 'cocoid': 102, 'split': 'restval',
                   'sentences': [{'raw': 'A dog.', 'tokens': ['a', 'dog']}]},
                  {'filepath': 'val2014', 'filename': 'COCO_3.jpg', 'imgid': 2, 'cocoid': 103, 'split': 'val',
                   'sentences': [{'raw': 'A cow.', 'tokens': ['a', 'cow']}]}]}
                """);
    }

    @Test
    void readsCocoStyleWithCocoIdsAndRestvalAsTrain() {
        List<KarpathyImage> images = KarpathyJson.read(cocoStyle(dir));
        assertThat(images).containsExactly(
                new KarpathyImage(101, "val2014/COCO_1.jpg", Split.TEST, List.of("A cat.", "Cat.")),
                new KarpathyImage(102, "train2014/COCO_2.jpg", Split.TRAIN, List.of("A dog.")),
                new KarpathyImage(103, "val2014/COCO_3.jpg", Split.VAL, List.of("A cow.")));
    }

    @Test
    void readsFlickrStyleWithImgIds() {
        Path f = Fixtures.json(dir, "dataset_flickr8k.json", """
                {'images': [{'filename': 'x.jpg', 'imgid': 4, 'split': 'train',
                             'sentences': [{'raw': 'A boy.', 'tokens': ['a', 'boy']}]}]}
                """);
        assertThat(KarpathyJson.read(f)).containsExactly(new KarpathyImage(4, "x.jpg", Split.TRAIN, List.of("A boy.")));
    }

    @Test
    void badSplitAndMissingSentences() {
        Path f = Fixtures.json(dir, "a.json", """
                {'images': [{'filename': 'x.jpg', 'imgid': 4, 'split': 'holdout', 'sentences': []}]}
                """);
        assertThatThrownBy(() -> KarpathyJson.read(f)).hasMessage(f + ": images[0] (id 4): field \"split\" is \"holdout\","
                + " expected train, restval, val or test; fix the file or download Karpathy's dataset_*.json again");
        Path g = Fixtures.json(dir, "b.json", """
                {'images': [{'filename': 'x.jpg', 'imgid': 4, 'split': 'train', 'sentences': [{'tokens': []}]}]}
                """);
        assertThatThrownBy(() -> KarpathyJson.read(g))
                .hasMessageContaining("images[0] (id 4).sentences[0]: required field \"raw\" is missing");
        Path h = Fixtures.json(dir, "c.json", """
                {'images': [{'filename': 'x.jpg', 'imgid': 4, 'split': 'train', 'sentences': []},
                            {'filename': 'y.jpg', 'imgid': 4, 'split': 'train', 'sentences': []}]}
                """);
        assertThatThrownBy(() -> KarpathyJson.read(h)).hasMessageContaining("images[1] (id 4): image id 4 is used twice");
    }
}
