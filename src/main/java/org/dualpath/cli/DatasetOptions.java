package org.dualpath.cli;

import org.dualpath.common.InputException;
import org.dualpath.common.Progress;
import org.dualpath.data.Dataset;
import org.dualpath.data.DatasetSource;
import picocli.CommandLine.Option;

import java.nio.file.Path;

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
