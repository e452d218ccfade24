package org.dualpath.data;

import org.dualpath.common.InputException;
import org.dualpath.common.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CaptionsConverterTest {
    @TempDir
    Path dir;

    @Test
    void readsTokenFile() {
        Path f = Fixtures.text(dir, "Flickr8k.token.txt", "\uFEFFb.jpg#0\tA dog runs .\nb.jpg#1\tA dog .\n\na.jpg#0\tA cat .\n");
        assertThat(FlickrCaptions.readTokens(f)).containsExactly(
                Map.entry("b.jpg", List.of("A dog runs .", "A dog .")), Map.entry("a.jpg", List.of("A cat .")));
    }

    @Test
    void badTokenLines() {
        Path noTab = Fixtures.text(dir, "t1.txt", "a.jpg#0\tok\na.jpg#1 no tab\n");
        assertThatThrownBy(() -> FlickrCaptions.readTokens(noTab)).isInstanceOf(InputException.class)
                .hasMessage(noTab + ": line 2: no TAB between image and caption; expected name.jpg#n<TAB>caption");
        Path noHash = Fixtures.text(dir, "t2.txt", "a.jpg\tcaption\n");
        assertThatThrownBy(() -> FlickrCaptions.readTokens(noHash))
                .hasMessage(noHash + ": line 1: \"a.jpg\" is not name.jpg#n; expected name.jpg#n<TAB>caption");
        Path empty = Fixtures.text(dir, "t3.txt", "");
        assertThatThrownBy(() -> FlickrCaptions.readTokens(empty))
                .hasMessage(empty + ": the file is empty; expected one caption per line");
    }

    @Test
    void readsCsvWithQuotedFields() {
        Path f = Fixtures.text(dir, "captions.txt", "image,caption\na.jpg,\"A cat, sitting .\"\na.jpg,A cat .\nb.jpg,\"He said \"\"hi\"\" .\"\n");
        assertThat(FlickrCaptions.readCsv(f)).containsExactly(
                Map.entry("a.jpg", List.of("A cat, sitting .", "A cat .")), Map.entry("b.jpg", List.of("He said \"hi\" .")));
    }

    @Test
    void badCsv() {
        Path noHeader = Fixtures.text(dir, "c1.csv", "a.jpg,A cat .\n");
        assertThatThrownBy(() -> FlickrCaptions.readCsv(noHeader)).hasMessage(noHeader
                + ": line 1: header is [a.jpg, A cat .], expected the columns image and caption; add the header line \"image,caption\"");
        Path short1 = Fixtures.text(dir, "c2.csv", "image,caption\na.jpg\n");
        assertThatThrownBy(() -> FlickrCaptions.readCsv(short1))
                .hasMessage(short1 + ": line 2: 1 field(s), expected image and caption; quote captions that contain commas");
        Path quote = Fixtures.text(dir, "c3.csv", "image,caption\na.jpg,\"unterminated\n");
        assertThatThrownBy(() -> FlickrCaptions.readCsv(quote)).hasMessageStartingWith(quote + ": malformed CSV (");
    }

    @Test
    void flickrConversionAssignsIdsInFileNameOrderAndReadsSizes() {
        Fixtures.jpeg(dir, "img/a.jpg", 8, 6);
        Fixtures.jpeg(dir, "img/b.jpg", 3, 9);
        Map<String, List<String>> captions = new java.util.LinkedHashMap<>();
        captions.put("b.jpg", List.of("dog 1", "dog 2"));
        captions.put("a.jpg", List.of("cat"));
        CocoCaptionsFile coco = CaptionsConverter.fromFlickr(captions, dir.resolve("img"), "t.txt", Progress.NONE);
        assertThat(coco.images()).containsExactly(new CocoImage(1, "a.jpg", 8, 6), new CocoImage(2, "b.jpg", 3, 9));
        assertThat(coco.annotations()).containsExactly(
                new CocoCaption(1, 1, "cat"), new CocoCaption(2, 2, "dog 1"), new CocoCaption(3, 2, "dog 2"));
        assertThat(CaptionsConverter.fromFlickr(captions, null, "t.txt", Progress.NONE).images().get(0).width()).isZero();
    }

    @Test
    void conversionRefusesUnsafeAndMissingImages() {
        Map<String, List<String>> unsafe = Map.of("../x.jpg", List.of("c"));
        assertThatThrownBy(() -> CaptionsConverter.fromFlickr(unsafe, null, "t.txt", Progress.NONE))
                .hasMessage("t.txt: file_name \"../x.jpg\" escapes the images folder with \"..\"; " + ImagePaths.FIX);
        Map<String, List<String>> missing = Map.of("x.jpg", List.of("c"));
        assertThatThrownBy(() -> CaptionsConverter.fromFlickr(missing, dir, "t.txt", Progress.NONE))
                .hasMessageContaining("x.jpg: image file not found");
    }

    @Test
    void karpathyConversionKeepsIds() {
        CocoCaptionsFile coco = CaptionsConverter.fromKarpathy(
                KarpathyJson.read(KarpathyJsonTest.cocoStyle(dir)), null, "dataset_coco.json", Progress.NONE);
        assertThat(coco.images()).extracting(CocoImage::id).containsExactly(101L, 102L, 103L);
        assertThat(coco.images().get(0).fileName()).isEqualTo("val2014/COCO_1.jpg");
        assertThat(coco.annotations()).hasSize(4);
    }
}
