package org.dualpath.data.shapes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dualpath.common.InputException;
import org.dualpath.common.Progress;
import org.dualpath.data.CocoCaption;
import org.dualpath.data.CocoCaptionsFile;
import org.dualpath.data.CocoJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShapesGeneratorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static ShapesConfig tiny(int train, int test, int threads) {
        return ShapesConfig.defaults().withCounts(train, test).withThreads(threads);
    }

    @Test
    void sameSeedGivesIdenticalFilesWhateverTheThreadCount() throws IOException {
        Path one = dir.resolve("one");
        Path four = dir.resolve("four");
        ShapesGenerator.generate(one, tiny(10, 4, 1), Progress.NONE);
        ShapesGenerator.generate(four, tiny(10, 4, 4), Progress.NONE);
        List<Path> files = relativeFiles(one);
        assertThat(files).hasSize(14 + 3).isEqualTo(relativeFiles(four));
        for (Path f : files) {
            assertThat(Files.readAllBytes(four.resolve(f))).as(f.toString()).isEqualTo(Files.readAllBytes(one.resolve(f)));
        }
        Path other = dir.resolve("other");
        ShapesGenerator.generate(other, tiny(10, 4, 2).withSeed(7), Progress.NONE);
        assertThat(Files.readAllBytes(other.resolve(ShapesGenerator.CAPTIONS_FILE)))
                .isNotEqualTo(Files.readAllBytes(one.resolve(ShapesGenerator.CAPTIONS_FILE)));
    }

    /** A larger training set keeps the default set's training images first and leaves its test images alone. */
    @Test
    void testImagesAreTheSameWhateverTheNumberOfTrainingImages() throws IOException {
        Path small = dir.resolve("small");
        Path large = dir.resolve("large");
        ShapesGenerator.generate(small, tiny(3, 2, 2), Progress.NONE);
        ShapesGenerator.generate(large, tiny(7, 2, 2), Progress.NONE);
        for (int i = 1; i <= 3; i++) {
            assertThat(image(large, i)).as("training image " + i).isEqualTo(image(small, i));
        }
        for (int j = 1; j <= 2; j++) {
            assertThat(image(large, 7 + j)).as("test image " + j).isEqualTo(image(small, 3 + j));
        }
        assertThat(image(large, 4)).isNotEqualTo(image(small, 4));
    }

    private static byte[] image(Path dataset, long id) throws IOException {
        return Files.readAllBytes(dataset.resolve(ShapesGenerator.IMAGES_DIR)
                .resolve(ShapesGenerator.fileName(id, ShapesConfig.Format.PNG)));
    }

    @Test
    void writesACocoDatasetWithTheAgreedSplitFile() throws IOException {
        ShapesGenerator.Result result = ShapesGenerator.generate(dir, tiny(6, 3, 2).withFormat(ShapesConfig.Format.JPEG), Progress.NONE);
        assertThat(result.images()).isEqualTo(9);

        CocoCaptionsFile captions = CocoJson.readCaptions(result.captions());
        assertThat(captions.images()).hasSize(9);
        assertThat(captions.annotations()).hasSize(45);
        assertThat(captions.info()).containsEntry("seed", 42).containsEntry("version", ShapesGenerator.VERSION);
        for (var image : captions.images()) {
            assertThat(image.fileName()).matches("shapes_\\d{6}\\.jpg");
            BufferedImage pixels = ImageIO.read(dir.resolve("images").resolve(image.fileName()).toFile());
            assertThat(pixels.getWidth()).isEqualTo(128);
            assertThat(pixels.getHeight()).isEqualTo(128);
        }

        JsonNode split = JSON.readTree(result.split().toFile());
        assertThat(split.get("source").asText()).isEqualTo("shapes generator");
        assertThat(split.get("seed").asLong()).isEqualTo(42);
        assertThat(ids(split.get("splits").get("train"))).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(split.get("splits").get("val")).isEmpty();
        assertThat(ids(split.get("splits").get("test"))).containsExactly(7L, 8L, 9L);

        JsonNode instances = JSON.readTree(result.instances().toFile());
        assertThat(instances.get("categories")).hasSize(ShapeKind.values().length);
        List<String> supercategories = new ArrayList<>();
        instances.get("categories").forEach(c -> supercategories.add(c.get("supercategory").asText()));
        assertThat(supercategories).contains("round", "polygon", "symbol");
        Map<Long, Long> objectsPerImage = new HashMap<>();
        for (JsonNode a : instances.get("annotations")) {
            objectsPerImage.merge(a.get("image_id").asLong(), 1L, Long::sum);
            JsonNode bbox = a.get("bbox");
            assertThat(bbox.get(0).asDouble()).isGreaterThanOrEqualTo(0);
            assertThat(bbox.get(0).asDouble() + bbox.get(2).asDouble()).isLessThanOrEqualTo(128);
            assertThat(bbox.get(1).asDouble() + bbox.get(3).asDouble()).isLessThanOrEqualTo(128);
            assertThat(a.get("area").asDouble()).isPositive().isLessThanOrEqualTo(bbox.get(2).asDouble() * bbox.get(3).asDouble() + 1);
        }
        assertThat(objectsPerImage).hasSize(9);
        assertThat(objectsPerImage.values()).allMatch(n -> n >= 1 && n <= 3);
    }

    @Test
    void everyImageHasFiveDistinctCaptions() {
        for (int i = 0; i < 200; i++) {
            List<String> captions = ShapesGenerator.render(3, i).sample().captions();
            assertThat(captions).hasSize(ShapesGenerator.CAPTIONS_PER_IMAGE).doesNotHaveDuplicates();
        }
    }

    @Test
    void objectsDoNotOverlapAndEveryPairHasAClearRelation() {
        for (int i = 0; i < 300; i++) {
            List<SceneObject> objects = ShapesGenerator.render(5, i).sample().scene().objects();
            assertThat(objects).hasSizeBetween(1, 3);
            assertThat(objects.stream().map(SceneObject::kind).distinct()).hasSameSizeAs(objects);
            for (SceneObject a : objects) {
                for (SceneObject b : objects) {
                    if (a != b) {
                        assertThat(a.bounds().intersects(b.bounds())).isFalse();
                        Relation r = Relation.between(a.bounds(), b.bounds());
                        assertThat(r).isNotNull();
                        assertThat(r.holds(a.bounds(), b.bounds())).isTrue();
                        assertThat(r.inverse().holds(b.bounds(), a.bounds())).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void relationsInCaptionsAreTrueToTheBoxes() {
        int checked = 0;
        for (int i = 0; i < 300; i++) {
            Scene scene = ShapesGenerator.render(11, i).sample().scene();
            for (String caption : ShapesGenerator.render(11, i).sample().captions()) {
                checked += CaptionCheck.assertRelationTrue(caption, scene) ? 1 : 0;
            }
        }
        assertThat(checked).as("captions with a relation").isGreaterThan(500);
    }

    @Test
    void captionsUseSynonymsAndWordOrders() {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            all.addAll(ShapesGenerator.render(1, i).sample().captions());
        }
        String text = String.join("\n", all);
        assertThat(text).contains("disc", "box", "crimson", "tiny", "there is", " is ", "background", "beside");
    }

    @Test
    void refusesAForeignNonEmptyFolder() throws IOException {
        Files.writeString(dir.resolve("thesis.txt"), "keep me");
        assertThatThrownBy(() -> ShapesGenerator.generate(dir, tiny(1, 1, 1), Progress.NONE))
                .isInstanceOf(InputException.class)
                .hasMessage(dir + ": folder is not empty and holds no shapes dataset; choose a new or empty folder");
        assertThat(dir.resolve("thesis.txt")).exists();
    }

    @Test
    void replacesAnEarlierShapesDataset() throws IOException {
        ShapesGenerator.generate(dir, tiny(5, 1, 2), Progress.NONE);
        ShapesGenerator.generate(dir, tiny(2, 1, 2), Progress.NONE);
        try (Stream<Path> images = Files.list(dir.resolve("images"))) {
            assertThat(images).hasSize(3);
        }
    }

    @Test
    void cancellationStopsTheJob() {
        AtomicBoolean cancel = new AtomicBoolean(true);
        assertThatThrownBy(() -> ShapesGenerator.generate(dir, tiny(20, 0, 2), Progress.cancellable(cancel)))
                .isInstanceOf(CancellationException.class);
    }

    @Test
    void progressCountsEveryImage() {
        List<Long> done = new ArrayList<>();
        Progress progress = new Progress() {
            @Override
            public void update(long d, long total, String message) {
                assertThat(total).isEqualTo(12);
                done.add(d);
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
        ShapesGenerator.generate(dir, tiny(8, 4, 3), progress);
        assertThat(done).hasSize(12).contains(12L);
    }

    private static List<Long> ids(JsonNode array) {
        List<Long> ids = new ArrayList<>();
        array.forEach(n -> ids.add(n.asLong()));
        return ids;
    }

    private static List<Path> relativeFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }
}
