package org.dualpath.app.bench;

import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Whether JavaFX's own {@link LineChart} stays smooth for the explorer's charts: the Evaluate and Compare tabs'
 * Recall@K curves (100 points each, 2 or 4 curves) and the Train tab's loss per step (at most 1,000 points, as
 * TrainViewModel merges older ones). For each case: the time to replace every series and render one frame
 * (a scene snapshot), then the frame intervals while the chart is resized on every pulse for {@code FRAMES}
 * frames (every frame a full layout and redraw, the worst case of a user dragging a divider). Prints to the
 * file given as argument (or stdout) and exits. Run under a display, for example:
 * {@code ../shared/tools/gui-screenshot.sh /tmp/x.png 1 -- java -cp target/classes:target/test-classes:$(cat cp.txt)
 * org.dualpath.app.bench.ChartBenchmark /tmp/charts.txt}.
 */
public final class ChartBenchmark {
    private ChartBenchmark() {
    }

    public static void main(String[] args) {
        // launched through a nested class: the java launcher refuses a main class that extends Application off the module path
        Application.launch(Run.class, args);
    }

    /** The benchmark's application. */
    public static final class Run extends Application {
    private static final int FRAMES = 120;
    private static final int[][] CASES = {{2, 100}, {4, 100}, {1, 1000}, {4, 1000}};

    private final StringBuilder report = new StringBuilder();
    private Stage stage;
    private int next;

    @Override
    public void start(Stage primary) {
        stage = primary;
        report.append(String.format(Locale.ROOT, "JavaFX %s, prism %s%n", System.getProperty("javafx.runtime.version"),
                System.getProperty("prism.order", "default")));
        runNext();
    }

    private void runNext() {
        if (next == CASES.length) {
            finish();
            return;
        }
        int curves = CASES[next][0];
        int points = CASES[next][1];
        next++;
        LineChart<Number, Number> chart = new LineChart<>(new NumberAxis(), new NumberAxis());
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        StackPane root = new StackPane(chart);
        stage.setScene(new Scene(root, 900, 600));
        stage.show();
        long t = System.nanoTime();
        chart.getData().setAll(series(curves, points));
        stage.getScene().snapshot(null);
        double replaceMs = (System.nanoTime() - t) / 1e6;
        long[] stamps = new long[FRAMES + 1];
        new AnimationTimer() {
            private int frame;

            @Override
            public void handle(long now) {
                stamps[frame] = now;
                if (++frame > FRAMES) {
                    stop();
                    report(curves, points, replaceMs, stamps);
                    Platform.runLater(Run.this::runNext);
                    return;
                }
                // a different size every frame: a full layout and repaint of axes and every series
                chart.setPrefSize(600 + (frame % 2) * 200, 400 + (frame % 3) * 50);
                root.requestLayout();
            }
        }.start();
    }

    private void report(int curves, int points, double replaceMs, long[] stamps) {
        double[] intervals = new double[FRAMES];
        for (int i = 0; i < FRAMES; i++) {
            intervals[i] = (stamps[i + 1] - stamps[i]) / 1e6;
        }
        Arrays.sort(intervals);
        double median = intervals[FRAMES / 2];
        report.append(String.format(Locale.ROOT, "%d curves x %,d points: replace + render %.1f ms; resizing every frame:"
                        + " median frame %.1f ms (%.0f fps), 95th percentile %.1f ms, worst %.1f ms%n", curves, points,
                replaceMs, median, 1000 / median, intervals[(int) (FRAMES * 0.95)], intervals[FRAMES - 1]));
    }

    private void finish() {
        List<String> args = getParameters().getRaw();
        if (args.isEmpty()) {
            System.out.print(report);
        } else {
            try {
                Files.writeString(Path.of(args.get(0)), report);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Platform.exit();
    }

    private static List<XYChart.Series<Number, Number>> series(int curves, int points) {
        List<XYChart.Series<Number, Number>> all = new ArrayList<>();
        for (int c = 0; c < curves; c++) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            for (int i = 1; i <= points; i++) {
                s.getData().add(new XYChart.Data<>(i, 100 * (1 - Math.exp(-i / (10.0 + 5 * c)))));
            }
            all.add(s);
        }
        return all;
    }
    }
}
