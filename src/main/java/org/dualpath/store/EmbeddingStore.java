package org.dualpath.store;

import org.dualpath.vector.Embeddings;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.dualpath.common.AtomicFiles;
import org.dualpath.common.Hashes;
import org.dualpath.common.InputException;
import org.dualpath.common.Npy;
import org.dualpath.common.Progress;
import org.dualpath.data.CocoCaption;
import org.dualpath.data.CocoImage;
import org.dualpath.data.Dataset;
import org.dualpath.data.DatasetSource;
import org.dualpath.data.image.ImageDecoder;
import org.dualpath.model.DualPathModel;
import org.dualpath.model.ModelBundle;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The embeddings of a whole dataset under one model: every image (row order = {@code dataset.images()}) and
 * every caption (images in that order, each image's captions in file order), L2-normalised, in a folder as
 * {@code images.npy} and {@code captions.npy} (float32, readable by {@code numpy.load}) plus
 * {@code manifest.json} (SHA-256 of the model file, a hash of the dataset, ids in row order with a stamp per
 * row, the test-time options and the dataset's files). Reopening reuses the vectors when model, options and
 * data are unchanged; when only data changed, only new or changed images and captions are embedded.
 */
public final class EmbeddingStore {
    static final String MANIFEST = "manifest.json";
    static final String IMAGES = "images.npy";
    static final String CAPTIONS = "captions.npy";
    private static final String FORMAT = "dualpath-embeddings";
    private static final int VERSION = 1;
    private static final int BATCH = 64;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** One image row: its id, file name and a stamp of the file's size and modification time. */
    record ImageEntry(long id, String file, long stamp) {
    }

    /** One caption row: its id, its image's id and a hash of its text. */
    record CaptionEntry(long id, long imageId, long textHash) {
    }

    /** The dataset's files as absolute paths (instances and split may be null). */
    record SourceEntry(String captions, String images, String instances, String split, long splitSeed,
                       Integer valImages, Integer testImages) {
    }

    record Manifest(String format, int version, String modelHash, String modelFile, String datasetHash,
                    SourceEntry source, DualPathModel.Options options, int dimension, List<ImageEntry> images,
                    List<CaptionEntry> captions) {
    }

    /** What opening did: a one-line note (fresh, or stale and why) and how many rows were embedded. */
    public record BuildReport(String message, int imagesEmbedded, int captionsEmbedded) {
    }

    private final Path dir;
    private final Manifest manifest;
    private final Embeddings images;
    private final Embeddings captions;
    private final int[] captionImageRows;
    private final BuildReport report;

    private EmbeddingStore(Path dir, Manifest manifest, Embeddings images, Embeddings captions, BuildReport report) {
        this.dir = dir;
        this.manifest = manifest;
        this.images = images;
        this.captions = captions;
        this.report = report;
        Map<Long, Integer> imageRow = new HashMap<>(manifest.images().size() * 2);
        for (int i = 0; i < manifest.images().size(); i++) {
            imageRow.put(manifest.images().get(i).id(), i);
        }
        this.captionImageRows = manifest.captions().stream().mapToInt(c -> imageRow.get(c.imageId())).toArray();
    }

    /** Opens the store in dir when it is fresh for (model, dataset, options); otherwise (re)builds it, embedding only images/captions that are new. */
    public static EmbeddingStore openOrBuild(DualPathModel model, Path modelFile, Dataset dataset, Path dir,
                                             DualPathModel.Options options, Progress progress) {
        return openOrBuild(model, modelFile, dataset, null, dir, options, progress);
    }

    /** As {@link #openOrBuild(DualPathModel, Path, Dataset, Path, DualPathModel.Options, Progress)}, also recording where the dataset's files are. */
    public static EmbeddingStore openOrBuild(DualPathModel model, Path modelFile, Dataset dataset, DatasetSource source,
                                             Path dir, DualPathModel.Options options, Progress progress) {
        Manifest wanted = manifest(modelHash(modelFile), modelFile, dataset, dataset.images(), source, options,
                model.dimension());
        Manifest old = null;
        float[][] oldImages = null;
        float[][] oldCaptions = null;
        String why;
        if (!Files.exists(dir.resolve(MANIFEST))) {
            why = "no embeddings in " + dir + " yet";
        } else {
            try {
                old = readManifest(dir);
                oldImages = readMatrix(dir, IMAGES, old.images().size(), old.dimension());
                oldCaptions = readMatrix(dir, CAPTIONS, old.captions().size(), old.dimension());
                why = staleReason(old, wanted);
            } catch (InputException e) {
                old = null;
                why = "store damaged (" + e.getMessage() + ")";
            }
        }
        if (old != null && why == null) {
            EmbeddingStore fresh = new EmbeddingStore(dir, old, embeddings(old.images(), oldImages, old.dimension(),
                    ImageEntry::id), embeddings(old.captions(), oldCaptions, old.dimension(), CaptionEntry::id),
                    new BuildReport("embeddings up to date: " + old.images().size() + " images, " + old.captions().size()
                            + " captions in " + dir, 0, 0));
            if (source != null && !source.equals(fresh.source())) {
                writeManifest(dir, wanted);
                return new EmbeddingStore(dir, wanted, fresh.images, fresh.captions, fresh.report);
            }
            return fresh;
        }
        boolean reuse = old != null && old.modelHash().equals(wanted.modelHash()) && old.options().equals(options)
                && old.dimension() == wanted.dimension();
        Built built = embed(model, dataset, dataset.images(), wanted, reuse ? old : null, oldImages, oldCaptions,
                options, progress);
        try {
            // without a manifest a half-rewritten folder reads as "no store", never as stale vectors
            Files.deleteIfExists(dir.resolve(MANIFEST));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update " + dir + ": " + e.getMessage(), e);
        }
        Npy.write(dir.resolve(IMAGES), built.images, wanted.dimension());
        Npy.write(dir.resolve(CAPTIONS), built.captions, wanted.dimension());
        writeManifest(dir, wanted);
        return new EmbeddingStore(dir, wanted, embeddings(wanted.images(), built.images, wanted.dimension(),
                ImageEntry::id), embeddings(wanted.captions(), built.captions, wanted.dimension(), CaptionEntry::id),
                new BuildReport(why + ": embedded " + built.newImages + " images, " + built.newCaptions
                        + " captions", built.newImages, built.newCaptions));
    }

    /**
     * Embeds {@code subset} (images of {@code dataset}) and their captions in memory, without a folder; for
     * one-off jobs such as evaluating the test split. {@link #dir()} is null.
     */
    public static EmbeddingStore inMemory(DualPathModel model, Path modelFile, Dataset dataset, List<CocoImage> subset,
                                          DualPathModel.Options options, Progress progress) {
        Manifest m = manifest(modelHash(modelFile), modelFile, dataset, subset, null, options, model.dimension());
        Built built = embed(model, dataset, subset, m, null, null, null, options, progress);
        return new EmbeddingStore(null, m, embeddings(m.images(), built.images, m.dimension(), ImageEntry::id),
                embeddings(m.captions(), built.captions, m.dimension(), CaptionEntry::id),
                new BuildReport("embedded " + built.newImages + " images, " + built.newCaptions + " captions",
                        built.newImages, built.newCaptions));
    }

    /** Opens an existing store without a model (for export/eval of stored vectors); InputException if missing or damaged. */
    public static EmbeddingStore open(Path dir) {
        if (!Files.isRegularFile(dir.resolve(MANIFEST))) {
            throw new InputException(dir + ": no embedding store here (no " + MANIFEST + "); build one with 'dualpath embed'");
        }
        Manifest m = readManifest(dir);
        float[][] imageRows = readMatrix(dir, IMAGES, m.images().size(), m.dimension());
        float[][] captionRows = readMatrix(dir, CAPTIONS, m.captions().size(), m.dimension());
        return new EmbeddingStore(dir, m, embeddings(m.images(), imageRows, m.dimension(), ImageEntry::id),
                embeddings(m.captions(), captionRows, m.dimension(), CaptionEntry::id),
                new BuildReport("opened " + m.images().size() + " images, " + m.captions().size() + " captions in "
                        + dir, 0, 0));
    }

    /** L2-normalised rows, ids = COCO image ids, row order = dataset.images() order. */
    public Embeddings images() {
        return images;
    }

    /** L2-normalised rows, ids = COCO caption ids. */
    public Embeddings captions() {
        return captions;
    }

    /** For each caption row, the row of its image in images(). */
    public int[] captionImageRows() {
        return captionImageRows.clone();
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
        SourceEntry s = manifest.source();
        if (s == null) {
            return null;
        }
        return new DatasetSource(Paths.get(s.captions()), Paths.get(s.images()),
                s.instances() == null ? null : Paths.get(s.instances()), s.split() == null ? null : Paths.get(s.split()),
                s.splitSeed(), s.valImages(), s.testImages());
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
                    + shortHash(modelHash()) + "), not by " + modelFile + " (sha256 " + shortHash(hash)
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

    /** Null when {@code old} serves {@code wanted} as it is, otherwise what changed, in one line. */
    private static String staleReason(Manifest old, Manifest wanted) {
        if (!old.modelHash().equals(wanted.modelHash())) {
            return "stale: model changed (store built by " + old.modelFile() + ", sha256 " + shortHash(old.modelHash())
                    + "; now " + wanted.modelFile() + ", sha256 " + shortHash(wanted.modelHash()) + ")";
        }
        if (!old.options().equals(wanted.options())) {
            return "stale: options changed (" + describe(old.options()) + " -> " + describe(wanted.options()) + ")";
        }
        if (!old.datasetHash().equals(wanted.datasetHash())) {
            return "stale: data changed (" + diff(old.images(), wanted.images(), ImageEntry::id, "images") + ", "
                    + diff(old.captions(), wanted.captions(), CaptionEntry::id, "captions") + ")";
        }
        return null;
    }

    private static String describe(DualPathModel.Options o) {
        return "flip " + (o.flipImages() ? "on" : "off") + ", shift " + (o.shiftCaptions() ? "on" : "off");
    }

    private static <T> String diff(List<T> old, List<T> now, ToLongFunction<T> id, String what) {
        Map<Long, T> before = new HashMap<>(old.size() * 2);
        old.forEach(e -> before.put(id.applyAsLong(e), e));
        int added = 0;
        int changed = 0;
        for (T e : now) {
            T was = before.remove(id.applyAsLong(e));
            if (was == null) {
                added++;
            } else if (!was.equals(e)) {
                changed++;
            }
        }
        return what + " +" + added + " -" + before.size() + " ~" + changed;
    }

    private record Built(float[][] images, float[][] captions, int newImages, int newCaptions) {
    }

    /** Embeds the rows of {@code m} that {@code old} (null: none) does not hold unchanged. */
    private static Built embed(DualPathModel model, Dataset dataset, List<CocoImage> imageList, Manifest m, Manifest old,
                               float[][] oldImages, float[][] oldCaptions, DualPathModel.Options options,
                               Progress progress) {
        float[][] imageRows = new float[m.images().size()][];
        float[][] captionRows = new float[m.captions().size()][];
        List<Integer> imageTodo = reuse(m.images(), old == null ? List.of() : old.images(), oldImages, imageRows,
                ImageEntry::id);
        List<Integer> captionTodo = reuse(m.captions(), old == null ? List.of() : old.captions(), oldCaptions,
                captionRows, CaptionEntry::id);
        List<String> texts = captionTexts(dataset, imageList);
        long total = imageTodo.size() + captionTodo.size();
        for (int start = 0; start < imageTodo.size(); start += BATCH) {
            progress.checkCancelled();
            List<Integer> rows = imageTodo.subList(start, Math.min(imageTodo.size(), start + BATCH));
            // decoding dominates for real photos and is independent per file
            List<BufferedImage> decoded = rows.parallelStream()
                    .map(r -> ImageDecoder.decode(dataset.imagePath(imageList.get(r)))).toList();
            float[][] e = model.embedImages(decoded, options);
            for (int i = 0; i < rows.size(); i++) {
                imageRows[rows.get(i)] = e[i];
            }
            progress.update(start + rows.size(), total, "embedding images");
        }
        for (int start = 0; start < captionTodo.size(); start += BATCH) {
            progress.checkCancelled();
            List<Integer> rows = captionTodo.subList(start, Math.min(captionTodo.size(), start + BATCH));
            float[][] e = model.embedCaptions(rows.stream().map(texts::get).toList(), options);
            for (int i = 0; i < rows.size(); i++) {
                captionRows[rows.get(i)] = e[i];
            }
            progress.update(imageTodo.size() + start + rows.size(), total, "embedding captions");
        }
        return new Built(imageRows, captionRows, imageTodo.size(), captionTodo.size());
    }

    /** Copies unchanged rows from {@code oldRows} into {@code rows}; returns the rows still to embed. */
    private static <T> List<Integer> reuse(List<T> now, List<T> old, float[][] oldRows, float[][] rows,
                                           ToLongFunction<T> id) {
        Map<Long, Integer> oldRow = new HashMap<>(old.size() * 2);
        for (int i = 0; i < old.size(); i++) {
            oldRow.put(id.applyAsLong(old.get(i)), i);
        }
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < now.size(); i++) {
            Integer r = oldRow.get(id.applyAsLong(now.get(i)));
            if (r != null && old.get(r).equals(now.get(i))) {
                rows[i] = oldRows[r];
            } else {
                todo.add(i);
            }
        }
        return todo;
    }

    private static List<String> captionTexts(Dataset dataset, List<CocoImage> imageList) {
        List<String> texts = new ArrayList<>();
        for (CocoImage image : imageList) {
            dataset.captions(image.id()).forEach(c -> texts.add(c.caption()));
        }
        return texts;
    }

    private static Manifest manifest(String modelHash, Path modelFile, Dataset dataset, List<CocoImage> imageList,
                                     DatasetSource source, DualPathModel.Options options, int dimension) {
        Hashes.Sha256Builder sha = Hashes.sha256Builder();
        List<ImageEntry> imageEntries = new ArrayList<>(imageList.size());
        List<CaptionEntry> captionEntries = new ArrayList<>();
        for (CocoImage image : imageList) {
            ImageEntry e = new ImageEntry(image.id(), image.fileName(), stamp(dataset.imagePath(image)));
            imageEntries.add(e);
            sha.putString(e.toString());
        }
        for (CocoImage image : imageList) {
            for (CocoCaption c : dataset.captions(image.id())) {
                CaptionEntry e = new CaptionEntry(c.id(), c.imageId(), textHash(c.caption()));
                captionEntries.add(e);
                sha.putString(e.toString());
            }
        }
        SourceEntry s = source == null ? null : new SourceEntry(source.captions().toString(), source.images().toString(),
                source.instances() == null ? null : source.instances().toString(),
                source.split() == null ? null : source.split().toString(), source.splitSeed(), source.valImages(),
                source.testImages());
        return new Manifest(FORMAT, VERSION, modelHash, modelFile.toAbsolutePath().normalize().toString(),
                sha.hex(), s, options, dimension, imageEntries, captionEntries);
    }

    /** Size and modification time; a changed file almost always changes one of them, and stat is cheap. */
    private static long stamp(Path file) {
        try {
            return Files.size(file) * 31 + Files.getLastModifiedTime(file).toMillis();
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": image file not found; put it in the images folder or remove it from the captions file");
        } catch (IOException e) {
            throw new InputException(file + ": cannot read the image file (" + e.getMessage() + ")", e);
        }
    }

    /** 64-bit FNV-1a of the text: enough to notice an edited caption. */
    private static long textHash(String text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return h;
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

    private static Manifest readManifest(Path dir) {
        Path file = dir.resolve(MANIFEST);
        Manifest m;
        try {
            m = JSON.readValue(file.toFile(), Manifest.class);
        } catch (IOException e) {
            throw damaged(file, "unreadable manifest: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (m == null || !FORMAT.equals(m.format()) || m.images() == null || m.captions() == null
                || m.modelHash() == null || m.options() == null || m.dimension() <= 0) {
            throw damaged(file, "not a " + FORMAT + " manifest");
        }
        if (m.version() > VERSION) {
            throw new InputException(file + ": store format version " + m.version() + " is newer than this program ("
                    + VERSION + "); update DualPath Explorer or rebuild the index");
        }
        return m;
    }

    private static void writeManifest(Path dir, Manifest m) {
        try {
            AtomicFiles.writeString(dir.resolve(MANIFEST), JSON.writeValueAsString(m));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(MANIFEST) + ": " + e.getMessage(), e);
        }
    }

    private static float[][] readMatrix(Path dir, String name, int rows, int dimension) {
        Path file = dir.resolve(name);
        float[][] m;
        try {
            m = Npy.read(file);
        } catch (IOException e) {
            throw damaged(file, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        if (m.length != rows || (rows > 0 && m[0].length != dimension)) {
            throw damaged(file, "holds " + m.length + " x " + (m.length == 0 ? 0 : m[0].length)
                    + " values, the manifest says " + rows + " x " + dimension);
        }
        return m;
    }

    private static InputException damaged(Path file, String why) {
        return new InputException(file + ": embedding store damaged (" + why + "); delete "
                + file.getParent() + " and run 'dualpath embed' again");
    }

    private static String shortHash(String hex) {
        return hex.substring(0, Math.min(12, hex.length()));
    }
}
