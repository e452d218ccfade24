package org.dualpath.app.bench;

import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.TabPane;
import javafx.scene.control.skin.VirtualFlow;
import javafx.stage.Stage;
import org.dualpath.app.AppFixtures;
import org.dualpath.app.ExplorerLauncher;
import org.dualpath.app.view.ExplorerView;
import org.dualpath.app.view.ThumbnailLoader;
import org.dualpath.app.viewmodel.AppSettings;
import org.dualpath.app.viewmodel.ExplorerViewModel;
import org.dualpath.app.viewmodel.SessionSpec;
import org.dualpath.data.CocoCaption;
import org.dualpath.data.DatasetLoader;
import org.dualpath.data.image.ThumbnailCache;
import org.dualpath.common.Progress;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.prefs.Preferences;

/**
 * Probe of the explorer's responsiveness: time from JVM start to the visible window, then the longest gap
 * between JavaFX pulses (an {@link AnimationTimer} running all along) while queries are typed one key at a time
 * and while the gallery of a 20,000-image dataset is scrolled. Gaps above ~17 ms mean the FX thread stalled.
 * Beside each longest gap it reports the most CPU time the FX thread itself used within one gap: a long gap with
 * little FX-thread CPU was spent waiting (for the renderer, a GC pause, or a CPU taken by other processes).
 * Run with a display (e.g. Xvfb and {@code -Dprism.order=sw}) or with the Monocle flags of the tests; argument:
 * the number of images (default 20000). {@code -Dprobe.stallMs=N} (default 100) sets the gap after which the FX
 * thread's stack is printed. From the project root, after {@code mvn test-compile}:
 * <pre>
 * mvn -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * xvfb-run -a java -Dprism.order=sw -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     org.dualpath.app.bench.ExplorerProbe 20000
 * </pre>
 */
public final class ExplorerProbe {
    private static final String[] QUERIES = {
            "a square of colour 3", "a red circle left of a blue square", "one small green triangle", "a square of colour 1"};

    private static volatile long shownNanos;
    private static volatile long shownCpuNanos;
    private static final long MAIN_NANOS = System.nanoTime();
    private static int images = 20_000;

    private static final long STALL_NANOS = Long.getLong("probe.stallMs", 100) * 1_000_000;

    /** Longest gap, gaps over 17 ms, gaps, most FX-thread CPU in one gap, when that gap ended (nanoseconds). */
    private final AtomicReference<long[]> gap = new AtomicReference<>(new long[]{0, 0, 0, 0, 0});
    private volatile long phaseNanos;
    private volatile long lastPulse;
    private volatile Thread fxThread;

    public static void main(String[] args) {
        if (args.length > 0) {
            images = Integer.parseInt(args[0]);
        }
        ExplorerLauncher.warmUp();
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
        stage.setOnShown(e -> {
            shownNanos = System.nanoTime();
            shownCpuNanos = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        });
        view.show(stage);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        new AnimationTimer() {
            private long last;
            private long lastCpu;

            @Override
            public void handle(long now) {
                long t = System.nanoTime();
                long cpu = threads.getCurrentThreadCpuTime();
                long[] g = gap.get();
                if (last != 0) {
                    g[0] = Math.max(g[0], t - last);
                    g[1] += t - last > 17_000_000 ? 1 : 0;
                    g[2]++;
                    if (cpu - lastCpu > g[3]) {
                        g[3] = cpu - lastCpu;
                        g[4] = t;
                    }
                }
                last = t;
                lastCpu = cpu;
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
            System.out.printf(Locale.ROOT, "launch to visible window: %d ms from JVM start, %d ms from main() "
                            + "(process CPU time %d ms); load average %.2f%n", sinceJvm, sinceMain, shownCpuNanos / 1_000_000,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

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

            vm.query().images().addListener((javafx.collections.ListChangeListener<Object>) c ->
                    System.out.printf(Locale.ROOT, "%s answer shown (%.2f s into the phase)%n", LocalTime.now(), (System.nanoTime() - phaseNanos) / 1e9));
            reset("typing");
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
            reset("scrolling");
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
            if (lastPulse != 0 && since > STALL_NANOS && reported != lastPulse) {
                reported = lastPulse;
                StackTraceElement[] stack = fxThread.getStackTrace();
                StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s stall > %d ms, FX thread in:",
                        LocalTime.now(), STALL_NANOS / 1_000_000));
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

    private void reset(String phase) {
        System.out.printf(Locale.ROOT, "%s %s starts%n", LocalTime.now(), phase);
        phaseNanos = System.nanoTime();
        gap.set(new long[]{0, 0, 0, 0, 0});
    }

    private void report(String phase) {
        long[] g = gap.get();
        System.out.printf(Locale.ROOT, "%s %s: longest FX pulse gap %.1f ms, %d of %d pulses later than 17 ms; "
                        + "most FX-thread CPU in one gap %.1f ms (%.2f s into the phase); load average %.2f%n",
                LocalTime.now(), phase, g[0] / 1e6, g[1], g[2], g[3] / 1e6, (g[4] - phaseNanos) / 1e9,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
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
