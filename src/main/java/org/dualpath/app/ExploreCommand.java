package org.dualpath.app;

import org.dualpath.common.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code dualpath explore}: opens the explorer window, as {@code mvn javafx:run} and the packaged launcher do. */
@Command(name = "explore", mixinStandardHelpOptions = true,
        description = {"Open the explorer window on a dataset and model, and return when it is closed.",
                "Without options it opens the last session, or the built-in demo (generated on first start) with "
                        + "the shipped demo model."})
final class ExploreCommand implements Callable<Integer> {
    @Option(names = "--captions", paramLabel = "FILE", description = "COCO captions JSON file (with --images).")
    Path captions;

    @Option(names = "--images", paramLabel = "DIR", description = "Folder the image file names are relative to.")
    Path images;

    @Option(names = "--instances", paramLabel = "FILE", description = "COCO instances JSON file (categories).")
    Path instances;

    @Option(names = "--split", paramLabel = "FILE", description = "Split file (DualPath split JSON or Karpathy "
            + "dataset_*.json).")
    Path split;

    @Option(names = "--model", paramLabel = "FILE", description = "Model file (.zip) to open with the dataset.")
    Path model;

    @Override
    public Integer call() {
        if ((captions == null) != (images == null)) {
            throw new InputException("--captions and --images go together: give both, or neither for the last session");
        }
        List<String> args = new ArrayList<>();
        add(args, "--captions", captions, false);
        add(args, "--images", images, true);
        add(args, "--instances", instances, false);
        add(args, "--split", split, false);
        add(args, "--model", model, false);
        requireDisplay();
        ExplorerLauncher.main(args.toArray(String[]::new));
        return 0;
    }

    private static void add(List<String> args, String option, Path path, boolean folder) {
        if (path == null) {
            return;
        }
        if (folder ? !Files.isDirectory(path) : !Files.isRegularFile(path)) {
            throw new InputException(option + " " + path + ": " + (folder ? "not a folder" : "file not found")
                    + "; check the path");
        }
        args.add(option);
        args.add(path.toAbsolutePath().toString());
    }

    /** On Linux a window needs an X or Wayland display; JavaFX would otherwise fail with a stack trace. */
    private static void requireDisplay() {
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
        if (linux && System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
            throw new InputException("no display (DISPLAY is not set): the explorer opens a window, so run it on a "
                    + "desktop; the other dualpath commands work without one");
        }
    }
}
