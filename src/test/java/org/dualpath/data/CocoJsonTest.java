package org.dualpath.data;

import org.dualpath.common.InputException;
import org.dualpath.common.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CocoJsonTest {
    @TempDir
    Path dir;

    @Test
    void readsCaptions() {
        CocoCaptionsFile f = CocoJson.readCaptions(Fixtures.captions(dir));
        assertThat(f.images()).containsExactly(
                new CocoImage(1, "a.jpg", 4, 3, "http://x/a.jpg", null), new CocoImage(2, "b.jpg", 5, 6));
        assertThat(f.annotations()).extracting(CocoCaption::caption).containsExactly("a cat on a mat", "a cat", "a dog");
        assertThat(f.info()).containsEntry("description", "test");
    }

    @Test
    void writtenCaptionsReadBack() {
        CocoCaptionsFile f = CocoJson.readCaptions(Fixtures.captions(dir));
        Path out = dir.resolve("out/copy.json");
        CocoJson.write(out, f);
        assertThat(CocoJson.readCaptions(out).images()).isEqualTo(f.images());
        assertThat(CocoJson.readCaptions(out).annotations()).isEqualTo(f.annotations());
    }

    @Test
    void readsInstances() {
        Path f = Fixtures.json(dir, "instances.json", """
                {'images': [{'id': 1, 'file_name': 'a.jpg', 'width': 4, 'height': 3}],
                 'categories': [{'id': 1, 'name': 'cat', 'supercategory': 'animal'},
                                {'id': 2, 'name': 'mat', 'supercategory': 'furniture'}],
                 'annotations': [{'id': 1, 'image_id': 1, 'category_id': 1, 'area': 5.5, 'bbox': [0, 0, 2, 3]},
                                 {'id': 2, 'image_id': 1, 'category_id': 2, 'area': 10, 'bbox': [0, 0, 4, 3], 'iscrowd': 1}]}
                """);
        CocoInstancesFile inst = CocoJson.readInstances(f);
        assertThat(inst.categories()).containsExactly(new CocoCategory(1, "cat", "animal"), new CocoCategory(2, "mat", "furniture"));
        assertThat(inst.annotations()).hasSize(2);
        assertThat(inst.annotations().get(0).bbox()).containsExactly(0, 0, 2, 3);
        assertThat(inst.annotations().get(1).iscrowd()).isEqualTo(1);
    }

    @Test
    void instancesWithUnknownCategoryOrBadBboxAreRefused() {
        Path unknown = Fixtures.json(dir, "i1.json", """
                {'images': [{'id': 1, 'file_name': 'a.jpg', 'width': 4, 'height': 3}],
                 'categories': [{'id': 1, 'name': 'cat', 'supercategory': 'animal'}],
                 'annotations': [{'id': 1, 'image_id': 1, 'category_id': 9, 'area': 1, 'bbox': [0, 0, 1, 1]}]}
                """);
        assertThatThrownBy(() -> CocoJson.readInstances(unknown)).isInstanceOf(InputException.class)
                .hasMessage(unknown + ": annotations[0] (id 1): category_id 9 is not in \"categories\"; "
                        + "remove them or add the categories to the \"categories\" array");
        Path bbox = Fixtures.json(dir, "i2.json", """
                {'images': [], 'categories': [{'id': 1, 'name': 'cat', 'supercategory': 'animal'}],
                 'annotations': [{'id': 1, 'image_id': 1, 'category_id': 1, 'area': 1, 'bbox': [0, 0, 1]}]}
                """);
        assertThatThrownBy(() -> CocoJson.readInstances(bbox))
                .hasMessageContaining("annotations[0] (id 1): field \"bbox\" must hold 4 numbers [x, y, width, height], found 3");
        Path noSuper = Fixtures.json(dir, "i3.json", """
                {'images': [], 'annotations': [], 'categories': [{'id': 1, 'name': 'cat'}]}
                """);
        assertThatThrownBy(() -> CocoJson.readInstances(noSuper))
                .hasMessageContaining("categories[0] (id 1): required field \"supercategory\" is missing");
    }

    @Test
    void malformedJsonNamesLineAndColumn() {
        Path f = Fixtures.text(dir, "bad.json", "{\"images\": [\n  {\"id\": 1,, }\n]}");
        assertThatThrownBy(() -> CocoJson.readCaptions(f)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(f + ": malformed JSON at line 2, column 12: Unexpected character (',' (code 44))")
                .hasMessageEndingWith("; fix the JSON syntax or regenerate the file")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    /** Jackson's note "[Source: REDACTED (`StreamReadFeature...` disabled); line: 1, column: 12]" is not for users. */
    @Test
    void malformedJsonCarriesNoJacksonInternals() {
        Path f = Fixtures.text(dir, "cut.json", "{\"images\": [1,2");
        assertThatThrownBy(() -> CocoJson.readCaptions(f)).isInstanceOf(InputException.class)
                .hasMessageContaining("start marker at line 1, column 12")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Source:").doesNotContain("StreamReadFeature"));
    }

    @Test
    void emptyFile() {
        Path f = Fixtures.text(dir, "empty.json", "");
        assertThatThrownBy(() -> CocoJson.readCaptions(f))
                .hasMessage(f + ": the file is empty; expected a COCO captions file (with \"images\" and \"annotations\")");
    }

    @Test
    void missingField() {
        Path f = Fixtures.json(dir, "c.json", "{'images': [{'id': 7, 'width': 1, 'height': 1}], 'annotations': []}");
        assertThatThrownBy(() -> CocoJson.readCaptions(f)).hasMessage(f
                + ": images[0] (id 7): required field \"file_name\" is missing; fix the file or regenerate it in COCO format");
        Path noAnnotations = Fixtures.json(dir, "d.json", "{'images': []}");
        assertThatThrownBy(() -> CocoJson.readCaptions(noAnnotations))
                .hasMessageContaining(": top level: required field \"annotations\" is missing");
    }

    @Test
    void wrongType() {
        Path f = Fixtures.json(dir, "c.json",
                "{'images': [{'id': 7, 'file_name': 'a.jpg', 'width': 'wide', 'height': 1}], 'annotations': []}");
        assertThatThrownBy(() -> CocoJson.readCaptions(f)).hasMessage(f
                + ": images[0] (id 7): field \"width\" must be an integer, found string \"wide\"; fix the file or regenerate it in COCO format");
        Path g = Fixtures.json(dir, "g.json", "{'images': {}, 'annotations': []}");
        assertThatThrownBy(() -> CocoJson.readCaptions(g))
                .hasMessageContaining(": top level: field \"images\" must be an array, found object");
        Path h = Fixtures.json(dir, "h.json", "[1, 2]");
        assertThatThrownBy(() -> CocoJson.readCaptions(h))
                .hasMessageContaining(": top level: is a JSON array, expected an object");
    }

    @Test
    void duplicateImageId() {
        Path f = Fixtures.json(dir, "c.json", """
                {'images': [{'id': 1, 'file_name': 'a.jpg', 'width': 1, 'height': 1},
                            {'id': 1, 'file_name': 'b.jpg', 'width': 1, 'height': 1}], 'annotations': []}
                """);
        assertThatThrownBy(() -> CocoJson.readCaptions(f))
                .hasMessage(f + ": images[1] (id 1): image id 1 is used twice; give every image a unique id");
    }

    @Test
    void duplicateAnnotationId() {
        Path f = Fixtures.json(dir, "c.json", """
                {'images': [{'id': 1, 'file_name': 'a.jpg', 'width': 1, 'height': 1}],
                 'annotations': [{'id': 5, 'image_id': 1, 'caption': 'x'}, {'id': 5, 'image_id': 1, 'caption': 'y'}]}
                """);
        assertThatThrownBy(() -> CocoJson.readCaptions(f))
                .hasMessage(f + ": annotations[1] (id 5): annotation id 5 is used twice; give every annotation a unique id");
    }

    @Test
    void annotationForUnknownImage() {
        Path f = Fixtures.json(dir, "c.json", """
                {'images': [{'id': 1, 'file_name': 'a.jpg', 'width': 1, 'height': 1}],
                 'annotations': [{'id': 5, 'image_id': 2, 'caption': 'x'}]}
                """);
        assertThatThrownBy(() -> CocoJson.readCaptions(f)).hasMessage(f + ": annotations[0] (id 5): image_id 2 is not in"
                + " \"images\"; remove them or add the images to the \"images\" array");
    }

    @Test
    void fileNamesEscapingTheImagesFolderAreRefused() {
        Path up = Fixtures.json(dir, "up.json",
                "{'images': [{'id': 1, 'file_name': '../secret.jpg', 'width': 1, 'height': 1}], 'annotations': []}");
        assertThatThrownBy(() -> CocoJson.readCaptions(up)).hasMessage(up + ": images[0] (id 1): file_name"
                + " \"../secret.jpg\" escapes the images folder with \"..\"; " + ImagePaths.FIX);
        Path abs = Fixtures.json(dir, "abs.json",
                "{'images': [{'id': 1, 'file_name': '/etc/passwd', 'width': 1, 'height': 1}], 'annotations': []}");
        assertThatThrownBy(() -> CocoJson.readCaptions(abs))
                .hasMessage(abs + ": images[0] (id 1): file_name \"/etc/passwd\" is an absolute path; " + ImagePaths.FIX);
    }

    @Test
    void missingFile() {
        Path f = dir.resolve("nope.json");
        assertThatThrownBy(() -> CocoJson.readCaptions(f)).hasMessage(f + ": file not found; check the path");
    }

    @Test
    void readsCocoVal2017() {
        Path f = SharedData.require("data/coco-val2017-captions/captions_val2017.json");
        long t0 = System.nanoTime();
        CocoCaptionsFile file = CocoJson.readCaptions(f);
        System.out.printf("captions_val2017.json read in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        assertThat(file.images()).hasSize(5000);
        assertThat(file.annotations()).hasSize(25014);
        assertThat(file.images().get(0).cocoUrl()).startsWith("http://images.cocodataset.org/");
    }
}
