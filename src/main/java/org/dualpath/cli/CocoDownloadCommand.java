package org.dualpath.cli;

import org.dualpath.common.Progress;
import org.dualpath.common.TransferMeter;
import org.dualpath.data.CocoDownloads;
import org.dualpath.data.CocoLayout;
import org.dualpath.data.CocoPart;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code dualpath coco download}: fetches COCO parts into a folder through {@link CocoDownloads}, with the size
 * and free space first and a console line of bytes, rate and time left; Ctrl-C keeps the {@code .part} and the
 * same command resumes it.
 */
@Command(name = "download",
        mixinStandardHelpOptions = true,
        description = {"Download COCO parts (resumable), verify them and unpack them into a folder.",
                "Parts: val-images, train-images, annotations, karpathy-split. Run the same command again to resume."})
final class CocoDownloadCommand implements Callable<Integer> {
    private static final long REPORT_NANOS = 2_000_000_000L;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--year", defaultValue = "2017", paramLabel = "YEAR", description = "2017 (default) or 2014.")
    int year;

    @Option(names = "--part", required = true, split = ",", paramLabel = "PART",
            description = "val-images, train-images, annotations or karpathy-split; repeat or separate with commas.")
    List<String> parts;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to unpack into (created).")
    Path out;

    @Option(names = "--base-url", paramLabel = "URL", description = "Where COCO's zips/ and annotations/ are "
            + "(default: ${DEFAULT-VALUE}); recorded MD5s are checked only for the official one.")
    URI baseUrl = CocoDownloads.OFFICIAL_BASE;

    @Option(names = "--karpathy-url", paramLabel = "URL", description = "Karpathy's caption_datasets.zip (default: ${DEFAULT-VALUE}).")
    URI karpathyUrl = CocoDownloads.OFFICIAL_KARPATHY;

    @Override
    public Integer call() {
        PrintWriter console = spec.commandLine().getOut();
        CocoDownloads downloads = new CocoDownloads(baseUrl, karpathyUrl);
        List<CocoDownloads.Item> items = parts.stream().map(p -> downloads.item(year, CocoPart.parse(p))).toList();
        CocoDownloads.Plan plan = downloads.plan(items, out);
        console.println(plan.summary());
        console.flush();
        Thread keptNote = new Thread(() -> {
            console.println("stopped; what was downloaded is kept in " + out + ", run the same command to resume");
            console.flush();
        });
        Runtime.getRuntime().addShutdownHook(keptNote);
        downloads.fetch(plan, new ByteProgress(console), (item, phase) -> {
            console.println(phase.name().toLowerCase(Locale.ROOT) + " " + item.zipName());
            console.flush();
        });
        Runtime.getRuntime().removeShutdownHook(keptNote);
        console.println("done: " + out);
        CocoLayout.find(out, year).ifPresent(layout -> console.println("the dataset: --captions " + layout.captions()
                + " --images " + layout.images()
                + (layout.instances() != null ? " --instances " + layout.instances() : "")
                + (layout.karpathySplit() != null ? " --split " + layout.karpathySplit() : "")
                + " (options of the explorer; dualpath data check takes the first three)"));
        console.flush();
        return 0;
    }

    /** One console line every two seconds: "val2017.zip: 312.4 of 815.6 MB, 4.1 MB/s, 2 min 3 s left". */
    private static final class ByteProgress implements Progress {
        private final PrintWriter out;
        private final TransferMeter meter = new TransferMeter();
        private long lastReport = Long.MIN_VALUE;

        ByteProgress(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void update(long done, long total, String message) {
            long now = System.nanoTime();
            meter.update(done, now);
            boolean finished = total > 0 && done >= total;
            if (!finished && lastReport != Long.MIN_VALUE && now - lastReport < REPORT_NANOS) {
                return;
            }
            lastReport = now;
            out.println(message + ": " + meter.describe(done, total));
            out.flush();
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    }
}
