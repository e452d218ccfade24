package org.dualpath.cli;

import org.dualpath.common.InputException;
import org.dualpath.common.Progress;
import org.dualpath.data.CocoCaption;
import org.dualpath.data.CocoImage;
import org.dualpath.data.Dataset;
import org.dualpath.data.DatasetSource;
import org.dualpath.data.Split;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The options that name a dataset, shared by the commands that read one. */
final class DatasetOptions {
    @Option(names = "--captions", required = true, paramLabel = "FILE", description = "COCO captions JSON file.")
    Path captions;

    @Option(names = "--images", required = true, paramLabel = "DIR", description = "Folder the image file names are relative to.")
    Path images;

    @Option(names = "--instances", paramLabel = "FILE", description = "COCO instances JSON file (categories).")
    Path instances;

    @Option(names = "--split", paramLabel = "FILE",
            description = "Split file (DualPath split JSON or Karpathy dataset_*.json); default: a seeded split.")
    Path split;

    @Option(names = "--split-seed", paramLabel = "S", defaultValue = "42",
            description = "Seed of the drawn split when no split file is given (default: ${DEFAULT-VALUE}).")
    long splitSeed;

    @Option(names = "--val", paramLabel = "N",
            description = "Validation images of the drawn split (with --test; default: 20%% each, at most 1000).")
    Integer valImages;

    @Option(names = "--test", paramLabel = "N", description = "Test images of the drawn split (with --val).")
    Integer testImages;

    /** The --split value that evaluates every image of the dataset. */
    static final String ALL = "all";

    /** A loaded dataset and the images an evaluation ranks: its test split, or every image with {@code --split all}. */
    record Evaluated(Dataset dataset, List<CocoImage> images, boolean all) {
        /** The split's name as the tables print it. */
        String splitName() {
            return all ? ALL : Split.TEST.id();
        }

        /** Every caption of the dataset by its id, as evaluations name captions by id. */
        Map<Long, CocoCaption> captionsById() {
            Map<Long, CocoCaption> byId = new HashMap<>();
            dataset.images().forEach(i -> dataset.captions(i.id()).forEach(c -> byId.put(c.id(), c)));
            return byId;
        }
    }

    /** Loads the dataset with the images to evaluate; refused when the test split is empty. */
    Evaluated loadEvaluated(Progress progress) {
        boolean all = split != null && split.toString().equals(ALL);
        if (all) {
            if (valImages != null || testImages != null) {
                throw new InputException("--split all evaluates every image: leave out --val/--test");
            }
            split = null;
        }
        Dataset dataset = load(progress);
        List<CocoImage> images = all ? dataset.images() : dataset.images(Split.TEST);
        if (images.isEmpty()) {
            throw new InputException("the dataset's split has no test images; give a split file with test images (--split)");
        }
        return new Evaluated(dataset, images, all);
    }

    Dataset load(Progress progress) {
        return source().load(progress);
    }

    DatasetSource source() {
        if (split != null && (valImages != null || testImages != null)) {
            throw new InputException("--val/--test draw a split, but --split " + split + " gives one: use one or the other");
        }
        return new DatasetSource(captions, images, instances, split, splitSeed, valImages, testImages);
    }
}
