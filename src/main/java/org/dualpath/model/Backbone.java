package org.dualpath.model;

import org.dualpath.common.InputException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The image CNN of a model: trained inside the network from scratch, or a pretrained network run before it. */
public enum Backbone {
    /** A small residual CNN inside the dual-path network, trained from scratch (the offline shapes demo). */
    SMALL_RESNET("small-resnet", false, 0),
    /** Keras MobileNet v1 (ImageNet), imported from a .h5 file; 256-d features at width multiplier 0.25. */
    MOBILENET("mobilenet", true, 256),
    /** DL4J zoo ResNet-50 (ImageNet); 2048-d pool5 features. */
    RESNET50("resnet50", true, 2048);

    private final String id;
    private final boolean pretrained;
    private final int featureDim;

    Backbone(String id, boolean pretrained, int featureDim) {
        this.id = id;
        this.pretrained = pretrained;
        this.featureDim = featureDim;
    }

    /** Name used on the command line and in model files. */
    public String id() {
        return id;
    }

    /** True when the backbone is a separate pretrained network whose pooled features the dual-path network reads. */
    public boolean pretrained() {
        return pretrained;
    }

    /** Length of the pooled feature vector of a pretrained backbone. */
    public int featureDim() {
        return featureDim;
    }

    public static Backbone parse(String id) {
        for (Backbone b : values()) {
            if (b.id.equalsIgnoreCase(id) || b.name().equalsIgnoreCase(id)) {
                return b;
            }
        }
        throw new InputException("unknown backbone '" + id + "': use one of "
                + Arrays.stream(values()).map(Backbone::id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id.toLowerCase(Locale.ROOT);
    }
}
