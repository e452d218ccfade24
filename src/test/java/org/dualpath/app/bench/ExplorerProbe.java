package org.dualpath.app.bench;

import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.TabPane;
import javafx.scene.control.skin.VirtualFlow;
import javafx.stage.Stage;
import org.dualpath.app.AppFixtures;
import org.dualpath.app.view.ExplorerView;
import org.dualpath.app.view.ThumbnailLoader;
import org.dualpath.app.viewmodel.AppSettings;
import org.dualpath.app.viewmodel.ExplorerViewModel;
import org.dualpath.app.viewmodel.SessionSpec;
import org.dualpath.data.CocoCaption;
import org.dualpath.data.DatasetLoader;
import org.dualpath.data.image.ThumbnailCache;
import org.dualpath.common.Progress;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.prefs.Preferences;

/**
 * Probe of the explorer's responsiveness: time from JVM start to the visible window, then the longest gap
 * between JavaFX pulses (an {@link AnimationTimer} running all along) while queries are typed one key at a time
 * and while the gallery of a 20,000-image dataset is scrolled. Gaps above ~17 ms mean the FX thread stalled.
 * Run with a display (e.g. Xvfb and {@code -Dprism.order=sw}) or with the Monocle flags of the tests; argument:
 * the number of images (default 20000).
 */
public final class ExplorerProbe {
    private static final String[] QUERIES = {
            "a square of colour 3", "a red circle left of a blue square", "one small green triangle", "a square of colour 1"};

    private static volatile long shownNanos;
    private static final long MAIN_NANOS = System.nanoTime();
    private static int images = 20_000;

    private final AtomicReference<long[]> gap = new AtomicReference<>(new long[]{0, 0, 0});
    private volatile long lastPulse;
    private volatile Thread fxThread;

    public static void main(String[] args) {
        if (args.length > 0) {
            images = Integer.parseInt(args[0]);
        }
        // Launched through a nested class: a main class extending Application needs JavaFX as modules.
        Application.launch(App.class, args);
    }

    /** The probe's JavaFX application. */
    public static final class App extends Application {
        @Override
        public void start(Stage stage) throws Exception {
            new ExplorerProbe().start(stage);
        }
    }

    private void start(Stage stage) throws Exception {
        Path dir = Files.createTempDirectory("dualpath-probe");
        Preferences prefs = Preferences.userRoot().node("dualpath-probe/" + ProcessHandle.current().pid());
        ExplorerViewModel vm = new ExplorerViewModel(new AppSettings(prefs), dir.resolve("embeddings"));
        ExplorerView view = new ExplorerView(vm, new ThumbnailLoader(new ThumbnailCache(dir.resolve("thumbs")), 2, 64L << 20));
        stage.setOnShown(e -> shownNanos = System.nanoTime());
        view.show(stage);
        new AnimationTimer() {
            private long last;

            @Override
            public void handle(long now) {
                long t = System.nanoTime();
                long[] g = gap.get();
                if (last != 0) {
                    g[0] = Math.max(g[0], t - last);
                    g[1] += t - last > 17_000_000 ? 1 : 0;
                    g[2]++;
                }
                last = t;
                lastPulse = t;
            }
        }.start();
        fxThread = Thread.currentThread();
        Thread sampler = new Thread(this::sampleStalls, "probe-sampler");
        sampler.setDaemon(true);
        sampler.start();
        Thread driver = new Thread(() -> drive(stage, vm, view, dir, prefs), "probe");
        driver.setDaemon(true);
        driver.start();
    }

    private void drive(Stage stage, ExplorerViewModel vm, ExplorerView view, Path dir, Preferences prefs) {
        try {
            Instant jvmStart = ProcessHandle.current().info().startInstant().orElseThrow();
            while (shownNanos == 0) {
                Thread.sleep(10);
            }
            long sinceMain = (shownNanos - MAIN_NANOS) / 1_000_000;
            long sinceJvm = Duration.between(jvmStart, Instant.now()).toMillis() - (System.nanoTime() - shownNanos) / 1_000_000;
            System.out.printf(Locale.ROOT, "launch to visible window: %d ms from JVM start, %d ms from main()%n", sinceJvm, sinceMain);

            SessionSpec many = AppFixtures.manyImages(dir.resolve("many"), images);
            var d = DatasetLoader.of(many.captions(), many.images()).load(Progress.NONE);
            List<String> captions = d.images().stream().flatMap(i -> d.captions(i.id()).stream()).map(CocoCaption::caption).toList();
            Path model = AppFixtures.tinyModel(dir.resolve("tiny.zip"),
                    concat(captions, List.of(QUERIES)));
            long t = System.nanoTime();
            fx(() -> vm.openSession(many.withModel(model)));
            while (vm.searcherProperty().get() == null) {
                Thread.sleep(50);
            }
            System.out.printf(Locale.ROOT, "dataset of %,d images + model + embeddings ready in %.1f s%n", images, (System.nanoTime() - t) / 1e9);

            reset();
            for (String q : QUERIES) {
                for (int i = 1; i <= q.length(); i++) {
                    String prefix = q.substring(0, i);
                    fx(() -> vm.query().textProperty().set(prefix));
                    Thread.sleep(45);
                }
                fx(() -> vm.query().commit());
                Thread.sleep(600);
            }
            report("typing " + QUERIES.length + " queries (one key per 45 ms)");

            fx(() -> {
                vm.query().clear();
                ((TabPane) stage.getScene().lookup("#tabs")).getSelectionModel().select(1);
            });
            Thread.sleep(500);
            VirtualFlow<?> flow = (VirtualFlow<?>) stage.getScene().lookup("#gallery .virtual-flow");
            reset();
            for (int i = 0; i < 400; i++) {
                fx(() -> flow.scrollPixels(120));
                Thread.sleep(16);
            }
            for (int i = 0; i < 10; i++) {
                int target = (int) ((long) flow.getCellCount() * (i + 1) / 10) - 1;
                fx(() -> flow.scrollTo(target));
                Thread.sleep(150);
            }
            report("scrolling the gallery (400 steps of 120 px at 60 Hz, then 10 jumps)");
            fx(stage::hide);
            prefs.removeNode();
        } catch (Exception e) {
            e.printStackTrace();
        } finally {
            Platform.exit();
        }
    }

    /** Prints where the FX thread is during a stall of over 100 ms (once per stall), to find its cause. */
    private void sampleStalls() {
        long reported = 0;
        while (true) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
            long since = System.nanoTime() - lastPulse;
            if (lastPulse != 0 && since > 100_000_000 && reported != lastPulse) {
                reported = lastPulse;
                StackTraceElement[] stack = fxThread.getStackTrace();
                StringBuilder sb = new StringBuilder("stall > 100 ms, FX thread in:");
                for (int i = 0; i < Math.min(14, stack.length); i++) {
                    sb.append("\n    ").append(stack[i]);
                }
                System.out.println(sb);
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private void reset() {
        gap.set(new long[]{0, 0, 0});
    }

    private void report(String phase) {
        long[] g = gap.get();
        System.out.printf(Locale.ROOT, "%s: longest FX pulse gap %.1f ms, %d of %d pulses later than 17 ms%n",
                phase, g[0] / 1e6, g[1], g[2]);
    }

    private static void fx(Runnable r) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                r.run();
            } finally {
                done.countDown();
            }
        });
        done.await();
    }
}
