package org.dualpath.store;

import org.dualpath.common.Hashes;
import org.dualpath.common.InputException;
import org.dualpath.common.Progress;
import org.dualpath.data.CocoImage;
import org.dualpath.data.Dataset;
import org.dualpath.data.DatasetSource;
import org.dualpath.model.DualPathModel;
import org.dualpath.model.ModelBundle;
import org.dualpath.store.StoreManifest.CaptionEntry;
import org.dualpath.store.StoreManifest.ImageEntry;
import org.dualpath.vector.Embeddings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The embeddings of a whole dataset under one model: every image that could be read (row order =
 * {@code dataset.images()}) and every caption (images in that order, each image's captions in file order, the
 * captions of images that could not be read included), L2-normalised, in a folder as
 * {@code images.npy} and {@code captions.npy} (float32, readable by {@code numpy.load}) plus
 * {@code manifest.json} (SHA-256 of the model file, a hash of the dataset, ids in row order with a stamp per
 * row, the test-time options and the dataset's files). Reopening reuses the vectors when model, options and
 * data are unchanged; when only data changed, only new or changed images and captions are embedded.
 *
 * <p>An image file that cannot be decoded does not stop the job: the image is left out of the image rows, its
 * captions keep theirs with {@link #NO_IMAGE} as their image row (a caption query then has no ground truth to
 * find), and {@link #skippedImages()} says which files and why, as does the {@link BuildReport}.
 *
 * <p>The jobs behind it have classes of their own: {@link StoreManifest} (what the rows are),
 * {@link StoreFiles} (the folder's files), {@link Staleness} (whether a store serves a request, and why not) and
 * {@link EmbeddingLoop} (computing the rows that are not reused).
 */
public final class EmbeddingStore {
    /** The image row of a caption whose image could not be read: there is none. */
    public static final int NO_IMAGE = -1;

    /**
     * What opening did: a one-line note (fresh, or stale and why), how many rows were embedded, and the images
     * that could not be read (those skipped now, or recorded when the store was built).
     */
    public record BuildReport(String message, int imagesEmbedded, int captionsEmbedded, List<SkippedImage> skipped) {
        public BuildReport {
            skipped = List.copyOf(skipped);
        }

        /**
         * One line for the user: {@code "3 images could not be read and were skipped: a.jpg (reason), …"} naming
         * the first few; empty when none was skipped.
         */
        public String skippedSummary() {
            if (skipped.isEmpty()) {
                return "";
            }
            return SkippedImage.count(skipped) + " and " + (skipped.size() == 1 ? "was" : "were") + " skipped: "
                    + SkippedImage.list(skipped, SkippedImage.NAMED_IN_SUMMARY)
                    + "; repair or replace them to have them embedded next time";
        }
    }

    private final Path dir;
    private final StoreManifest manifest;
    private final Embeddings images;
    private final Embeddings captions;
    private final int[] captionImageRows;
    private final BuildReport report;

    private EmbeddingStore(Path dir, StoreFiles.Contents contents, BuildReport report) {
        this.dir = dir;
        this.manifest = contents.manifest();
        this.images = embeddings(manifest.images(), contents.images(), manifest.dimension(), ImageEntry::id);
        this.captions = embeddings(manifest.captions(), contents.captions(), manifest.dimension(), CaptionEntry::id);
        this.report = report;
        Map<Long, Integer> imageRow = new HashMap<>(manifest.images().size() * 2);
        for (int i = 0; i < manifest.images().size(); i++) {
            imageRow.put(manifest.images().get(i).id(), i);
        }
        this.captionImageRows = manifest.captions().stream().mapToInt(c -> imageRow.getOrDefault(c.imageId(), NO_IMAGE))
                .toArray();
    }

    /** Opens the store in dir when it is fresh for (model, dataset, options); otherwise (re)builds it, embedding only images/captions that are new. */
    public static EmbeddingStore openOrBuild(DualPathModel model, Path modelFile, Dataset dataset, Path dir,
                                             DualPathModel.Options options, Progress progress) {
        return openOrBuild(model, modelFile, dataset, null, dir, options, progress);
    }

    /** As {@link #openOrBuild(DualPathModel, Path, Dataset, Path, DualPathModel.Options, Progress)}, also recording where the dataset's files are. */
    public static EmbeddingStore openOrBuild(DualPathModel model, Path modelFile, Dataset dataset, DatasetSource source,
                                             Path dir, DualPathModel.Options options, Progress progress) {
        StoreManifest wanted = StoreManifest.of(modelHash(modelFile), modelFile, dataset, dataset.images(), source,
                options, model.dimension());
        StoreFiles.Contents old = null;
        String why;
        if (!StoreFiles.exists(dir)) {
            why = "a new store";
        } else {
            try {
                old = StoreFiles.read(dir);
                why = Staleness.reason(old.manifest(), wanted);
            } catch (InputException e) {
                why = "the store was damaged (" + e.getMessage() + ")";
            }
        }
        if (old != null && why == null) {
            StoreManifest m = old.manifest();
            BuildReport upToDate = new BuildReport("embeddings up to date: " + m.images().size() + " images, "
                    + m.captions().size() + " captions in " + dir, 0, 0, m.skipped());
            EmbeddingStore fresh = new EmbeddingStore(dir, old, upToDate);
            if (source != null && !source.equals(fresh.source())) {
                StoreFiles.writeManifest(dir, wanted);
                return new EmbeddingStore(dir, new StoreFiles.Contents(wanted, old.images(), old.captions()), upToDate);
            }
            return fresh;
        }
        boolean reuse = old != null && Staleness.rowsReusable(old.manifest(), wanted);
        EmbeddingLoop.Result built = EmbeddingLoop.embed(model, dataset, dataset.images(), wanted, reuse ? old : null,
                options, progress);
        StoreFiles.write(dir, built.contents());
        // one phrase: what was done, then why (a status line once read "no embeddings … yet: embedded …")
        return new EmbeddingStore(dir, built.contents(), new BuildReport("embedded " + built.newImages() + " images, "
                + built.newCaptions() + " captions into " + dir + " (" + why + ")", built.newImages(),
                built.newCaptions(), built.contents().manifest().skipped()));
    }

    /**
     * Embeds {@code subset} (images of {@code dataset}) and their captions in memory, without a folder; for
     * one-off jobs such as evaluating the test split. {@link #dir()} is null.
     */
    public static EmbeddingStore inMemory(DualPathModel model, Path modelFile, Dataset dataset, List<CocoImage> subset,
                                          DualPathModel.Options options, Progress progress) {
        StoreManifest m = StoreManifest.of(modelHash(modelFile), modelFile, dataset, subset, null, options,
                model.dimension());
        EmbeddingLoop.Result built = EmbeddingLoop.embed(model, dataset, subset, m, null, options, progress);
        return new EmbeddingStore(null, built.contents(), new BuildReport("embedded " + built.newImages() + " images, "
                + built.newCaptions() + " captions", built.newImages(), built.newCaptions(),
                built.contents().manifest().skipped()));
    }

    /** Opens an existing store without a model (for export/eval of stored vectors); InputException if missing or damaged. */
    public static EmbeddingStore open(Path dir) {
        if (!Files.isRegularFile(dir.resolve(StoreFiles.MANIFEST))) {
            throw new InputException(dir + ": no embedding store here (no " + StoreFiles.MANIFEST
                    + "); build one with 'dualpath embed'");
        }
        StoreFiles.Contents contents = StoreFiles.read(dir);
        StoreManifest m = contents.manifest();
        return new EmbeddingStore(dir, contents, new BuildReport("opened " + m.images().size() + " images, "
                + m.captions().size() + " captions in " + dir, 0, 0, m.skipped()));
    }

    /** L2-normalised rows, ids = COCO image ids, row order = dataset.images() order, skipped images left out. */
    public Embeddings images() {
        return images;
    }

    /** L2-normalised rows, ids = COCO caption ids. */
    public Embeddings captions() {
        return captions;
    }

    /** For each caption row, the row of its image in images(), or {@link #NO_IMAGE} when that image was skipped. */
    public int[] captionImageRows() {
        return captionImageRows.clone();
    }

    /** The id of the image of caption row {@code row}, also when that image was skipped. */
    public long captionImageId(int row) {
        return manifest.captions().get(row).imageId();
    }

    /** The images that could not be read, in dataset order, with why; none of them has an image row. */
    public List<SkippedImage> skippedImages() {
        return manifest.skipped();
    }

    /** The skipped image with this id, or null when the image was embedded or is not in the store. */
    public SkippedImage skippedImage(long imageId) {
        return manifest.skipped().stream().filter(s -> s.id() == imageId).findFirst().orElse(null);
    }

    /** SHA-256 (hex) of the model file the vectors came from. */
    public String modelHash() {
        return manifest.modelHash();
    }

    /** A hash of the dataset rows the vectors belong to (ids, image file stamps, caption text hashes). */
    public String datasetHash() {
        return manifest.datasetHash();
    }

    /** The folder of the store (null for {@link #inMemory} stores). */
    public Path dir() {
        return dir;
    }

    /** The test-time averaging the vectors were made with; queries should use the same. */
    public DualPathModel.Options options() {
        return manifest.options();
    }

    /** Where the dataset's files were when the store was built (null when they were not recorded). */
    public DatasetSource source() {
        return manifest.source() == null ? null : manifest.source().toSource();
    }

    /** What opening or building did. */
    public BuildReport report() {
        return report;
    }

    /** Throws {@link InputException} unless the vectors were made by the model in {@code modelFile}. */
    public void requireModel(Path modelFile) {
        String hash = modelHash(modelFile);
        if (!hash.equals(modelHash())) {
            // a damaged copy of the right model also hashes differently: report the damage, not "another model"
            ModelBundle.read(modelFile);
            throw new InputException(dir + " was built by another model (" + manifest.modelFile() + ", sha256 "
                    + Staleness.shortHash(modelHash()) + "), not by " + modelFile + " (sha256 " + Staleness.shortHash(hash)
                    + "); give that model or rebuild the index with 'dualpath embed'");
        }
    }

    /** SHA-256 (hex) of a model file. */
    public static String modelHash(Path modelFile) {
        try {
            return Hashes.sha256Hex(modelFile);
        } catch (NoSuchFileException e) {
            throw new InputException(modelFile + ": no such model file; give the .zip written by 'dualpath train'");
        } catch (IOException e) {
            throw new InputException(modelFile + ": cannot read the model file (" + e.getMessage() + ")", e);
        }
    }

    private static <T> Embeddings embeddings(List<T> entries, float[][] rows, int dimension,
                                             ToLongFunction<T> id) {
        long[] ids = entries.stream().mapToLong(id).toArray();
        float[] data = new float[rows.length * dimension];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, data, i * dimension, dimension);
        }
        return Embeddings.of(ids, data, dimension);
    }
}
