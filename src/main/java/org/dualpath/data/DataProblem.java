package org.dualpath.data;

/**
 * The kinds of dataset problem the readers and {@link DataChecker} report, each with what to do about it: errors
 * make a dataset unusable, warnings deserve a look, notes only say how the data was read.
 */
public enum DataProblem {
    MALFORMED_ENTRY(Severity.ERROR, "malformed entries (left out)", "fix the file or regenerate it in COCO format"),
    DUPLICATE_IMAGE_ID(Severity.ERROR, "duplicate image ids", "give every image a unique id"),
    DUPLICATE_ANNOTATION_ID(Severity.ERROR, "duplicate annotation ids", "give every annotation a unique id"),
    DUPLICATE_CATEGORY_ID(Severity.ERROR, "duplicate category ids", "give every category a unique id"),
    UNKNOWN_IMAGE(Severity.ERROR, "annotations for unknown images", "remove them or add the images to the \"images\" array"),
    UNKNOWN_CATEGORY(Severity.ERROR, "annotations for unknown categories",
            "remove them or add the categories to the \"categories\" array"),
    UNSAFE_FILE_NAME(Severity.ERROR, "file names outside the images folder (refused)", ImagePaths.FIX),
    NO_IMAGES(Severity.ERROR, "no images", "give a captions file whose \"images\" array lists the images"),
    IMAGES_FOLDER_MISSING(Severity.ERROR, "images folder missing", "pass the folder that holds the image files with --images"),
    IMAGE_MISSING(Severity.ERROR, "image files missing", "put the files into the images folder or pass the right folder"),
    IMAGE_UNREADABLE(Severity.ERROR, "image files unreadable", "replace them with valid JPEG or PNG files"),
    SIZE_MISMATCH(Severity.WARNING, "width/height that are not the image's size",
            "fix the fields to the file's size (the file's own size is what the model sees)"),
    DUPLICATE_FILE_NAME(Severity.WARNING, "images sharing a file name", "give every image its own file"),
    IMAGE_WITHOUT_CAPTIONS(Severity.WARNING, "images without captions", "add captions or remove the images"),
    EMPTY_CAPTION(Severity.WARNING, "empty captions", "remove them or write the caption"),
    LONG_CAPTION(Severity.WARNING, "very long captions (> " + DataProblem.LONG_CAPTION_TOKENS + " tokens)",
            "check them: they are truncated when encoded"),
    SIZE_FROM_HEADER(Severity.NOTE, "images without width/height (read from the image header)",
            "nothing to do; add the fields to save reading the headers");

    /** Captions with more whitespace-separated tokens than this are reported as very long. */
    public static final int LONG_CAPTION_TOKENS = 64;

    /** How much a problem matters. */
    public enum Severity { ERROR, WARNING, NOTE }

    private final Severity severity;
    private final String title;
    private final String fix;

    DataProblem(Severity severity, String title, String fix) {
        this.severity = severity;
        this.title = title;
        this.fix = fix;
    }

    /** True when a dataset with this problem cannot be used; otherwise it is a warning. */
    public boolean fatal() {
        return severity == Severity.ERROR;
    }

    public Severity severity() {
        return severity;
    }

    /** A short plural heading, e.g. "image files missing". */
    public String title() {
        return title;
    }

    /** What the user should do about it. */
    public String fix() {
        return fix;
    }
}
