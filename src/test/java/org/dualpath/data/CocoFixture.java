package org.dualpath.data;

import org.dualpath.common.LocalFileServer;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Small zips in COCO's layout for a {@link LocalFileServer}: {@code zips/val2017.zip} (noise PNGs under
 * {@code val2017/}, large enough to cut a download in the middle), {@code annotations/annotations_trainval2017.zip}
 * (captions without width/height, instances) and {@code karpathy/caption_datasets.zip} ({@code dataset_coco.json}
 * with 2014 names).
 */
public final class CocoFixture {
    /** How many validation images the zip holds. */
    public static final int IMAGES = 4;
    /** Each image's side in pixels. */
    public static final int SIDE = 160;
    private static final long FIXED_TIME = 1_700_000_000_000L;

    private CocoFixture() {
    }

    /** Serves the three zips from {@code server} at the paths of the official layout. */
    public static LocalFileServer serveAll(LocalFileServer server) {
        return server.serve("/zips/val2017.zip", valImages())
                .serve("/annotations/annotations_trainval2017.zip", annotations())
                .serve("/karpathy/caption_datasets.zip", karpathy());
    }

    public static byte[] valImages() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        Random random = new Random(7);
        for (int i = 1; i <= IMAGES; i++) {
            entries.put("val2017/" + name(i), noisePng(random));
        }
        return zip(entries);
    }

    public static byte[] annotations() {
        StringBuilder images = new StringBuilder();
        StringBuilder captions = new StringBuilder();
        StringBuilder objects = new StringBuilder();
        for (int i = 1; i <= IMAGES; i++) {
            String sep = i > 1 ? "," : "";
            images.append(sep).append("{\"id\": ").append(i).append(", \"file_name\": \"").append(name(i)).append("\"}");
            captions.append(sep).append("{\"id\": ").append(10 + i).append(", \"image_id\": ").append(i)
                    .append(", \"caption\": \"a noisy picture number ").append(i).append("\"}");
            objects.append(sep).append("{\"id\": ").append(20 + i).append(", \"image_id\": ").append(i)
                    .append(", \"category_id\": ").append(1 + i % 2).append(", \"area\": 100, \"bbox\": [0, 0, 10, 10]}");
        }
        String categories = "[{\"id\": 1, \"name\": \"cat\", \"supercategory\": \"animal\"},"
                + " {\"id\": 2, \"name\": \"bus\", \"supercategory\": \"vehicle\"}]";
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("annotations/captions_val2017.json",
                ("{\"images\": [" + images + "], \"annotations\": [" + captions + "]}").getBytes());
        entries.put("annotations/instances_val2017.json", ("{\"images\": [" + images + "], \"annotations\": ["
                + objects + "], \"categories\": " + categories + "}").getBytes());
        return zip(entries);
    }

    public static byte[] karpathy() {
        StringBuilder images = new StringBuilder();
        for (int i = 1; i <= IMAGES; i++) {
            images.append(i > 1 ? "," : "").append("{\"filepath\": \"val2014\", \"filename\": \"COCO_val2014_")
                    .append(name(i)).append("\", \"cocoid\": ").append(i).append(", \"imgid\": ").append(i - 1)
                    .append(", \"split\": \"").append(i <= 2 ? "train" : i == 3 ? "val" : "test")
                    .append("\", \"sentences\": [{\"raw\": \"a noisy picture\", \"tokens\": [\"a\", \"noisy\", \"picture\"]}]}");
        }
        return zip(Map.of("dataset_coco.json", ("{\"dataset\": \"coco\", \"images\": [" + images + "]}").getBytes()));
    }

    /** COCO 2017's name of image {@code i}. */
    public static String name(int i) {
        return String.format("%012d.png", i);
    }

    private static byte[] noisePng(Random random) {
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setTime(FIXED_TIME); // the same bytes on every call, whatever the clock says
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
