package org.dualpath.app.view;

import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.util.Duration;
import org.dualpath.data.image.ThumbnailCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Thumbnails shown in image views: the settle time, the cache, emptying. */
@ExtendWith(ApplicationExtension.class)
class ThumbnailLoaderTest {
    private static final int RED = 0xFFFF0000;
    private static final int BLUE = 0xFF0000FF;
    private static final Duration SETTLE = Duration.millis(150);

    @TempDir
    Path dir;

    @Test
    void viewShowsTheFileItKeptAndNeverDecodesOneItPassed(FxRobot robot) throws Exception {
        Path red = png("red.png", RED);
        Path blue = png("blue.png", BLUE);
        ThumbnailLoader loader = new ThumbnailLoader(new ThumbnailCache(dir.resolve("thumbs")), 1, 1 << 20);
        ImageView view = new ImageView();
        robot.interact(() -> {
            loader.show(view, red, 16, SETTLE);
            loader.show(view, blue, 16, SETTLE);
        });
        assertThat(view.getImage()).isNull();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.getImage() != null);
        assertThat(view.getImage().getPixelReader().getArgb(8, 8)).isEqualTo(BLUE);
        AtomicReference<Image> passed = new AtomicReference<>();
        robot.interact(() -> passed.set(loader.cached(red, 16)));
        assertThat(passed.get()).isNull();

        robot.interact(() -> loader.show(view, null, 16, SETTLE));
        assertThat(view.getImage()).isNull();
        // A cached thumbnail shows at once, without waiting to settle.
        robot.interact(() -> loader.show(view, blue, 16, SETTLE));
        assertThat(view.getImage()).isNotNull();
        loader.shutdown();
    }

    /** The map asks for each missing thumbnail once, while it is loading, instead of on every redraw. */
    @Test
    void aThumbnailIsLoadingFromItsRequestUntilItArrives(FxRobot robot) throws Exception {
        Path red = png("red.png", RED);
        ThumbnailLoader loader = new ThumbnailLoader(new ThumbnailCache(dir.resolve("thumbs")), 1, 1 << 20);
        AtomicReference<Boolean> before = new AtomicReference<>();
        AtomicReference<Boolean> during = new AtomicReference<>();
        AtomicReference<Image> arrived = new AtomicReference<>();
        robot.interact(() -> {
            before.set(loader.loading(red, 16));
            loader.load(red, 16, arrived::set);
            during.set(loader.loading(red, 16));
        });
        assertThat(before.get()).isFalse();
        assertThat(during.get()).isTrue();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> arrived.get() != null);
        AtomicReference<Boolean> after = new AtomicReference<>();
        robot.interact(() -> after.set(loader.loading(red, 16)));
        assertThat(after.get()).isFalse();
        loader.shutdown();
    }

    private Path png(String name, int argb) throws IOException {
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                image.setRGB(x, y, argb);
            }
        }
        Path file = dir.resolve(name);
        ImageIO.write(image, "png", file.toFile());
        return file;
    }
}
