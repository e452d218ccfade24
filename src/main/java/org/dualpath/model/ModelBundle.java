package org.dualpath.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.dualpath.common.AtomicFiles;
import org.dualpath.common.InputException;
import org.dualpath.data.SplitRecord;
import org.dualpath.data.image.ImagePreprocessor;
import org.dualpath.text.Vocabulary;
import org.nd4j.linalg.api.buffer.DataType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A model file: one zip holding everything needed to embed images and captions (and, for a training
 * checkpoint, to continue training). Entries:
 * <pre>
 *   manifest.json        format name, format version, kind, preset, creation time
 *   network.json         {@link NetworkConfig}
 *   image.json           backbone and image preprocessing
 *   vocabulary.json      {@link Vocabulary}, which also fixes the tokeniser and the 32 word slots
 *   split.json           the split the model was trained on (optional)
 *   metrics.json         validation metrics (optional)
 *   training.json        training configuration and progress (optional, opaque here)
 *   graph.zip            TRAINING: the training graph with its updater state (DL4J format)
 *   image_encoder.zip    INFERENCE: image input to image embedding
 *   text_encoder.zip     INFERENCE: word indices to text embedding
 *   backbone.zip         the pretrained backbone, when the image path starts from its features
 *   features.json        {@link FeatureStandardization} of the backbone features (optional; older files have none)
 *   provenance.json      {@link ModelProvenance}: data, settings, software, machine, times (optional; older files
 *                        have none, and the format version did not change for it)
 * </pre>
 * An inference bundle leaves out the updater state and the instance classifier, so it stays small.
 */
public final class ModelBundle {
    static {
        OneDnnHelpers.enable();
    }

    public static final String FORMAT = "dualpath-model";
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Provenance only informs, so fields added by a newer program are skipped rather than refused. */
    private static final ObjectReader PROVENANCE_READER = JSON.readerFor(ModelProvenance.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final String MANIFEST = "manifest.json";
    private static final String NETWORK = "network.json";
    private static final String IMAGE = "image.json";
    private static final String VOCABULARY = "vocabulary.json";
    private static final String SPLIT = "split.json";
    private static final String METRICS = "metrics.json";
    private static final String TRAINING = "training.json";
    private static final String GRAPH = "graph.zip";
    private static final String IMAGE_ENCODER = "image_encoder.zip";
    private static final String TEXT_ENCODER = "text_encoder.zip";
    private static final String BACKBONE = "backbone.zip";
    private static final String FEATURES = "features.json";
    private static final String PROVENANCE = "provenance.json";

    /** Whether the bundle can continue training or only embed. */
    public enum Kind { TRAINING, INFERENCE }

    /** What the file is. */
    public record Manifest(String format, int version, Kind kind, String preset, String created) {
    }

    /** The image side: which backbone and how pixels are prepared for it. */
    public record ImageSettings(Backbone backbone, ImagePreprocessor.Config preprocessing) {
    }

    private final Manifest manifest;
    private final NetworkConfig network;
    private final ImageSettings image;
    private final Vocabulary vocabulary;
    private final SplitRecord split;
    private final JsonNode metrics;
    private final JsonNode training;
    private final ComputationGraph trainingGraph;
    private final ComputationGraph imageEncoder;
    private final ComputationGraph textEncoder;
    private final ComputationGraph backbone;
    private final FeatureStandardization standardization;
    private final ModelProvenance provenance;

    private ModelBundle(Manifest manifest, NetworkConfig network, ImageSettings image, Vocabulary vocabulary,
                        SplitRecord split, JsonNode metrics, JsonNode training, ComputationGraph trainingGraph,
                        ComputationGraph imageEncoder, ComputationGraph textEncoder, ComputationGraph backbone,
                        FeatureStandardization standardization, ModelProvenance provenance) {
        this.manifest = manifest;
        this.network = network;
        this.image = image;
        this.vocabulary = vocabulary;
        this.split = split;
        this.metrics = metrics;
        this.training = training;
        this.trainingGraph = trainingGraph;
        this.imageEncoder = imageEncoder;
        this.textEncoder = textEncoder;
        this.backbone = backbone;
        this.standardization = standardization;
        this.provenance = provenance;
    }

    /**
     * A training bundle (checkpoint) around a training graph; {@code standardization} (of the backbone features,
     * may be null) is applied to the features before the image path.
     */
    public static ModelBundle training(String preset, NetworkConfig network, ImageSettings image, Vocabulary vocabulary,
                                       SplitRecord split, JsonNode metrics, JsonNode training,
                                       ComputationGraph trainingGraph, ComputationGraph backbone,
                                       FeatureStandardization standardization) {
        return new ModelBundle(new Manifest(FORMAT, VERSION, Kind.TRAINING, preset, Instant.now().toString()),
                network, image, vocabulary, split, metrics, training, trainingGraph, null, null, backbone,
                standardization, null);
    }

    /** The inference bundle of this bundle: encoders only, no updater state, no instance classifier. */
    public ModelBundle toInference() {
        if (manifest.kind() == Kind.INFERENCE) {
            return this;
        }
        return new ModelBundle(new Manifest(FORMAT, VERSION, Kind.INFERENCE, manifest.preset(), Instant.now().toString()),
                network, image, vocabulary, split, metrics, training, null,
                encoder(true), encoder(false), backbone, standardization, provenance);
    }

    /** The image encoder (built from the training graph's weights for a training bundle). */
    public ComputationGraph imageEncoder() {
        return imageEncoder != null ? imageEncoder : encoder(true);
    }

    /** The text encoder (built from the training graph's weights for a training bundle). */
    public ComputationGraph textEncoder() {
        return textEncoder != null ? textEncoder : encoder(false);
    }

    private ComputationGraph encoder(boolean imageSide) {
        DataType type = trainingGraph.params().dataType();
        ComputationGraph enc = imageSide ? DualPathGraphs.imageEncoder(network, type) : DualPathGraphs.textEncoder(network, type);
        DualPathGraphs.copyParameters(trainingGraph, enc);
        return enc;
    }

    public Manifest manifest() { return manifest; }
    public NetworkConfig network() { return network; }
    public ImageSettings image() { return image; }
    public Vocabulary vocabulary() { return vocabulary; }
    public SplitRecord split() { return split; }
    public JsonNode metrics() { return metrics; }
    public JsonNode training() { return training; }
    /** The training graph; null in an inference bundle. */
    public ComputationGraph trainingGraph() { return trainingGraph; }
    /** The pretrained backbone; null when the image CNN is part of the network. */
    public ComputationGraph backbone() { return backbone; }
    /** The standardisation of the backbone features; null when the features enter the network as they are. */
    public FeatureStandardization standardization() { return standardization; }
    /** How the model was trained; null for a model trained before provenance was recorded. */
    public ModelProvenance provenance() { return provenance; }

    /** Two or three short lines on how the model was trained (the explorer's model panel), or one saying it is not known. */
    public List<String> provenanceSummary() {
        return provenance == null ? List.of("provenance " + ModelProvenance.NOT_RECORDED) : provenance.summaryLines();
    }

    /** A copy with other metrics. */
    public ModelBundle withMetrics(JsonNode newMetrics) {
        return new ModelBundle(manifest, network, image, vocabulary, split, newMetrics, training, trainingGraph,
                imageEncoder, textEncoder, backbone, standardization, provenance);
    }

    /** A copy recording how it was trained. */
    public ModelBundle withProvenance(ModelProvenance newProvenance) {
        return new ModelBundle(manifest, network, image, vocabulary, split, metrics, training, trainingGraph,
                imageEncoder, textEncoder, backbone, standardization, newProvenance);
    }

    /** Writes the bundle atomically (temporary file, then rename). */
    public void write(Path file) {
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            putJson(zip, MANIFEST, manifest);
            putJson(zip, NETWORK, network);
            putJson(zip, IMAGE, image);
            zip.putNextEntry(new ZipEntry(VOCABULARY));
            vocabulary.write(zip);
            zip.closeEntry();
            if (split != null) {
                putJson(zip, SPLIT, split);
            }
            if (metrics != null) {
                putJson(zip, METRICS, metrics);
            }
            if (training != null) {
                putJson(zip, TRAINING, training);
            }
            if (manifest.kind() == Kind.TRAINING) {
                putGraph(zip, GRAPH, trainingGraph, true);
            } else {
                putGraph(zip, IMAGE_ENCODER, imageEncoder, false);
                putGraph(zip, TEXT_ENCODER, textEncoder, false);
            }
            if (backbone != null) {
                putGraph(zip, BACKBONE, backbone, false);
            }
            if (standardization != null) {
                putJson(zip, FEATURES, standardization);
            }
            if (provenance != null) {
                putJson(zip, PROVENANCE, provenance);
            }
            zip.finish();
        });
    }

    /**
     * Reads a bundle; a missing, truncated, foreign or newer-format file gives an {@link InputException} that
     * names the file and what to do.
     */
    public static ModelBundle read(Path file) {
        Map<String, byte[]> entries = new HashMap<>();
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such model file; give the path of a model .zip written by 'dualpath train'");
        } catch (ZipException | java.io.EOFException e) {
            throw new InputException(file + ": damaged or truncated model file (" + e.getMessage()
                    + "); copy it again or retrain");
        } catch (IOException e) {
            throw new InputException(file + ": cannot read model file (" + e.getMessage() + ")");
        }
        if (entries.isEmpty()) {
            throw new InputException(file + ": not a model file (not a zip, or an empty one); give a model .zip written by 'dualpath train'");
        }
        if (!entries.containsKey(MANIFEST)) {
            throw new InputException(file + ": a zip file but not a DualPath model (no " + MANIFEST
                    + "); give a model .zip written by 'dualpath train'");
        }
        Manifest manifest = readJson(file, entries, MANIFEST, Manifest.class);
        if (!FORMAT.equals(manifest.format())) {
            throw new InputException(file + ": not a DualPath model (format '" + manifest.format() + "')");
        }
        if (manifest.version() != VERSION) {
            throw new InputException(file + ": model format version " + manifest.version() + ", this program reads version "
                    + VERSION + (manifest.version() > VERSION ? "; update DualPath Explorer" : "; retrain the model"));
        }
        try {
            NetworkConfig network = readJson(file, entries, NETWORK, NetworkConfig.class);
            ImageSettings image = readJson(file, entries, IMAGE, ImageSettings.class);
            Vocabulary vocabulary = Vocabulary.read(new ByteArrayInputStream(require(file, entries, VOCABULARY)),
                    file + "!" + VOCABULARY);
            SplitRecord split = entries.containsKey(SPLIT) ? readJson(file, entries, SPLIT, SplitRecord.class) : null;
            JsonNode metrics = entries.containsKey(METRICS) ? readJson(file, entries, METRICS, JsonNode.class) : null;
            JsonNode training = entries.containsKey(TRAINING) ? readJson(file, entries, TRAINING, JsonNode.class) : null;
            ComputationGraph backbone = entries.containsKey(BACKBONE) ? graph(file, entries, BACKBONE, false) : null;
            FeatureStandardization standardization = entries.containsKey(FEATURES)
                    ? readJson(file, entries, FEATURES, FeatureStandardization.class) : null;
            ModelProvenance provenance = entries.containsKey(PROVENANCE)
                    ? readJson(file, entries, PROVENANCE, PROVENANCE_READER) : null;
            if (manifest.kind() == Kind.TRAINING) {
                return new ModelBundle(manifest, network, image, vocabulary, split, metrics, training,
                        graph(file, entries, GRAPH, true), null, null, backbone, standardization, provenance);
            }
            return new ModelBundle(manifest, network, image, vocabulary, split, metrics, training, null,
                    graph(file, entries, IMAGE_ENCODER, false), graph(file, entries, TEXT_ENCODER, false), backbone,
                    standardization, provenance);
        } catch (InputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InputException(file + ": damaged model file (" + e.getMessage() + "); copy it again or retrain", e);
        }
    }

    private static void putJson(ZipOutputStream zip, String name, Object value) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(JSON.writeValueAsBytes(value));
        zip.closeEntry();
    }

    private static void putGraph(ZipOutputStream zip, String name, ComputationGraph graph, boolean withUpdater)
            throws IOException {
        // ModelSerializer closes the stream it writes to, so it writes to memory first
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(graph, bytes, withUpdater);
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes.toByteArray());
        zip.closeEntry();
    }

    private static byte[] require(Path file, Map<String, byte[]> entries, String name) {
        byte[] b = entries.get(name);
        if (b == null) {
            throw new InputException(file + ": incomplete model file (no " + name + "); copy it again or retrain");
        }
        return b;
    }

    private static <T> T readJson(Path file, Map<String, byte[]> entries, String name, Class<T> type) {
        return readJson(file, entries, name, JSON.readerFor(type));
    }

    private static <T> T readJson(Path file, Map<String, byte[]> entries, String name, ObjectReader reader) {
        byte[] bytes = require(file, entries, name);
        try {
            return reader.readValue(bytes);
        } catch (IOException e) {
            throw new InputException(file + ": damaged model file (" + name + ": "
                    + e.getMessage().lines().findFirst().orElse("") + "); copy it again or retrain", e);
        }
    }

    private static ComputationGraph graph(Path file, Map<String, byte[]> entries, String name, boolean withUpdater) {
        byte[] bytes = require(file, entries, name);
        try {
            return ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes), withUpdater);
        } catch (IOException | RuntimeException e) {
            throw new InputException(file + ": damaged model file (" + name + ": " + e.getMessage()
                    + "); copy it again or retrain", e);
        }
    }
}
