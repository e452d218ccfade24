package org.dualpath.model;

import org.deeplearning4j.zoo.PretrainedType;
import org.deeplearning4j.zoo.model.ResNet50;
import org.dualpath.common.Download;
import org.dualpath.common.Progress;

import java.net.URI;
import java.nio.file.Path;

/** Where the pretrained backbone weights are published, with the checksums their publishers declare. */
public enum PretrainedWeights {
    /**
     * DL4J zoo ResNet-50 (ImageNet), the file {@code ResNet50.initPretrained()} downloads; Adler-32 checksum
     * as declared by the zoo. The URL follows DL4J's base URL ({@code DL4JResources}, system property
     * {@code org.deeplearning4j.resources.baseurl}).
     */
    RESNET50_DL4J(URI.create(ResNet50.builder().build().pretrainedUrl(PretrainedType.IMAGENET)),
            Download.Checksum.adler32(ResNet50.builder().build().pretrainedChecksum(PretrainedType.IMAGENET))),
    /**
     * Keras Applications' MobileNet v1 (alpha 0.25, 224) ImageNet release. This file holds weights only, no
     * architecture: {@link PretrainedBackbone#mobilenet} cannot load it (it needs a full-model .h5 file), and
     * using it would need the architecture built in code with weights loaded by layer name. No checksum is
     * published for it.
     */
    MOBILENET_025_KERAS_WEIGHTS_ONLY(
            URI.create("https://github.com/fchollet/deep-learning-models/releases/download/v0.6/mobilenet_2_5_224_tf.h5"),
            null);

    private final URI uri;
    private final Download.Checksum checksum;

    PretrainedWeights(URI uri, Download.Checksum checksum) {
        this.uri = uri;
        this.checksum = checksum;
    }

    public URI uri() {
        return uri;
    }

    /** The published checksum, or null when none is published. */
    public Download.Checksum checksum() {
        return checksum;
    }

    /** The file name at the end of the URL. */
    public String fileName() {
        String path = uri.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Downloads the file into {@code dir} (or verifies an earlier download there) and returns its path. */
    public Path download(Download download, Path dir, Progress progress) {
        return download.fetch(uri, dir.resolve(fileName()), 0, checksum, progress);
    }
}
