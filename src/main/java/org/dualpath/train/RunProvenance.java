package org.dualpath.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dualpath.common.Hashes;
import org.dualpath.common.InputException;
import org.dualpath.data.Dataset;
import org.dualpath.data.DatasetSource;
import org.dualpath.data.Split;
import org.dualpath.data.SplitRecord;
import org.dualpath.data.UnreadableImage;
import org.dualpath.model.ModelProvenance;
import org.dualpath.model.ModelProvenance.SettingChange;
import org.dualpath.model.ModelProvenance.SplitProvenance;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a training run records in every model file it writes ({@link ModelProvenance}): the data, its files hashed
 * once when the run starts; the preset and each setting that differs from the built-in preset of that name; the
 * software and machine; and the times, continued from the checkpoint's when the run resumes one.
 */
final class RunProvenance {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Preset fields that name it rather than set anything. */
    private static final Set<String> NOT_SETTINGS = Set.of("name", "description");

    private final ModelProvenance.TrainingData data;
    private final ModelProvenance.Settings settings;
    private final ModelProvenance.Software software = ModelProvenance.Software.current();
    private final ModelProvenance.Machine machine = ModelProvenance.Machine.current();
    private final Instant runStart;
    private final String firstStart;
    private final double earlierSeconds;
    private final int runs;

    /**
     * @param runStart   when this run began
     * @param resumed    the provenance of the checkpoint this run resumes (null: a new run, or an older checkpoint)
     * @param unreadable the images this run left out because they could not be decoded
     */
    RunProvenance(Trainer.Request request, Instant runStart, ModelProvenance resumed, List<UnreadableImage> unreadable) {
        this.data = data(request.dataset(), request.source(), unreadable);
        this.settings = new ModelProvenance.Settings(request.preset().name(), overrides(request.preset()),
                request.preset().training().seed(), Nd4j.getEnvironment().maxThreads(),
                pathOrNull(request.wordVectors()), pathOrNull(request.backboneWeights()));
        this.runStart = runStart;
        this.firstStart = resumed == null ? runStart.toString() : resumed.timing().started();
        this.earlierSeconds = resumed == null ? 0 : resumed.timing().wallSeconds();
        this.runs = resumed == null ? 1 : resumed.timing().runs() + 1;
    }

    /** The provenance of a model file written now. */
    ModelProvenance now() {
        Instant now = Instant.now();
        double seconds = earlierSeconds + Duration.between(runStart, now).toNanos() / 1e9;
        return new ModelProvenance(data, settings, software, machine,
                new ModelProvenance.Timing(firstStart, now.toString(), seconds, runs));
    }

    private static ModelProvenance.TrainingData data(Dataset dataset, DatasetSource source,
                                                     List<UnreadableImage> unreadable) {
        SplitRecord record = dataset.splitRecord();
        boolean fromFile = source.split() != null;
        SplitProvenance split = new SplitProvenance(fromFile ? SplitProvenance.FILE : SplitProvenance.SEEDED,
                fromFile ? source.split().toString() : null, fromFile ? sha256(source.split()) : null,
                fromFile ? null : source.splitSeed(), record.source(), record.count(Split.TRAIN),
                record.count(Split.VAL), record.count(Split.TEST));
        return new ModelProvenance.TrainingData(dataset.name(), source.captions().toString(), sha256(source.captions()),
                source.images().toString(), pathOrNull(source.instances()), dataset.images().size(),
                dataset.captionCount(), split, unreadable.size(), unreadable.stream()
                .map(u -> new ModelProvenance.UnreadableFile(u.image().fileName(), u.reason())).toList());
    }

    /**
     * Every setting of {@code used} whose value differs from the built-in preset of its name, by dotted path; all
     * of them when no built-in preset has that name.
     */
    private static List<SettingChange> overrides(Preset used) {
        JsonNode builtIn = Preset.all().stream().filter(p -> p.name().equals(used.name())).findFirst()
                .<JsonNode>map(JSON::valueToTree).orElse(null);
        List<SettingChange> changes = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = JSON.<JsonNode>valueToTree(used).fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (!NOT_SETTINGS.contains(f.getKey())) {
                compare(f.getKey(), builtIn == null ? null : builtIn.get(f.getKey()), f.getValue(), changes);
            }
        }
        return changes;
    }

    private static void compare(String path, JsonNode preset, JsonNode used, List<SettingChange> changes) {
        if (used.isObject()) {
            used.fields().forEachRemaining(f -> compare(path + "." + f.getKey(),
                    preset == null ? null : preset.get(f.getKey()), f.getValue(), changes));
        } else if (!used.equals(preset)) {
            changes.add(new SettingChange(path, preset, used));
        }
    }

    private static String sha256(Path file) {
        try {
            return Hashes.sha256Hex(file);
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": file not found while recording the training data; check that it was not moved");
        } catch (IOException e) {
            throw new InputException(file + ": cannot read the file to record the training data (" + e.getMessage() + ")", e);
        }
    }

    private static String pathOrNull(Path file) {
        return file == null ? null : file.toAbsolutePath().normalize().toString();
    }
}
