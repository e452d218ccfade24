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

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.prefs.Preferences;

/**
 * Probe of the explorer's responsiveness: time from JVM start to the visible window, then the longest gaps
 * between JavaFX pulses (an {@link AnimationTimer} running all along) while queries are typed one key at a time
 * (each after clearing the last, as Esc does) and while the gallery of a 20,000-image dataset is scrolled. Gaps
 * above ~17 ms mean the FX thread stalled. Each of the five longest gaps is accounted for: the FX thread's CPU time
 * in it, the time it was ready to run but waited for a CPU (Linux), the renderer's CPU time, GC pauses, and the
 * process's CPU time (above one core's worth, other threads competed for the CPUs).
 * Run with a display (e.g. Xvfb and {@code -Dprism.order=sw}) or with the Monocle flags of the tests; argument:
 * the number of images (default 20000). {@code -Dprobe.stallMs=N} (default 100) sets the gap after which the FX
 * thread's stack is printed. From the project root, after {@code mvn test-compile}:
 * <pre>
 * mvn -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * xvfb-run -a java -XX:MaxGCPauseMillis=10 -Dprism.order=sw -cp target/classes:target/test-classes:$(cat target/cp.txt) \
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

    private final AtomicReference<Gaps> gaps = new AtomicReference<>(new Gaps());
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
        ExplorerView view = new ExplorerView(vm, new ThumbnailLoader(new ThumbnailCache(dir.resolve("thumbs")), ThumbnailLoader.DEFAULT_THREADS, 128L << 20));
        stage.setOnShown(e -> {
            shownNanos = System.nanoTime();
            shownCpuNanos = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        });
        view.show(stage);
        new AnimationTimer() {
            private Clocks last;

            @Override
            public void handle(long now) {
                Clocks c = Clocks.now();
                if (last != null) {
                    gaps.get().add(last, c);
                }
                last = c;
                lastPulse = c.wall;
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
                // Esc first, as a user starting a new query: the results empty, so each answer fills empty lists.
                fx(() -> vm.query().clear());
                Thread.sleep(300);
                for (int i = 1; i <= q.length(); i++) {
                    String prefix = q.substring(0, i);
                    fx(() -> vm.query().textProperty().set(prefix));
                    Thread.sleep(45);
                }
                fx(() -> vm.query().commit());
                Thread.sleep(600);
            }
            report("typing " + QUERIES.length + " queries (one key per 45 ms, cleared before each)");

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
        gaps.set(new Gaps());
    }

    private void report(String phase) {
        Gaps g = gaps.get();
        StringBuilder worst = new StringBuilder();
        for (Map.Entry<Clocks, Long> e : g.longest) {
            Clocks c = e.getKey();
            worst.append(String.format(Locale.ROOT, "%n    %6.1f ms at %5.2f s: FX thread on a CPU %5.1f ms, waiting for one %5.1f ms; "
                    + "renderer CPU %5.1f ms; GC pauses %3d ms; process CPU %5.1f ms", c.wallMs(), (e.getValue() - phaseNanos) / 1e9,
                    c.fxCpuMs(), c.fxCpuWaitMs(), c.rendererCpuMs(),
                    c.gcMs(), c.processCpuMs()));
        }
        System.out.printf(Locale.ROOT, "%s %s: longest FX pulse gap %.1f ms; %d of %d pulses later than 17 ms; most FX-thread "
                        + "CPU in one gap %.1f ms; load average %.2f; the longest gaps:%s%n",
                LocalTime.now(), phase, g.longest.isEmpty() ? 0 : g.longest.get(0).getKey().wallMs(), g.late, g.count,
                g.mostFxCpuMs, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), worst);
    }

    /**
     * Clock readings at one pulse: wall time, CPU time of the FX thread, the time it was ready to run but waited for
     * a CPU (Linux {@code /proc/thread-self/schedstat}, else 0), CPU time of the renderer and the process, GC pauses.
     */
    private record Clocks(long wall, long fxCpu, long fxCpuWait, long rendererCpu, long processCpu, long gcMs) {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        private static final com.sun.management.OperatingSystemMXBean OS =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        private static final Path SCHEDSTAT = Path.of("/proc/thread-self/schedstat");
        private static long rendererId = -1;

        /** Read on the FX thread. */
        static Clocks now() {
            if (rendererId < 0) {
                rendererId = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("QuantumRenderer"))
                        .mapToLong(Thread::getId).findFirst().orElse(0);
            }
            // Pauses only: ZGC's and Shenandoah's "Cycles" beans count concurrent work, which does not stop the FX thread.
            long gc = ManagementFactory.getGarbageCollectorMXBeans().stream().filter(b -> !b.getName().endsWith("Cycles"))
                    .mapToLong(b -> Math.max(0, b.getCollectionTime())).sum();
            return new Clocks(System.nanoTime(), THREADS.getCurrentThreadCpuTime(), cpuWait(),
                    rendererId > 0 ? THREADS.getThreadCpuTime(rendererId) : 0, OS.getProcessCpuTime(), gc);
        }

        private static long cpuWait() {
            try {
                return Long.parseLong(Files.readString(SCHEDSTAT).trim().split(" ")[1]);
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }

        /** The time from {@code earlier} to this reading. */
        Clocks since(Clocks earlier) {
            return new Clocks(wall - earlier.wall, fxCpu - earlier.fxCpu, fxCpuWait - earlier.fxCpuWait, rendererCpu - earlier.rendererCpu,
                    processCpu - earlier.processCpu, gcMs - earlier.gcMs);
        }

        double wallMs() {
            return wall / 1e6;
        }

        double fxCpuMs() {
            return fxCpu / 1e6;
        }

        double fxCpuWaitMs() {
            return fxCpuWait / 1e6;
        }

        double rendererCpuMs() {
            return rendererCpu / 1e6;
        }

        double processCpuMs() {
            return processCpu / 1e6;
        }
    }

    /** The gaps between pulses in one phase: the five longest with what filled them, how many were late. */
    private static final class Gaps {
        private static final int KEPT = 5;
        /** Longest first; each with the time its gap ended. */
        private final List<Map.Entry<Clocks, Long>> longest = new ArrayList<>();
        private int late;
        private int count;
        private double mostFxCpuMs;

        /** Called on the FX thread only. */
        void add(Clocks from, Clocks to) {
            Clocks gap = to.since(from);
            longest.add(Map.entry(gap, to.wall));
            longest.sort(Comparator.comparingLong((Map.Entry<Clocks, Long> e) -> e.getKey().wall).reversed());
            if (longest.size() > KEPT) {
                longest.remove(KEPT);
            }
            late += gap.wall > 17_000_000 ? 1 : 0;
            count++;
            mostFxCpuMs = Math.max(mostFxCpuMs, gap.fxCpuMs());
        }
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
