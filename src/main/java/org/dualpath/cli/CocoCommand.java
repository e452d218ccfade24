package org.dualpath.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code dualpath coco}: getting COCO (for now: downloading its parts). */
@Command(name = "coco",
        mixinStandardHelpOptions = true,
        description = "COCO: download its images, annotations and the Karpathy split.",
        subcommands = {CocoDownloadCommand.class})
public final class CocoCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
