package org.dualpath.data.shapes;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dualpath.common.AtomicFiles;
import org.dualpath.common.InputException;
import org.dualpath.common.Progress;
import org.dualpath.data.CocoCaption;
import org.dualpath.data.CocoCaptionsFile;
import org.dualpath.data.CocoCategory;
import org.dualpath.data.CocoImage;
import org.dualpath.data.CocoInstancesFile;
import org.dualpath.data.CocoJson;
import org.dualpath.data.CocoObject;
import org.dualpath.data.Split;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Generates the synthetic "shapes" dataset as COCO files: {@code images/shapes_NNNNNN.png},
 * {@code captions_shapes.json} (5 captions per image), {@code instances_shapes.json} (one box per object,
 * categories = {@link ShapeKind}) and {@code split_shapes.json}. Image {@code i} draws everything from its own
 * {@link Random} seeded by a SplitMix64 hash of (seed, i), so the output is byte-identical for a seed whatever
 * the number of threads. The first {@code train} ids form the training split, the rest the test split. Test
 * image {@code j} draws from stream index {@link #TEST_STREAM} + j, so the test split of a seed is the same
 * whatever the number of training images: a model trained on a larger generated set is measured on the same
 * test images as one trained on the default set.
 */
public final class ShapesGenerator {
    /** 2: test images draw from their own stream. */
    public static final String VERSION = "2";
    public static final String SOURCE = "shapes generator";
    public static final int IMAGE_SIZE = 128;
    public static final int CAPTIONS_PER_IMAGE = 5;
    public static final String IMAGES_DIR = "images";
    public static final String CAPTIONS_FILE = "captions_shapes.json";
    public static final String INSTANCES_FILE = "instances_shapes.json";
    public static final String SPLIT_FILE = "split_shapes.json";
    private static final float JPEG_QUALITY = 0.92f;
    /** First stream index of the test images: far above any training set's indices. */
    static final int TEST_STREAM = 1 << 30;

    /** The files written and the number of images. */
    public record Result(Path directory, int images, Path captions, Path instances, Path split) {
    }

    /** What one generated image shows and says. */
    record Sample(Scene scene, List<String> captions) {
    }

    /** One generated image with its pixels. */
    record Rendered(Sample sample, BufferedImage image) {
    }

    private ShapesGenerator() {
    }

    /**
     * Writes the dataset into {@code out}, which must be empty, missing, or hold an earlier shapes dataset
     * (replaced). Reports one unit per image to {@code progress} (one call at a time) and stops with
     * {@link CancellationException} when it is cancelled.
     */
    public static Result generate(Path out, ShapesConfig config, Progress progress) {
        prepareOutput(out);
        Path images = out.resolve(IMAGES_DIR);
        int total = config.total();
        Sample[] samples = new Sample[total];
        AtomicInteger done = new AtomicInteger();
        Object progressLock = new Object();
        ForkJoinPool pool = new ForkJoinPool(config.threads());
        try {
            pool.submit(() -> IntStream.range(0, total).parallel().forEach(i -> {
                progress.checkCancelled();
                Rendered rendered = render(config.seed(), streamIndex(config, i));
                samples[i] = rendered.sample();
                writeImage(images.resolve(fileName(i + 1, config.format())), rendered.image(), config.format());
                synchronized (progressLock) {
                    progress.update(done.incrementAndGet(), total, "rendering shapes");
                }
            })).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return writeJson(out, config, samples);
    }

    /** The stream index of the dataset's 0-based image {@code i}: its own for training images, a test stream's else. */
    static int streamIndex(ShapesConfig config, int i) {
        return i < config.train() ? i : TEST_STREAM + (i - config.train());
    }

    /**
     * The generator version recorded in a generated captions file, or null when it cannot be read. Streams up to
     * the {@code info} object (written first), so the explorer's start-up does not parse the whole file.
     */
    public static String versionOf(Path dataset) {
        ObjectMapper json = new ObjectMapper();
        try (JsonParser parser = json.getFactory().createParser(dataset.resolve(CAPTIONS_FILE).toFile())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.getCurrentName();
                parser.nextToken();
                if (field.equals("info")) {
                    JsonNode info = json.readTree(parser);
                    return info.path("version").asText(null);
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Image of stream index {@code index} for {@code seed}. */
    static Rendered render(long seed, int index) {
        Random random = new Random(imageSeed(seed, index));
        Scene scene = SceneSampler.sample(random, IMAGE_SIZE);
        BufferedImage image = SceneRenderer.render(scene, IMAGE_SIZE, random);
        List<String> captions = CaptionGrammar.captions(scene, IMAGE_SIZE, random, CAPTIONS_PER_IMAGE);
        return new Rendered(new Sample(scene, captions), image);
    }

    /** SplitMix64 finaliser of (seed, index): neighbouring indices get unrelated {@link Random} streams. */
    static long imageSeed(long seed, int index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static String fileName(long imageId, ShapesConfig.Format format) {
        return String.format("shapes_%06d.%s", imageId, format.extension());
    }

    private static void prepareOutput(Path out) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new InputException(out + ": exists and is not a folder; choose a new or empty folder");
        }
        if (!Files.isDirectory(out)) {
            return;
        }
        try (Stream<Path> entries = Files.list(out)) {
            if (entries.findAny().isEmpty()) {
                return;
            }
        } catch (IOException e) {
            throw new InputException(out + ": cannot list the folder (" + e.getMessage() + ")", e);
        }
        if (!isShapesDataset(out)) {
            throw new InputException(out + ": folder is not empty and holds no shapes dataset; choose a new or empty folder");
        }
        // Replacing an earlier dataset: drop its images so a smaller run leaves no strays behind.
        Path images = out.resolve(IMAGES_DIR);
        if (Files.isDirectory(images)) {
            try (DirectoryStream<Path> old = Files.newDirectoryStream(images, "shapes_*.{png,jpg}")) {
                for (Path p : old) {
                    Files.delete(p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the old images in " + images + ": " + e.getMessage(), e);
            }
        }
    }

    private static boolean isShapesDataset(Path dir) {
        Path split = dir.resolve(SPLIT_FILE);
        if (!Files.isRegularFile(split)) {
            return false;
        }
        try {
            JsonNode node = new ObjectMapper().readTree(split.toFile());
            return SOURCE.equals(node.path("source").asText());
        } catch (IOException e) {
            return false;
        }
    }

    private static void writeImage(Path file, BufferedImage image, ShapesConfig.Format format) {
        AtomicFiles.write(file, out -> {
            if (format == ShapesConfig.Format.PNG) {
                ImageIO.write(image, "png", out);
            } else {
                writeJpeg(image, out);
            }
        });
    }

    private static void writeJpeg(BufferedImage image, OutputStream out) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    private static Result writeJson(Path out, ShapesConfig config, Sample[] samples) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("description", "DualPath synthetic shapes: 1-3 coloured shapes per image with spatial relations");
        info.put("generator", SOURCE);
        info.put("version", VERSION);
        info.put("seed", config.seed());
        info.put("image_size", IMAGE_SIZE);
        info.put("train", config.train());
        info.put("test", config.test());

        List<CocoImage> images = new ArrayList<>();
        List<CocoCaption> captions = new ArrayList<>();
        List<CocoObject> objects = new ArrayList<>();
        for (int i = 0; i < samples.length; i++) {
            long imageId = i + 1L;
            images.add(new CocoImage(imageId, fileName(imageId, config.format()), IMAGE_SIZE, IMAGE_SIZE));
            for (String caption : samples[i].captions()) {
                captions.add(new CocoCaption(captions.size() + 1L, imageId, caption));
            }
            for (SceneObject o : samples[i].scene().objects()) {
                Rectangle2D b = o.bounds();
                double[] bbox = {round(b.getX()), round(b.getY()), round(b.getWidth()), round(b.getHeight())};
                objects.add(new CocoObject(objects.size() + 1L, imageId, o.kind().categoryId(), round(o.area()), bbox, 0));
            }
        }
        List<CocoCategory> categories = Arrays.stream(ShapeKind.values())
                .map(k -> new CocoCategory(k.categoryId(), k.categoryName(), k.supercategory())).toList();

        Map<String, List<Long>> splits = new LinkedHashMap<>();
        splits.put(Split.TRAIN.id(), ids(1, config.train()));
        splits.put(Split.VAL.id(), List.of());
        splits.put(Split.TEST.id(), ids(config.train() + 1L, config.total()));
        Map<String, Object> split = new LinkedHashMap<>();
        split.put("source", SOURCE);
        split.put("seed", config.seed());
        split.put("splits", splits);

        Path captionsFile = out.resolve(CAPTIONS_FILE);
        Path instancesFile = out.resolve(INSTANCES_FILE);
        Path splitFile = out.resolve(SPLIT_FILE);
        CocoJson.write(captionsFile, new CocoCaptionsFile(info, images, captions));
        CocoJson.write(instancesFile, new CocoInstancesFile(info, images, objects, categories));
        CocoJson.write(splitFile, split);
        return new Result(out, samples.length, captionsFile, instancesFile, splitFile);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static List<Long> ids(long first, long last) {
        return LongStream.rangeClosed(first, last).boxed().toList();
    }
}
