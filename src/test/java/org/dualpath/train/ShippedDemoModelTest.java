package org.dualpath.train;

import com.fasterxml.jackson.databind.JsonNode;
import org.dualpath.common.Progress;
import org.dualpath.data.CocoCaption;
import org.dualpath.data.CocoImage;
import org.dualpath.data.Dataset;
import org.dualpath.data.DatasetLoader;
import org.dualpath.data.Split;
import org.dualpath.data.image.ImageDecoder;
import org.dualpath.data.shapes.ShapesConfig;
import org.dualpath.data.shapes.ShapesGenerator;
import org.dualpath.vector.Embeddings;
import org.dualpath.eval.Protocol;
import org.dualpath.eval.RecallReport;
import org.dualpath.eval.RetrievalMetrics;
import org.dualpath.model.DualPathModel;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The shipped demo model reaches, on the regenerated shapes test split, the validation recall recorded inside it
 * when it was trained (same seed, same data, same evaluation: plain embeddings, the first 5 captions per image).
 */
@Tag("slow")
class ShippedDemoModelTest {
    private static final Path MODEL = Path.of("assets/models/shapes-demo.zip");

    @TempDir
    Path dir;

    @Test
    void reachesTheRecallRecordedInside() {
        Assumptions.assumeTrue(Files.isRegularFile(MODEL), "no shipped demo model");
        DualPathModel model = DualPathModel.load(MODEL);
        JsonNode recorded = model.bundle().metrics().path("recall");
        long seed = model.bundle().split().seed();
        ShapesGenerator.generate(dir, ShapesConfig.defaults().withSeed(seed), Progress.NONE);
        Dataset dataset = DatasetLoader.of(dir.resolve(ShapesGenerator.CAPTIONS_FILE), dir.resolve(ShapesGenerator.IMAGES_DIR))
                .splitFile(dir.resolve(ShapesGenerator.SPLIT_FILE)).load(Progress.NONE);
        List<CocoImage> test = dataset.images(Split.TEST);
        assertThat(test).hasSize(model.bundle().split().count(Split.TEST));

        List<BufferedImage> images = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        List<Integer> captionImage = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
            images.add(ImageDecoder.decode(dataset.imagePath(test.get(i))));
            final int row = i;
            dataset.captions(test.get(i).id()).stream().sorted(Comparator.comparingLong(CocoCaption::id)).limit(5)
                    .forEach(c -> {
                        captions.add(c.caption());
                        captionImage.add(row);
                    });
        }
        float[][] imageEmbeddings = model.embedImages(images, DualPathModel.Options.PLAIN);
        float[][] captionEmbeddings = model.embedCaptions(captions, DualPathModel.Options.PLAIN);
        long[] imageIds = test.stream().mapToLong(CocoImage::id).toArray();
        long[] captionIds = new long[captions.size()];
        java.util.Arrays.setAll(captionIds, i -> i);
        RecallReport report = RetrievalMetrics.evaluate(Embeddings.of(imageIds, imageEmbeddings),
                Embeddings.of(captionIds, captionEmbeddings), captionImage.stream().mapToInt(Integer::intValue).toArray(),
                RetrievalMetrics.Options.standard("test").withProtocol(Protocol.ALL).withCaptionsPerImage(0),
                Progress.NONE);
        RecallReport.Evaluation e = report.results().get(0).evaluations().get(0);

        assertThat(e.imageToText().r1()).isCloseTo(recorded.path("i2t_R@1").asDouble(), within(1.0));
        assertThat(e.imageToText().r10()).isCloseTo(recorded.path("i2t_R@10").asDouble(), within(1.0));
        assertThat(e.textToImage().r1()).isCloseTo(recorded.path("t2i_R@1").asDouble(), within(1.0));
        assertThat(e.textToImage().r10()).isCloseTo(recorded.path("t2i_R@10").asDouble(), within(1.0));
        // the bar the demo is held to (issue 12): R@1 >= 50 and R@10 >= 90 both ways; chance is 0.1 and 1.0
        assertThat(e.imageToText().r1()).isGreaterThanOrEqualTo(50);
        assertThat(e.textToImage().r1()).isGreaterThanOrEqualTo(50);
        assertThat(e.imageToText().r10()).isGreaterThanOrEqualTo(90);
        assertThat(e.textToImage().r10()).isGreaterThanOrEqualTo(90);
    }
}
