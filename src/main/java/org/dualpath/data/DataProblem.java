package org.dualpath.data;

/** The kinds of dataset problem the readers and {@link DataChecker} report, each with what to do about it. */
public enum DataProblem {
    DUPLICATE_IMAGE_ID(true, "duplicate image ids", "give every image a unique id"),
    DUPLICATE_ANNOTATION_ID(true, "duplicate annotation ids", "give every annotation a unique id"),
    DUPLICATE_CATEGORY_ID(true, "duplicate category ids", "give every category a unique id"),
    UNKNOWN_IMAGE(true, "annotations for unknown images", "remove them or add the images to the \"images\" array"),
    UNKNOWN_CATEGORY(true, "annotations for unknown categories",
            "remove them or add the categories to the \"categories\" array"),
    UNSAFE_FILE_NAME(true, "file names outside the images folder (refused)", ImagePaths.FIX),
    NO_IMAGES(true, "no images", "give a captions file whose \"images\" array lists the images"),
    IMAGES_FOLDER_MISSING(true, "images folder missing", "pass the folder that holds the image files with --images"),
    IMAGE_MISSING(true, "image files missing", "put the files into the images folder or pass the right folder"),
    IMAGE_UNREADABLE(true, "image files unreadable", "replace them with valid JPEG or PNG files"),
    SIZE_MISMATCH(false, "width/height that are not the image's size",
            "fix the fields to the file's size (the file's own size is what the model sees)"),
    DUPLICATE_FILE_NAME(false, "images sharing a file name", "give every image its own file"),
    IMAGE_WITHOUT_CAPTIONS(false, "images without captions", "add captions or remove the images"),
    EMPTY_CAPTION(false, "empty captions", "remove them or write the caption"),
    LONG_CAPTION(false, "very long captions (> " + DataProblem.LONG_CAPTION_TOKENS + " tokens)",
            "check them: they are truncated when encoded");

    /** Captions with more whitespace-separated tokens than this are reported as very long. */
    public static final int LONG_CAPTION_TOKENS = 64;

    private final boolean fatal;
    private final String title;
    private final String fix;

    DataProblem(boolean fatal, String title, String fix) {
        this.fatal = fatal;
        this.title = title;
        this.fix = fix;
    }

    /** True when a dataset with this problem cannot be used; otherwise it is a warning. */
    public boolean fatal() {
        return fatal;
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
