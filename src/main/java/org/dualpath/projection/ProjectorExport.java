package org.dualpath.projection;

import org.dualpath.store.EmbeddingStore;
import org.dualpath.vector.Embeddings;
import org.dualpath.common.AtomicFiles;
import org.dualpath.common.InputException;
import org.dualpath.common.Progress;
import org.dualpath.data.CocoImage;
import org.dualpath.data.Dataset;
import org.dualpath.data.ImageCategory;
import org.dualpath.data.image.ImageDecoder;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Files for the TensorBoard Embedding Projector: two tensors, "images and captions" (every stored row, images
 * first) and "images" (image rows with a sprite of thumbnails), each as vectors TSV plus metadata TSV with
 * the columns id, kind, split, category (largest by area) and text (caption or file name), and
 * {@code projector_config.pbtxt} tying them together. The sprite is a square grid of at most
 * {@value #MAX_SPRITE} x {@value #MAX_SPRITE} pixels, so cells shrink as the images grow in number.
 */
public final class ProjectorExport {
    static final int MAX_SPRITE = 8192;
    static final int MAX_CELL = 64;

    private ProjectorExport() {
    }

    /** What was written: rows of each kind, the thumbnail cell and the sprite's side in pixels. */
    public record Summary(int images, int captions, int cell, int spriteSide) {
    }

    /** Writes the files into {@code out}. */
    public static Summary write(EmbeddingStore store, Dataset dataset, Path out, Progress progress) {
        Embeddings images = store.images();
        Embeddings captions = store.captions();
        int grid = (int) Math.ceil(Math.sqrt(Math.max(1, images.size())));
        int cell = Math.min(MAX_CELL, MAX_SPRITE / grid);
        if (cell < 1) {
            throw new InputException("the index holds " + images.size() + " images, more than a "
                    + MAX_SPRITE + " x " + MAX_SPRITE + " sprite can show; export a smaller index");
        }
        writeTsv(out.resolve("vectors.tsv"), w -> {
            vectors(w, images);
            vectors(w, captions);
        });
        writeTsv(out.resolve("image_vectors.tsv"), w -> vectors(w, images));
        String header = "id\tkind\tsplit\tcategory\ttext\n";
        writeTsv(out.resolve("metadata.tsv"), w -> {
            w.write(header);
            imageMetadata(w, dataset, images);
            for (int j = 0; j < captions.size(); j++) {
                long imageId = store.captionImageId(j);
                long captionId = captions.id(j);
                String text = dataset.captions(imageId).stream().filter(c -> c.id() == captionId).findFirst()
                        .orElseThrow().caption();
                row(w, captionId, "caption", dataset.split(imageId).id(), category(dataset, imageId), text);
            }
        });
        writeTsv(out.resolve("image_metadata.tsv"), w -> {
            w.write(header);
            imageMetadata(w, dataset, images);
        });
        writeSprite(out.resolve("sprite.png"), dataset, images, grid, cell, progress);
        AtomicFiles.writeString(out.resolve("projector_config.pbtxt"), """
                embeddings {
                  tensor_name: "images and captions"
                  tensor_path: "vectors.tsv"
                  metadata_path: "metadata.tsv"
                }
                embeddings {
                  tensor_name: "images"
                  tensor_path: "image_vectors.tsv"
                  metadata_path: "image_metadata.tsv"
                  sprite {
                    image_path: "sprite.png"
                    single_image_dim: %d
                    single_image_dim: %d
                  }
                }
                """.formatted(cell, cell));
        return new Summary(images.size(), captions.size(), cell, grid * cell);
    }

    private interface TsvWriter {
        void write(Writer w) throws IOException;
    }

    private static void writeTsv(Path file, TsvWriter content) {
        AtomicFiles.write(file, raw -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(raw, StandardCharsets.UTF_8), 1 << 16);
            content.write(w);
            w.flush();
        });
    }

    private static void vectors(Writer w, Embeddings e) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int r = 0; r < e.size(); r++) {
            line.setLength(0);
            for (float v : e.row(r)) {
                line.append(line.isEmpty() ? "" : "\t").append(v);
            }
            w.write(line.append('\n').toString());
        }
    }

    private static void imageMetadata(Writer w, Dataset dataset, Embeddings images) throws IOException {
        for (int r = 0; r < images.size(); r++) {
            CocoImage image = dataset.image(images.id(r));
            row(w, image.id(), "image", dataset.split(image.id()).id(), category(dataset, image.id()), image.fileName());
        }
    }

    private static String category(Dataset dataset, long imageId) {
        List<ImageCategory> c = dataset.categories(imageId);
        return c.isEmpty() ? "" : c.get(0).category().name();
    }

    private static void row(Writer w, long id, String kind, String split, String category, String text)
            throws IOException {
        // tabs and line breaks would split the TSV cell
        w.write(id + "\t" + kind + "\t" + split + "\t" + category + "\t" + text.replaceAll("[\\t\\r\\n]+", " ") + "\n");
    }

    private static void writeSprite(Path file, Dataset dataset, Embeddings images, int grid, int cell,
                                    Progress progress) {
        BufferedImage sprite = new BufferedImage(grid * cell, grid * cell, BufferedImage.TYPE_INT_RGB);
        AtomicLong done = new AtomicLong();
        IntStream.range(0, images.size()).parallel().forEach(r -> {
            progress.checkCancelled();
            BufferedImage thumb = ImageDecoder.decodeThumbnail(dataset.imagePath(dataset.image(images.id(r))), cell);
            synchronized (sprite) {
                Graphics2D g = sprite.createGraphics();
                g.drawImage(thumb, (r % grid) * cell + (cell - thumb.getWidth()) / 2,
                        (r / grid) * cell + (cell - thumb.getHeight()) / 2, null);
                g.dispose();
                // inside the lock: progress sinks need not be thread-safe
                progress.update(done.incrementAndGet(), images.size(), "sprite thumbnails");
            }
        });
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(sprite, "png", out)) {
                throw new IOException("no PNG writer");
            }
        });
    }
}
