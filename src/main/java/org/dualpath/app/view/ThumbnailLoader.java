package org.dualpath.app.view;

import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.util.Duration;
import org.dualpath.data.image.ThumbnailCache;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Thumbnails as JavaFX images for the gallery and result lists. Decoding runs on a small pool (through the disk
 * {@link ThumbnailCache}); the newest requests go first (the rows now on screen while scrolling) and the queue is
 * bounded, dropping the oldest. Decoded images stay in an LRU cache bounded by pixel memory. A file that cannot
 * be decoded gets the broken-image placeholder, kept in that cache too: the grid refills its cells often, and each
 * refill would otherwise show the file as loading again until it failed again. Call from the JavaFX thread.
 */
public final class ThumbnailLoader {
    /**
     * Decoding threads: one core is left to the JavaFX thread and the renderer (on 2 cores, two decoders made the
     * answer pulse wait for a CPU), at most 4.
     */
    public static final int DEFAULT_THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() - 1));
    /**
     * The settle time of views that scrolling or typing refill many times a second (gallery, result lists): a flung
     * gallery passes each cell by in a few milliseconds, so only thumbnails kept this long are decoded.
     */
    public static final Duration SETTLE = Duration.millis(100);
    private static final int QUEUE = 256;
    /** Keys of {@link #show}'s state in an image view's properties: the file it wants, its settle timer. */
    private static final String WANTED = "dualpath.thumbnail.file";
    private static final String SETTLING = "dualpath.thumbnail.settle";
    private static final Image BROKEN = placeholder(0xFFB0B0B0);

    private final ThumbnailCache disk;
    private final long maxBytes;
    private final LinkedHashMap<String, Image> memory = new LinkedHashMap<>(256, 0.75f, true);
    private final Map<String, List<Consumer<Image>>> pending = new HashMap<>();
    private final ThreadPoolExecutor pool;
    private long bytes;

    /** A loader decoding through {@code disk} on {@code threads} threads, keeping up to {@code maxBytes} of pixels. */
    public ThumbnailLoader(ThumbnailCache disk, int threads, long maxBytes) {
        this.disk = disk;
        this.maxBytes = maxBytes;
        // A LIFO work queue: take from the end where the newest request was added.
        BlockingDeque<Runnable> lifo = new LinkedBlockingDeque<>() {
            @Override
            public Runnable take() throws InterruptedException {
                return takeLast();
            }

            @Override
            public Runnable poll(long timeout, TimeUnit unit) throws InterruptedException {
                return pollLast(timeout, unit);
            }

            @Override
            public Runnable poll() {
                return pollLast();
            }
        };
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, lifo, r -> {
            Thread t = new Thread(r, "dualpath-thumbnails");
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1);
            return t;
        });
    }

    /** The cached thumbnail, or null when it still has to be loaded. */
    public Image cached(Path file, int size) {
        return memory.get(key(file, size));
    }

    /** Whether a decode of this thumbnail is queued or running (a dropped stale request is not). */
    public boolean loading(Path file, int size) {
        return pending.containsKey(key(file, size));
    }

    /** Calls {@code onLoaded} on the JavaFX thread with the thumbnail, at once when it is cached. */
    public void load(Path file, int size, Consumer<Image> onLoaded) {
        String key = key(file, size);
        Image image = memory.get(key);
        if (image != null) {
            onLoaded.accept(image);
            return;
        }
        List<Consumer<Image>> waiting = pending.get(key);
        if (waiting != null) {
            waiting.add(onLoaded);
            return;
        }
        waiting = new ArrayList<>();
        waiting.add(onLoaded);
        pending.put(key, waiting);
        pool.execute(new Decode(key, file, size));
        dropOldest();
    }

    /** Shows the thumbnail of {@code file} in {@code view}, decoding it at once when it is not cached. */
    public void show(ImageView view, Path file, int size) {
        show(view, file, size, Duration.ZERO);
    }

    /**
     * Shows the thumbnail of {@code file} in {@code view}: at once when it is cached, else decoded once the view has
     * kept that file for {@code settle}, and set only if the view still wants it then. A null file empties the
     * view. Decoding images nobody saw took the CPUs from the JavaFX thread and the renderer.
     */
    public void show(ImageView view, Path file, int size, Duration settle) {
        PauseTransition waiting = (PauseTransition) view.getProperties().get(SETTLING);
        if (waiting != null) {
            waiting.stop();
        }
        view.getProperties().put(WANTED, file);
        Image image = file == null ? null : cached(file, size);
        view.setImage(image);
        if (file == null || image != null) {
            return;
        }
        Runnable fetch = () -> load(file, size, img -> {
            if (file.equals(view.getProperties().get(WANTED))) {
                view.setImage(img);
            }
        });
        if (settle.lessThanOrEqualTo(Duration.ZERO)) {
            fetch.run();
            return;
        }
        if (waiting == null) {
            waiting = new PauseTransition();
            view.getProperties().put(SETTLING, waiting);
        }
        waiting.setDuration(settle);
        waiting.setOnFinished(e -> fetch.run());
        waiting.playFromStart();
    }

    private void dropOldest() {
        while (pool.getQueue().size() > QUEUE) {
            Runnable stale = ((BlockingDeque<Runnable>) pool.getQueue()).pollFirst();
            if (stale instanceof Decode d) {
                pending.remove(d.key);
            }
        }
    }

    /** One queued decode; a class of its own so that dropped requests can be recognised in the queue. */
    private final class Decode implements Runnable {
        private final String key;
        private final Path file;
        private final int size;

        Decode(String key, Path file, int size) {
            this.key = key;
            this.file = file;
            this.size = size;
        }

        @Override
        public void run() {
            Image image;
            try {
                BufferedImage thumbnail = disk.get(file, size);
                image = SwingFXUtils.toFXImage(thumbnail, null);
            } catch (RuntimeException e) {
                image = BROKEN;
            }
            Image done = image;
            Platform.runLater(() -> deliver(key, done));
        }
    }

    private void deliver(String key, Image image) {
        memory.put(key, image);
        bytes += cost(image);
        var it = memory.entrySet().iterator();
        while (bytes > maxBytes && it.hasNext()) {
            bytes -= cost(it.next().getValue());
            it.remove();
        }
        List<Consumer<Image>> waiting = pending.remove(key);
        if (waiting != null) {
            waiting.forEach(c -> c.accept(image));
        }
    }

    /** Whether {@code image} is what a view was given for a file that cannot be decoded (never one still loading). */
    public static boolean unreadable(Image image) {
        return image == BROKEN;
    }

    /** Number of thumbnails held in memory. */
    public int size() {
        return memory.size();
    }

    public void shutdown() {
        pool.shutdownNow();
    }

    private static long cost(Image image) {
        return (long) image.getWidth() * (long) image.getHeight() * 4;
    }

    private static String key(Path file, int size) {
        return size + ":" + file;
    }

    private static Image placeholder(int argb) {
        WritableImage img = new WritableImage(4, 4);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                img.getPixelWriter().setArgb(x, y, argb);
            }
        }
        return img;
    }
}
