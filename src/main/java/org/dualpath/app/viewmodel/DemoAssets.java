package org.dualpath.app.viewmodel;

import org.dualpath.data.shapes.ShapesGenerator;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the built-in demo lives: the shapes dataset in the per-user data folder (generated on first run) and
 * the model {@code assets/models/shapes-demo.zip}, looked up in the working directory and beside the
 * application's jar or classes folder.
 */
public final class DemoAssets {
    public static final String MODEL = "assets/models/shapes-demo.zip";
    public static final String NAME = "shapes-demo";

    private DemoAssets() {
    }

    /** {@code $XDG_DATA_HOME/dualpath/shapes}, or {@code ~/.local/share/dualpath/shapes} without it. */
    public static Path datasetDir() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("dualpath").resolve("shapes");
    }

    /** The session of the demo dataset in {@code dir} with {@code model} (may be null). */
    public static SessionSpec session(Path dir, Path model) {
        return new SessionSpec(dir.resolve(ShapesGenerator.CAPTIONS_FILE), dir.resolve(ShapesGenerator.IMAGES_DIR),
                dir.resolve(ShapesGenerator.INSTANCES_FILE), dir.resolve(ShapesGenerator.SPLIT_FILE), model);
    }

    /** True when {@code spec} opens the demo dataset. */
    public static boolean isDemo(SessionSpec spec) {
        return spec.captions() != null
                && spec.captions().toAbsolutePath().normalize().equals(datasetDir().resolve(ShapesGenerator.CAPTIONS_FILE).toAbsolutePath().normalize());
    }

    /**
     * True when {@code dir} holds a completely generated dataset (the split file is written last) of this
     * generator's version: an older demo set has other test images than the ones the demo model is measured on.
     */
    public static boolean generated(Path dir) {
        return Files.isRegularFile(dir.resolve(ShapesGenerator.CAPTIONS_FILE))
                && Files.isRegularFile(dir.resolve(ShapesGenerator.SPLIT_FILE))
                && ShapesGenerator.VERSION.equals(ShapesGenerator.versionOf(dir));
    }

    /** The demo model, when it is found. */
    public static Optional<Path> model() {
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of(MODEL).toAbsolutePath());
        appDir().ifPresent(dir -> {
            candidates.add(dir.resolve(MODEL));
            if (dir.getParent() != null) {
                candidates.add(dir.getParent().resolve(MODEL));
            }
        });
        return candidates.stream().filter(Files::isRegularFile).findFirst();
    }

    /** The folder holding the application's jar (or its classes folder when run from a build). */
    private static Optional<Path> appDir() {
        try {
            Path code = Path.of(DemoAssets.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Optional.ofNullable(code.getParent());
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
