package org.dualpath.cli;

import org.dualpath.common.Progress;
import org.dualpath.data.CheckReport;
import org.dualpath.data.DataChecker;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code dualpath data check}: prints a dataset's counts and every problem; exits non-zero when unusable. */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        description = {"Check a COCO captions dataset and its images; list every problem.",
                "Exit code 0: usable (warnings allowed); " + DualPathCli.EXIT_INPUT + ": fatal problems."})
final class DataCheckCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--captions", required = true, paramLabel = "FILE", description = "COCO captions JSON file.")
    Path captions;

    @Option(names = "--images", required = true, paramLabel = "DIR", description = "Folder the file names are relative to.")
    Path images;

    @Option(names = "--instances", paramLabel = "FILE", description = "COCO instances JSON file (categories).")
    Path instances;

    @Option(names = "--decode", description = "Fully decode every image (slow) instead of checking file headers.")
    boolean decode;

    @Override
    public Integer call() {
        CheckReport report = DataChecker.check(captions, images, instances, decode, Progress.NONE);
        report.lines().forEach(spec.commandLine().getOut()::println);
        spec.commandLine().getOut().flush();
        return report.usable() ? 0 : DualPathCli.EXIT_INPUT;
    }
}
