package org.dualpath.data.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ThumbnailCacheTest {
    @TempDir
    Path dir;

    @Test
    void subsampledDecodeFitsTheBox() throws IOException {
        Path file = ImageFixtures.write(ImageFixtures.halves(1000, 600, Color.RED, Color.BLUE), "png", dir.resolve("big.png"));
        BufferedImage thumb = ImageDecoder.decodeThumbnail(file, 128);
        assertThat(thumb.getWidth()).isEqualTo(128);
        assertThat(thumb.getHeight()).isEqualTo(77);
        assertThat(new Color(thumb.getRGB(10, 40))).isEqualTo(Color.RED);
        assertThat(new Color(thumb.getRGB(118, 40))).isEqualTo(Color.BLUE);
    }

    @Test
    void smallImagesAreNotEnlarged() throws IOException {
        Path file = ImageFixtures.write(ImageFixtures.halves(40, 30, Color.RED, Color.BLUE), "png", dir.resolve("small.png"));
        BufferedImage thumb = ImageDecoder.decodeThumbnail(file, 128);
        assertThat(thumb.getWidth()).isEqualTo(40);
        assertThat(thumb.getHeight()).isEqualTo(30);
    }

    @Test
    void secondCallHitsAndChangedFileMisses() throws IOException {
        Path file = ImageFixtures.write(ImageFixtures.halves(300, 200, Color.RED, Color.BLUE), "png", dir.resolve("photo.png"));
        ThumbnailCache cache = new ThumbnailCache(dir.resolve("cache"));

        BufferedImage first = cache.get(file, 64);
        assertThat(cache.misses()).isEqualTo(1);
        assertThat(cache.hits()).isZero();
        BufferedImage second = cache.get(file, 64);
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(second.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(second.getRGB(5, 5)).isEqualTo(first.getRGB(5, 5));

        cache.get(file, 32);
        assertThat(cache.misses()).as("another size is another entry").isEqualTo(2);

        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(60)));
        cache.get(file, 64);
        assertThat(cache.misses()).isEqualTo(3);
        try (Stream<Path> entries = Files.list(dir.resolve("cache"))) {
            assertThat(entries.map(p -> p.getFileName().toString()))
                    .hasSize(3).allMatch(n -> n.matches("[0-9a-f]{64}\\.png"));
        }
    }

    /** Thumbnails already on users' disks stay valid: the entry name is pinned to the value this version computes. */
    @Test
    void entryNamesStayTheSame() {
        assertThat(ThumbnailCache.key("/photos/Ünïcode dir/a.jpg", 128, 1_700_000_000_123L, 12_345))
                .isEqualTo("793a5f32aaf294738aec13beed3e5d617f877218617f7f17bd0f606ca7fb7d4a");
    }

    @Test
    void defaultDirectoryIsUnderTheUserCache() {
        assertThat(ThumbnailCache.defaultDirectory().endsWith(Path.of("dualpath", "thumbnails"))).isTrue();
    }
}
