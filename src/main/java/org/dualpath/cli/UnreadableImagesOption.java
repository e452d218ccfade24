package org.dualpath.cli;

import org.dualpath.common.InputException;
import org.dualpath.store.EmbeddingStore;
import org.dualpath.store.SkippedImage;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;

/**
 * What the commands that embed a dataset do with images that cannot be read: by default they are skipped and
 * named in one line on stderr, so one bad file does not cost a run per file; {@code --strict} fails instead,
 * listing every bad file at once.
 */
final class UnreadableImagesOption {
    @Option(names = "--strict", description = {"Fail (exit 2) when an image cannot be read, listing all such files, "
            + "instead of skipping them."})
    boolean strict;

    /** Prints the report's skipped images on {@code err}, or with --strict fails naming them all. */
    void handle(EmbeddingStore.BuildReport report, PrintWriter err) {
        List<SkippedImage> skipped = report.skipped();
        if (skipped.isEmpty()) {
            return;
        }
        if (strict) {
            throw new InputException(SkippedImage.count(skipped) + ": " + SkippedImage.list(skipped, skipped.size())
                    + "; repair or remove them, or leave out --strict to skip them");
        }
        err.println(report.skippedSummary());
        err.flush();
    }
}
