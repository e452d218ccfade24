package org.dualpath.data;

import org.dualpath.common.InputException;
import org.dualpath.common.Progress;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads a {@link Dataset}: a COCO captions file and its images folder, plus optionally a COCO instances file
 * (categories per image) and a split file (see {@link SplitFile}). Without a split file the images are split
 * by {@link SplitSpec#assign} with the configured spec and seed ({@link SplitSpec#DEFAULT} and
 * {@link SplitSpec#DEFAULT_SEED} unless set). Every input is validated; the first problem throws an
 * {@link org.dualpath.common.InputException}. Images the captions file gives no width/height get them from their
 * headers.
 *
 * <pre>{@code Dataset d = DatasetLoader.of(captions, imagesDir).instances(inst).splitFile(split).load(progress);}</pre>
 */
public final class DatasetLoader {
    private final Path captions;
    private final Path imagesDir;
    private Path instances;
    private Path splitFile;
    private SplitSpec spec = SplitSpec.DEFAULT;
    private long seed = SplitSpec.DEFAULT_SEED;
    private String name;

    private DatasetLoader(Path captions, Path imagesDir) {
        this.captions = captions;
        this.imagesDir = imagesDir;
    }

    /** A loader for {@code captions} whose file names are relative to {@code imagesDir}. */
    public static DatasetLoader of(Path captions, Path imagesDir) {
        return new DatasetLoader(captions, imagesDir);
    }

    /** Also reads categories from this COCO instances file (null: none). */
    public DatasetLoader instances(Path file) {
        this.instances = file;
        return this;
    }

    /** Takes the split from this split file or Karpathy file (null: draw a seeded split). */
    public DatasetLoader splitFile(Path file) {
        this.splitFile = file;
        return this;
    }

    /** The sizes of a drawn split (ignored with a split file). */
    public DatasetLoader splitSpec(SplitSpec spec) {
        this.spec = spec;
        return this;
    }

    /** The seed of a drawn split (ignored with a split file). */
    public DatasetLoader seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** The dataset's name (default: the captions file name without ".json"). */
    public DatasetLoader name(String name) {
        this.name = name;
        return this;
    }

    /** Reads and validates everything. */
    public Dataset load(Progress progress) {
        int steps = 3;
        progress.update(0, steps, "reading " + captions.getFileName());
        CocoCaptionsFile read = CocoJson.readCaptions(captions);
        if (read.images().isEmpty()) {
            throw new InputException(captions + ": the file lists no images; give a captions file whose \"images\" array is not empty");
        }
        CocoCaptionsFile file = withHeaderSizes(read, progress);
        Set<Long> ids = new HashSet<>(file.images().size() * 2);
        file.images().forEach(i -> ids.add(i.id()));
        progress.checkCancelled();

        List<CocoCategory> categories = List.of();
        Map<Long, List<ImageCategory>> perImage = Map.of();
        if (instances != null) {
            progress.update(1, steps, "reading " + instances.getFileName());
            CocoInstancesFile inst = CocoJson.readInstances(instances);
            categories = inst.categories();
            perImage = ImageCategory.perImage(inst, ids, instances, Problems.failFast());
            progress.checkCancelled();
        }

        progress.update(2, steps, "splitting");
        SplitAssignment split = splitFile != null
                ? SplitFile.read(splitFile, file.images())
                : spec.assign(ids, seed);
        progress.update(steps, steps, "loaded");
        return new Dataset(name != null ? name : defaultName(), imagesDir, file, categories, perImage, split);
    }

    /**
     * The file with the width and height it leaves out read from each image's header (no pixels are decoded); an
     * image whose header cannot be read keeps 0 x 0 and is named when a job decodes it.
     */
    private CocoCaptionsFile withHeaderSizes(CocoCaptionsFile file, Progress progress) {
        if (file.images().stream().allMatch(i -> i.width() > 0 && i.height() > 0)) {
            return file;
        }
        List<CocoImage> images = new ArrayList<>(file.images().size());
        for (CocoImage image : file.images()) {
            if (image.width() > 0 && image.height() > 0) {
                images.add(image);
                continue;
            }
            if (images.size() % 256 == 0) {
                progress.checkCancelled();
            }
            ImageFiles.Size size;
            try {
                size = ImageFiles.size(ImagePaths.resolve(imagesDir, image.fileName()));
            } catch (InputException e) {
                size = new ImageFiles.Size(0, 0);
            }
            images.add(new CocoImage(image.id(), image.fileName(), size.width(), size.height(), image.cocoUrl(),
                    image.flickrUrl()));
        }
        return new CocoCaptionsFile(file.info(), images, file.annotations());
    }

    private String defaultName() {
        String n = captions.getFileName().toString();
        return n.endsWith(".json") ? n.substring(0, n.length() - 5) : n;
    }
}
