package org.dualpath.cli;

import org.dualpath.common.InputException;
import org.dualpath.data.CocoCaption;
import org.dualpath.data.CocoJson;
import org.dualpath.text.CoverageReport;
import org.dualpath.text.TokenCounts;
import org.dualpath.text.WordVectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code dualpath vectors coverage}: how well a word-vector file covers the words of some captions. */
@Command(name = "coverage", mixinStandardHelpOptions = true,
        description = "Report how many caption words and tokens a word-vector file covers "
                + "(word2vec binary or text, GloVe text; only the caption words are kept in memory).")
public final class VectorsCoverageCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--vectors", required = true, paramLabel = "FILE", description = "Word-vector file.")
    Path vectorsFile;

    @Option(names = "--captions", required = true, paramLabel = "FILE", description = "COCO captions JSON file.")
    Path captions;

    @Option(names = "--min-count", paramLabel = "N", description = "Vocabulary: words seen at least N times (default: ${DEFAULT-VALUE}).")
    int minCount = 1;

    @Option(names = "--top", paramLabel = "K", description = "Missing words to list (default: ${DEFAULT-VALUE}).")
    int top = 20;

    @Override
    public Integer call() {
        if (minCount < 1 || top < 0) {
            throw new InputException("--min-count must be at least 1 and --top at least 0");
        }
        List<String> texts = CocoJson.readCaptions(captions).annotations().stream().map(CocoCaption::caption).toList();
        TokenCounts counts = TokenCounts.of(texts);
        WordVectors vectors = WordVectors.read(vectorsFile, new HashSet<>(counts.words()),
                new ConsoleProgress(spec.commandLine().getErr()));
        CoverageReport report = CoverageReport.of(counts, minCount, vectors::contains, top);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%s: %d captions, %d-d vectors%n", captions, counts.captionCount(), vectors.dimension());
        out.print(report.format());
        out.flush();
        return 0;
    }
}
