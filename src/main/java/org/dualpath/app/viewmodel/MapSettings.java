package org.dualpath.app.viewmodel;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.dualpath.projection.ColourBy;
import org.dualpath.projection.MapMethod;
import org.dualpath.projection.MapParams;
import org.dualpath.projection.Modality;

/** The Map tab's settings: which points are mapped, with which method and parameters, and how they are drawn. */
public final class MapSettings {
    /** Which images are mapped. */
    public enum Subset {
        TEST("test split", "test split"), TRAIN("train split", "train split"), ALL("all images", "whole dataset"),
        GALLERY("gallery (its filters)", "gallery (its filters)"), RESULTS("current results", "current results");

        private final String label;
        private final String described;

        Subset(String label, String described) {
            this.label = label;
            this.described = described;
        }

        /** The subset as the map's note names it: "... of the whole dataset". */
        public String described() {
            return described;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final ObjectProperty<MapMethod> method = new SimpleObjectProperty<>(MapMethod.BH_TSNE);
    private final DoubleProperty perplexity = new SimpleDoubleProperty(30);
    private final IntegerProperty iterations = new SimpleIntegerProperty(1000);
    private final DoubleProperty learningRate = new SimpleDoubleProperty(200);
    private final IntegerProperty seed = new SimpleIntegerProperty(42);
    private final ObjectProperty<Modality> modality = new SimpleObjectProperty<>(Modality.BOTH);
    private final ObjectProperty<Subset> subset = new SimpleObjectProperty<>(Subset.TEST);
    private final ObjectProperty<ColourBy> colourBy = new SimpleObjectProperty<>(ColourBy.CATEGORY);
    private final BooleanProperty links = new SimpleBooleanProperty(false);
    private final BooleanProperty labels = new SimpleBooleanProperty(true);

    /** The layout parameters as set now (Barnes-Hut theta 0.5, 15 UMAP neighbours); bad values are refused. */
    public MapParams params() {
        return new MapParams(method.get(), perplexity.get(), iterations.get(), learningRate.get(), seed.get(), 0.5, 15);
    }

    public ObjectProperty<MapMethod> methodProperty() {
        return method;
    }

    public DoubleProperty perplexityProperty() {
        return perplexity;
    }

    public IntegerProperty iterationsProperty() {
        return iterations;
    }

    public DoubleProperty learningRateProperty() {
        return learningRate;
    }

    public IntegerProperty seedProperty() {
        return seed;
    }

    public ObjectProperty<Modality> modalityProperty() {
        return modality;
    }

    public ObjectProperty<Subset> subsetProperty() {
        return subset;
    }

    public ObjectProperty<ColourBy> colourByProperty() {
        return colourBy;
    }

    /** Whether lines join each caption point to its image point. */
    public BooleanProperty linksProperty() {
        return links;
    }

    /** Whether the regions' labels are drawn on the map (and in its SVG). */
    public BooleanProperty labelsProperty() {
        return labels;
    }
}
