package org.dualpath.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What {@link DataChecker} found: the dataset's counts and every problem, grouped by kind. */
public record CheckReport(Path captionsFile, Path imagesDir, int images, int captions, int minCaptionsPerImage,
                          double meanCaptionsPerImage, int maxCaptionsPerImage, int categories, Problems problems) {

    /** True when the dataset can be used: warnings and notes are allowed, errors are not. */
    public boolean usable() {
        return !problems.hasFatal();
    }

    /** The report as text lines: counts, then each problem kind with its count, fix and first examples. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("captions file: " + captionsFile);
        out.add("images folder: " + imagesDir);
        out.add(String.format(Locale.ROOT, "images: %d, captions: %d, captions per image: min %d, mean %.2f, max %d, categories: %d",
                images, captions, minCaptionsPerImage, meanCaptionsPerImage, maxCaptionsPerImage, categories));
        if (problems.kinds().isEmpty()) {
            out.add("no problems found");
        }
        for (DataProblem kind : problems.kinds()) {
            int count = problems.count(kind);
            out.add(kind.severity() + " " + kind.title() + ": " + count + " (" + kind.fix() + ")");
            problems.examples(kind).forEach(e -> out.add("    " + e));
            if (count > problems.examples(kind).size()) {
                out.add("    ... and " + (count - problems.examples(kind).size()) + " more");
            }
        }
        boolean warned = problems.kinds().stream().anyMatch(k -> k.severity() == DataProblem.Severity.WARNING);
        out.add(usable() ? "result: usable" + (warned ? " (with warnings)" : "")
                : "result: NOT usable, fix the errors above");
        return out;
    }
}
