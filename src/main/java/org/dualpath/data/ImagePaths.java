package org.dualpath.data;

import org.dualpath.common.InputException;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one place where a dataset's {@code file_name} becomes a path: it must be relative and stay inside the
 * images folder, so a crafted dataset cannot make the program read (or show) arbitrary files.
 */
public final class ImagePaths {
    /** What to do about an unsafe file name; shown after every such problem. */
    public static final String FIX = "use a path relative to the images folder, without \"..\"";

    private static final Pattern SEPARATORS = Pattern.compile("[/\\\\]");
    private static final Pattern WINDOWS_DRIVE = Pattern.compile("^[A-Za-z]:.*");

    private ImagePaths() {
    }

    /**
     * Why {@code fileName} is not a safe relative image path, or empty when it is. Purely lexical: both
     * separators count, so a file written on Windows is judged the same everywhere.
     */
    public static Optional<String> problem(String fileName) {
        String quoted = "file_name \"" + fileName + "\"";
        if (fileName.isBlank()) {
            return Optional.of(quoted + " is empty");
        }
        if (fileName.startsWith("/") || fileName.startsWith("\\") || WINDOWS_DRIVE.matcher(fileName).matches()) {
            return Optional.of(quoted + " is an absolute path");
        }
        for (String part : SEPARATORS.split(fileName)) {
            if (part.equals("..")) {
                return Optional.of(quoted + " escapes the images folder with \"..\"");
            }
        }
        try {
            Path.of(fileName);
        } catch (InvalidPathException e) {
            return Optional.of(quoted + " is not a valid path (" + e.getReason() + ")");
        }
        return Optional.empty();
    }

    /** Resolves {@code fileName} inside {@code imagesDir}; throws {@link InputException} for unsafe names. */
    public static Path resolve(Path imagesDir, String fileName) {
        problem(fileName).ifPresent(p -> {
            throw new InputException(p + "; " + FIX);
        });
        Path dir = imagesDir.toAbsolutePath().normalize();
        Path resolved = dir.resolve(fileName).normalize();
        if (!resolved.startsWith(dir)) {
            throw new InputException("file_name \"" + fileName + "\" resolves outside " + dir + "; " + FIX);
        }
        return resolved;
    }
}
