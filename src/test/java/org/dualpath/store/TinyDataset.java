package org.dualpath.store;

import org.dualpath.data.Fixtures;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A small generated dataset in a test folder: images 1..n ({@code i.png}, 20 x 20, red circle on odd ids, blue
 * square on even ids), two captions each (ids 10i and 10i+1), and an instances file with categories "circle"
 * and "square" (supercategory "shape"). Image files already there are kept, so a larger set only adds files.
 */
public record TinyDataset(Path captions, Path images, Path instances) {
    public static TinyDataset write(Path dir, int n) {
        StringBuilder images = new StringBuilder();
        StringBuilder captions = new StringBuilder();
        StringBuilder objects = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            if (!Files.exists(dir.resolve("images/" + i + ".png"))) {
                image(dir.resolve("images"), i);
            }
            String sep = i == 1 ? "" : ",";
            images.append(sep).append("{'id': ").append(i).append(", 'file_name': '").append(i)
                    .append(".png', 'width': 20, 'height': 20}");
            captions.append(sep).append("{'id': ").append(10 * i).append(", 'image_id': ").append(i)
                    .append(", 'caption': '").append(caption(i)).append("'}, {'id': ").append(10 * i + 1)
                    .append(", 'image_id': ").append(i).append(", 'caption': '").append(caption(i))
                    .append(" left of a circle ").append(i).append("'}");
            objects.append(sep).append("{'id': ").append(i).append(", 'image_id': ").append(i)
                    .append(", 'category_id': ").append(i % 2 == 1 ? 1 : 2)
                    .append(", 'area': 80.0, 'bbox': [2, 2, 9, 9], 'iscrowd': 0}");
        }
        Path c = Fixtures.json(dir, "captions.json", "{'images': [" + images + "], 'annotations': [" + captions + "]}");
        Path inst = Fixtures.json(dir, "instances.json", "{'images': [" + images + "], 'annotations': [" + objects
                + "], 'categories': [{'id': 1, 'name': 'circle', 'supercategory': 'shape'},"
                + " {'id': 2, 'name': 'square', 'supercategory': 'shape'}]}");
        return new TinyDataset(c, dir.resolve("images"), inst);
    }

    /** The files {@link #writeWithBadImages} breaks, in dataset order. */
    public static final List<String> BAD_FILES = List.of("2.png", "4.png", "5.jpg");

    /**
     * As {@link #write}, with three images that cannot be read: 2.png an empty file, 4.png a PNG cut short and
     * image 5 a text file named 5.jpg. Needs {@code n >= 5}.
     */
    public static TinyDataset writeWithBadImages(Path dir, int n) {
        TinyDataset d = write(dir, n);
        try {
            Files.write(d.images().resolve("2.png"), new byte[0]);
            byte[] png = Files.readAllBytes(d.images().resolve("4.png"));
            Files.write(d.images().resolve("4.png"), Arrays.copyOf(png, png.length / 2));
            Files.writeString(d.images().resolve("5.jpg"), "a caption file, not a picture");
            for (Path json : new Path[]{d.captions(), d.instances()}) {
                Files.writeString(json, Files.readString(json).replace("\"5.png\"", "\"5.jpg\""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return d;
    }

    /** The first caption of image {@code i}. */
    public static String caption(int i) {
        return i % 2 == 1 ? "a red circle" : "a blue square";
    }

    /** Writes image {@code i} of the set into {@code dir}. */
    public static Path image(Path dir, int i) {
        BufferedImage img = new BufferedImage(20, 20, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(40 * (i % 6), 255 - 30 * (i % 8), 20 * i % 256));
        g.fillRect(0, 0, 20, 20);
        g.setColor(i % 2 == 1 ? Color.RED : Color.BLUE);
        if (i % 2 == 1) {
            g.fillOval(2 + i % 5, 2, 9, 9);
        } else {
            g.fillRect(2, 2 + i % 5, 9, 9);
        }
        g.dispose();
        try {
            Files.createDirectories(dir);
            Path p = dir.resolve(i + ".png");
            ImageIO.write(img, "png", p.toFile());
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
