package org.dualpath.app;

import javafx.stage.Stage;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dualpath.app.view.ExplorerView;
import org.dualpath.app.view.ThumbnailLoader;
import org.dualpath.app.viewmodel.AppSettings;
import org.dualpath.app.viewmodel.ExplorerViewModel;
import org.dualpath.data.CocoCaption;
import org.dualpath.data.DatasetLoader;
import org.dualpath.data.image.ThumbnailCache;
import org.dualpath.app.viewmodel.SessionSpec;
import org.dualpath.common.Progress;
import org.dualpath.data.shapes.ShapesConfig;
import org.dualpath.data.shapes.ShapesGenerator;
import org.dualpath.data.image.ImagePreprocessor;
import org.dualpath.model.Backbone;
import org.dualpath.model.DualPathGraphs;
import org.dualpath.model.ModelBundle;
import org.dualpath.model.NetworkConfig;
import org.dualpath.text.Vocabulary;
import org.dualpath.train.Preset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import javax.imageio.ImageIO;

/** Small datasets and an untrained model for the explorer's tests and probe. */
public final class AppFixtures {
    private AppFixtures() {
    }

    /** An explorer window and its view-model. */
    public record Explorer(ExplorerViewModel vm, ExplorerView view) {
    }

    /**
     * Shows a fresh explorer on {@code stage}: settings in {@code prefs} (cleared first), embeddings, maps and
     * thumbnails under {@code dir}.
     */
    public static Explorer explorer(Stage stage, Preferences prefs, Path dir) throws BackingStoreException {
        prefs.clear();
        ExplorerViewModel vm = new ExplorerViewModel(new AppSettings(prefs), dir.resolve("embeddings"));
        ExplorerView view = new ExplorerView(vm, new ThumbnailLoader(new ThumbnailCache(dir.resolve("thumbs")), 2, 16L << 20));
        view.show(stage);
        return new Explorer(vm, view);
    }

    /**
     * The demo preset shrunk to train in seconds: a 16-d network, word2vec of 8 dimensions, {@code stage1} and
     * {@code stage2} epochs of batches of {@code batch} images.
     */
    public static Preset tinyPreset(int stage1, int stage2, int batch) {
        Preset demo = Preset.shapesDemo();
        return new Preset(demo.name(), demo.description(), demo.backbone(),
                demo.network().toBuilder().pixels(48, 4, 8).imageHiddenDim(16).embeddingDim(16)
                        .textCnn(new int[]{8, 16}, new int[]{1, 1}).build(),
                demo.preprocessing(), demo.training().toBuilder().epochs(stage1, stage2).batchSize(batch).build(), 1,
                false, 8);
    }

    /** Every caption of a generated shapes dataset (for a model's vocabulary). */
    public static List<String> captions(ShapesGenerator.Result shapes) {
        var d = DatasetLoader.of(shapes.captions(), shapes.directory().resolve(ShapesGenerator.IMAGES_DIR)).load(Progress.NONE);
        return d.images().stream().flatMap(i -> d.captions(i.id()).stream()).map(CocoCaption::caption).toList();
    }

    /** A shapes dataset of {@code train + test} images in {@code dir}. */
    public static ShapesGenerator.Result shapes(Path dir, int train, int test) {
        return ShapesGenerator.generate(dir, ShapesConfig.defaults().withCounts(train, test).withThreads(2), Progress.NONE);
    }

    /** The session of a generated shapes dataset with {@code model}. */
    public static SessionSpec session(ShapesGenerator.Result shapes, Path model) {
        return new SessionSpec(shapes.captions(), shapes.directory().resolve(ShapesGenerator.IMAGES_DIR),
                shapes.instances(), shapes.split(), model);
    }

    /** An untrained 16-d model whose vocabulary holds the words of {@code captions}, written to {@code file}. */
    public static Path tinyModel(Path file, List<String> captions) {
        tinyBundle(captions, 16, 3).toInference().write(file);
        return file;
    }

    /**
     * An untrained {@code dimension}-d training checkpoint (as {@code dualpath train} leaves beside its model) whose
     * vocabulary holds the words of {@code captions}, written to {@code file}.
     */
    public static Path tinyCheckpoint(Path file, List<String> captions, int dimension) {
        tinyBundle(captions, dimension, 11).write(file);
        return file;
    }

    private static ModelBundle tinyBundle(List<String> captions, int dimension, long seed) {
        Vocabulary vocabulary = Vocabulary.build(captions, 1);
        NetworkConfig c = NetworkConfig.builder().pixels(16, 4, 8).imageHiddenDim(16).embeddingDim(dimension).dropout(0.1)
                .vocabSize(vocabulary.size()).wordDim(8).seqLength(Vocabulary.DEFAULT_MAX_LENGTH).textCnn(new int[]{8, 16}, new int[]{1, 1})
                .numInstances(4).seed(seed).build();
        ComputationGraph graph = DualPathGraphs.training(c, null, DataType.FLOAT, new Adam(1e-3), 0);
        ImagePreprocessor.Config pre = new ImagePreprocessor.Config(16, 18, ImagePreprocessor.Normalization.CENTERED,
                ImagePreprocessor.Layout.CHW);
        return ModelBundle.training("test", c, new ModelBundle.ImageSettings(Backbone.SMALL_RESNET, pre), vocabulary,
                null, null, null, graph, null, null);
    }

    /**
     * A dataset of {@code n} images whose files are copies of a handful of tiny PNGs, with one caption each and
     * no instances: for gallery scrolling.
     */
    public static SessionSpec manyImages(Path dir, int n) {
        try {
            Path images = Files.createDirectories(dir.resolve("images"));
            Color[] colors = {Color.RED, Color.GREEN, Color.BLUE, Color.ORANGE, Color.MAGENTA};
            byte[][] pngs = new byte[colors.length][];
            for (int i = 0; i < colors.length; i++) {
                BufferedImage img = new BufferedImage(24, 24, BufferedImage.TYPE_INT_RGB);
                var g = img.createGraphics();
                g.setColor(colors[i]);
                g.fillRect(0, 0, 24, 24);
                g.dispose();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ImageIO.write(img, "png", out);
                pngs[i] = out.toByteArray();
            }
            StringBuilder imagesJson = new StringBuilder();
            StringBuilder captionsJson = new StringBuilder();
            for (int id = 1; id <= n; id++) {
                String name = String.format(Locale.ROOT, "img_%06d.png", id);
                Files.write(images.resolve(name), pngs[id % pngs.length]);
                imagesJson.append(id > 1 ? "," : "").append(String.format(Locale.ROOT,
                        "{\"id\":%d,\"file_name\":\"%s\",\"width\":24,\"height\":24}", id, name));
                captionsJson.append(id > 1 ? "," : "").append(String.format(Locale.ROOT,
                        "{\"id\":%d,\"image_id\":%d,\"caption\":\"a square of colour %d\"}", id, id, id % pngs.length));
            }
            Path captions = dir.resolve("captions_many.json");
            Files.writeString(captions, "{\"images\":[" + imagesJson + "],\"annotations\":[" + captionsJson + "]}");
            return new SessionSpec(captions, images, null, null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
