package org.dualpath.data.image;

import org.dualpath.common.InputException;
import org.dualpath.common.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Decodes a few hundred damaged copies of real photos (JPEG as shipped, and PNG, GIF and BMP written from them
 * here): random byte changes, inserted and deleted runs, a corrupted header, absurd dimensions, truncation. Each
 * must decode, at full size, as a gallery thumbnail and as pasted bytes, to a sane image or fail with an
 * {@link InputException} whose one line names the file, within a time bound and without allocating more than the
 * decoder's pixel budget allows; the three must agree, the pasted bytes pixel for pixel and reason for reason. Seeded: the seed is printed, and {@code -Ddualpath.fuzz.seed=N} repeats a run.
 */
class ImageDecoderFuzzTest {
    private static final long DEFAULT_SEED = 14;
    private static final int PHOTOS = 6;
    private static final int MUTATIONS_PER_FILE = 12;
    /**
     * Per decode. A file claiming the largest size decoded in full (100 megapixels) makes the reader fill that
     * much memory before it finds the data missing: about 2-5 s on a busy 2-core machine.
     */
    private static final Duration TIME_BOUND = Duration.ofSeconds(10);
    private static final int THUMBNAIL = 96;
    private static final String PASTED = "pasted image";
    /**
     * The most a decode may allocate: the largest image the decoder accepts at full size, held as the reader's
     * raster, the RGB copy and an EXIF-rotated copy with its two pixel arrays (20 bytes a pixel), plus slack.
     */
    private static final long ALLOCATION_BOUND = 20 * ImageDecoder.FULL_SIZE_PIXELS + 64L * 1024 * 1024;
    private static final String[] FORMATS = {"jpg", "png", "gif", "bmp"};

    @TempDir
    Path dir;

    /** One damaged file and how it was made, so a failure can be read without rerunning. */
    private record Case(String what, byte[] bytes) {
    }

    @Test
    void damagedImagesDecodeOrFailWithOneLineNamingTheFile() throws IOException {
        long seed = Long.getLong("dualpath.fuzz.seed", DEFAULT_SEED);
        System.out.println("image decoder fuzz seed " + seed + " (repeat with -Ddualpath.fuzz.seed=" + seed + ")");
        Random random = new Random(seed);
        List<Case> cases = new ArrayList<>();
        for (Path photo : photos(random)) {
            BufferedImage pixels = ImageDecoder.decode(photo);
            for (String format : FORMATS) {
                byte[] original = format.equals("jpg") ? Files.readAllBytes(photo) : encode(pixels, format);
                String name = photo.getFileName().toString().replaceFirst("\\.jpg$", "") + "." + format;
                for (int m = 0; m < MUTATIONS_PER_FILE; m++) {
                    cases.add(mutate(name, original, m, random));
                }
            }
        }

        long start = System.nanoTime();
        List<String> problems = new ArrayList<>();
        int decoded = 0;
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            Path file = Files.write(dir.resolve(String.format("%03d-%s", i, c.what().replaceAll("[^\\w.-]+", "_"))),
                    c.bytes());
            String label = file.getFileName() + " (" + c.what() + ")";
            Outcome full = decode(file.toString(), () -> ImageDecoder.decode(file));
            Outcome thumbnail = decode(file.toString(), () -> ImageDecoder.decodeThumbnail(file, THUMBNAIL));
            Outcome pasted = decode(PASTED, () -> ImageDecoder.decode(c.bytes(), PASTED));
            for (Outcome o : List.of(full, thumbnail, pasted)) {
                if (o.problem() != null) {
                    problems.add(label + (o == full ? "" : o == thumbnail ? " as a thumbnail" : " pasted") + ": "
                            + o.problem());
                }
            }
            if (full.problem() != null || thumbnail.problem() != null || pasted.problem() != null) {
                continue;
            }
            if ((full.image() == null) != (thumbnail.image() == null)) {
                // the gallery and a search must agree on whether a file is an image
                problems.add(label + ": " + (full.image() != null
                        ? "decodes in full but not as a thumbnail" : "decodes as a thumbnail but not in full"));
            }
            if (full.image() != null) {
                decoded++;
                if (pasted.image() == null || !Arrays.equals(rgb(pasted.image()), rgb(full.image()))) {
                    problems.add(label + ": pasted, the same bytes give " + (pasted.image() == null
                            ? "a refusal (" + pasted.reason() + ")" : "other pixels") + " than the file");
                }
            } else if (pasted.image() != null || !pasted.reason().replace(ImageDecoder.COPY_AGAIN,
                    ImageDecoder.REPLACE_FILE).equals(full.reason())) {
                problems.add(label + ": pasted, the same bytes give " + (pasted.image() != null ? "an image"
                        : "another reason (" + pasted.reason() + ")") + " than the file (" + full.reason() + ")");
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("decoded %d of %d damaged images, %d refused, in %.1f s (each as a file, a thumbnail and"
                + " pasted bytes)%n", decoded, cases.size(), cases.size() - decoded, seconds);
        assertThat(problems).as("seed %d", seed).isEmpty();
    }

    /** How one decode went: a sane image, a proper refusal's reason, or (problem set) anything else. */
    private record Outcome(BufferedImage image, String reason, String problem) {
    }

    /** Decodes within the time and allocation bounds; {@code name} is what a refusal must start with. */
    private static Outcome decode(String name, ThrowingSupplier<BufferedImage> decode) {
        try {
            return assertTimeoutPreemptively(TIME_BOUND, () -> {
                long before = allocatedBytes();
                Outcome outcome;
                try {
                    BufferedImage image = decode.get();
                    String odd = sane(image);
                    outcome = odd == null ? new Outcome(image, null, null) : new Outcome(null, null, odd);
                } catch (ImageDecodeException e) {
                    String improper = improperRefusal(name, e);
                    outcome = new Outcome(null, e.reason(), improper);
                } catch (Throwable t) {
                    outcome = new Outcome(null, null, "threw " + t);
                }
                long allocated = allocatedBytes() - before;
                return allocated > ALLOCATION_BOUND
                        ? new Outcome(null, null, "allocated " + allocated / (1024 * 1024) + " MB") : outcome;
            });
        } catch (org.opentest4j.AssertionFailedError timeout) {
            return new Outcome(null, null, "took longer than " + TIME_BOUND.toSeconds() + " s");
        }
    }

    private static int[] rgb(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    private static String sane(BufferedImage image) {
        if (image.getType() != BufferedImage.TYPE_INT_RGB || image.getWidth() < 1 || image.getHeight() < 1
                || (long) image.getWidth() * image.getHeight() > ImageDecoder.FULL_SIZE_PIXELS) {
            return "decoded to an odd image: " + image;
        }
        return null;
    }

    /** Why a refusal's message is not one line naming {@code name}; null when it is. */
    private static String improperRefusal(String name, InputException e) {
        String message = e.getMessage();
        if (message == null || !message.startsWith(name + ": ") || message.length() <= (name + ": ").length()) {
            return "refused without naming the file: " + message;
        }
        if (message.contains("\n") || message.contains("\r")) {
            return "refused with more than one line: " + message;
        }
        return null;
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static List<Path> photos(Random random) throws IOException {
        Path images = SharedData.require("data/flickr8k-1k/images");
        List<Path> all;
        try (Stream<Path> s = Files.list(images)) {
            all = new ArrayList<>(s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList());
        }
        java.util.Collections.shuffle(all, random);
        return all.subList(0, PHOTOS);
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, format, out)) {
            throw new IllegalStateException("no ImageIO writer for " + format);
        }
        return out.toByteArray();
    }

    /** Damage number {@code m} of {@code original}: each kind of damage in turn, its place and size drawn. */
    private static Case mutate(String name, byte[] original, int m, Random random) {
        byte[] b = original.clone();
        int n = b.length;
        switch (m % 6) {
            case 0 -> {
                int flips = 1 + random.nextInt(16);
                for (int i = 0; i < flips; i++) {
                    b[random.nextInt(n)] = (byte) random.nextInt(256);
                }
                return new Case(name + " with " + flips + " random bytes", b);
            }
            case 1 -> {
                int at = random.nextInt(n);
                byte[] run = new byte[1 + random.nextInt(256)];
                random.nextBytes(run);
                return new Case(name + " with " + run.length + " bytes inserted at " + at, splice(b, at, 0, run));
            }
            case 2 -> {
                int at = random.nextInt(n);
                int length = 1 + random.nextInt(Math.min(1024, n - at));
                return new Case(name + " without bytes " + at + "-" + (at + length), splice(b, at, length, new byte[0]));
            }
            case 3 -> {
                int changes = 1 + random.nextInt(4);
                for (int i = 0; i < changes; i++) {
                    b[random.nextInt(Math.min(n, 128))] = (byte) (random.nextBoolean() ? 0xFF : random.nextInt(256));
                }
                return new Case(name + " with " + changes + " header bytes changed", b);
            }
            case 4 -> {
                int width = 1 + random.nextInt(random.nextBoolean() ? 65_535 : 1 << 20);
                int height = 1 + random.nextInt(random.nextBoolean() ? 65_535 : 1 << 20);
                return new Case(name + " claiming " + width + " x " + height + " pixels", withSize(name, b, width, height));
            }
            default -> {
                int length = random.nextInt(n);
                return new Case(name + " cut to " + length + " bytes", Arrays.copyOf(b, length));
            }
        }
    }

    private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, at);
        out.writeBytes(insert);
        out.write(b, at + remove, b.length - at - remove);
        return out.toByteArray();
    }

    /** {@code b} with the size fields of its format's header set to {@code width x height} (clipped to their width). */
    private static byte[] withSize(String name, byte[] b, int width, int height) {
        ByteBuffer buffer = ByteBuffer.wrap(b);
        if (name.endsWith(".png")) {
            buffer.putInt(16, width).putInt(20, height);
        } else if (name.endsWith(".bmp")) {
            buffer.order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(18, width).putInt(22, height);
        } else if (name.endsWith(".gif")) {
            buffer.order(java.nio.ByteOrder.LITTLE_ENDIAN).putShort(6, (short) width).putShort(8, (short) height);
        } else {
            for (int i = 2; i + 8 < b.length; i++) {
                // the baseline or progressive frame header: FF C0/C2, length, precision, height, width
                if ((b[i] & 0xFF) == 0xFF && ((b[i + 1] & 0xFF) == 0xC0 || (b[i + 1] & 0xFF) == 0xC2)) {
                    buffer.putShort(i + 5, (short) height).putShort(i + 7, (short) width);
                    break;
                }
            }
        }
        return b;
    }
}
