package org.dualpath.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dualpath.model.Backbone;
import org.dualpath.model.ModelBundle;
import org.dualpath.model.ModelProvenance;
import org.dualpath.model.ModelProvenance.SplitProvenance;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code dualpath model info}: what a model file holds and how it was trained, as aligned lines or as JSON. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Show what a model file holds (format, kind, preset, network, recorded metrics) and how it "
                + "was trained: data files with their SHA-256, split, images left out as unreadable, preset and "
                + "overrides, software, machine, times."})
final class ModelInfoCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String SUB = "  ";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Model file (.zip) written by 'dualpath train'.")
    Path file;

    @Option(names = "--json", description = "Print it as one JSON object instead.")
    boolean json;

    /** One line of the text report: a label (indented under its section) and its value. */
    private record Row(String label, String value) {
    }

    @Override
    public Integer call() {
        ModelBundle bundle = ModelBundle.read(file);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? json(bundle) : text(rows(bundle)));
        out.flush();
        return 0;
    }

    private List<Row> rows(ModelBundle bundle) {
        List<Row> rows = new ArrayList<>();
        ModelBundle.Manifest m = bundle.manifest();
        rows.add(new Row("file", file.toAbsolutePath().normalize().toString()));
        rows.add(new Row("format", m.format() + ", version " + m.version()));
        rows.add(new Row("kind", m.kind() == ModelBundle.Kind.INFERENCE ? "inference (embeds images and captions)"
                : "training checkpoint (can continue training)"));
        rows.add(new Row("preset", m.preset()));
        rows.add(new Row("created", m.created()));

        rows.add(new Row("embedding dim", String.valueOf(bundle.network().embeddingDim())));
        rows.add(new Row("vocabulary", String.format(Locale.ROOT, "%,d words", vocabularyWords(bundle))));
        rows.add(new Row("backbone", backbone(bundle)));

        JsonNode metrics = bundle.metrics();
        if (metrics == null) {
            rows.add(new Row("metrics", "none recorded"));
        } else {
            rows.add(new Row("metrics", metrics.path("split").asText("?") + " split, epoch " + metrics.path("epoch").asText("?")));
            metrics.path("recall").fields().forEachRemaining(e -> rows.add(new Row(SUB + e.getKey(), e.getValue().asText())));
        }

        ModelProvenance p = bundle.provenance();
        if (p == null) {
            rows.add(new Row("provenance", ModelProvenance.NOT_RECORDED));
        } else {
            rows.add(new Row("provenance", ""));
            provenanceRows(p, rows);
        }
        return rows;
    }

    private static void provenanceRows(ModelProvenance p, List<Row> rows) {
        ModelProvenance.TrainingData d = p.data();
        rows.add(new Row(SUB + "dataset", String.format(Locale.ROOT, "%s (%,d images, %,d captions)", d.dataset(),
                d.images(), d.captions())));
        rows.add(new Row(SUB + "captions file", d.captionsFile()));
        rows.add(new Row(SUB + "captions sha256", d.captionsSha256()));
        rows.add(new Row(SUB + "images folder", d.imagesDir()));
        if (d.instancesFile() != null) {
            rows.add(new Row(SUB + "instances file", d.instancesFile()));
        }
        SplitProvenance s = d.split();
        String counts = String.format(Locale.ROOT, "train %,d, val %,d, test %,d", s.train(), s.val(), s.test());
        if (SplitProvenance.FILE.equals(s.kind())) {
            rows.add(new Row(SUB + "split", "from a file: " + counts));
            rows.add(new Row(SUB + "split file", s.file()));
            rows.add(new Row(SUB + "split sha256", s.fileSha256()));
        } else {
            rows.add(new Row(SUB + "split", "drawn with seed " + s.seed() + ": " + counts + " (" + s.source() + ")"));
        }
        rows.add(new Row(SUB + "left out", d.unreadableImages() == 0 ? "none"
                : String.format(Locale.ROOT, "%,d unreadable images, not trained or validated on:", d.unreadableImages())));
        d.unreadableFiles().forEach(f -> rows.add(new Row("", f.file() + " (" + f.reason() + ")")));

        ModelProvenance.Settings settings = p.settings();
        rows.add(new Row(SUB + "preset", settings.preset()));
        if (settings.overrides().isEmpty()) {
            rows.add(new Row(SUB + "overrides", "none"));
        }
        for (int i = 0; i < settings.overrides().size(); i++) {
            ModelProvenance.SettingChange c = settings.overrides().get(i);
            rows.add(new Row(i == 0 ? SUB + "overrides" : "", c.setting() + " "
                    + (c.preset() == null ? "(not in a built-in preset)" : c.preset().toString()) + " -> " + c.used()));
        }
        rows.add(new Row(SUB + "seed", String.valueOf(settings.seed())));
        rows.add(new Row(SUB + "threads", String.valueOf(settings.threads())));
        rows.add(new Row(SUB + "word vectors", settings.wordVectors() == null
                ? "word2vec trained on the training captions" : settings.wordVectors()));
        if (settings.backboneWeights() != null) {
            rows.add(new Row(SUB + "backbone weights", settings.backboneWeights()));
        }

        ModelProvenance.Software sw = p.software();
        rows.add(new Row(SUB + "program", "DualPath " + sw.program()));
        rows.add(new Row(SUB + "libraries", "DL4J " + sw.dl4j() + ", ND4J " + sw.nd4j() + ", JavaCPP " + sw.javacpp()));
        rows.add(new Row(SUB + "java", sw.java() + " (" + sw.javaVendor() + ")"));
        ModelProvenance.Machine machine = p.machine();
        rows.add(new Row(SUB + "machine", machine.os() + " " + machine.osVersion() + " (" + machine.arch() + "), "
                + machine.cpus() + " CPUs"));

        ModelProvenance.Timing t = p.timing();
        rows.add(new Row(SUB + "started", t.started()));
        rows.add(new Row(SUB + "finished", t.finished()));
        rows.add(new Row(SUB + "training time", ModelProvenance.duration(t.wallSeconds())
                + (t.runs() == 1 ? " in 1 run" : " in " + t.runs() + " runs (resumed)")));
    }

    /** Labels padded to one column; a row without a value is a section heading. */
    private static String text(List<Row> rows) {
        int width = rows.stream().mapToInt(r -> r.label().length()).max().orElse(0);
        StringBuilder sb = new StringBuilder();
        for (Row r : rows) {
            String line = r.value().isEmpty() ? r.label() : String.format(Locale.ROOT, "%-" + width + "s  %s", r.label(), r.value());
            sb.append(line).append(System.lineSeparator());
        }
        return sb.toString();
    }

    private String json(ModelBundle bundle) {
        ObjectNode root = JSON.createObjectNode();
        root.put("file", file.toAbsolutePath().normalize().toString());
        root.set("manifest", JSON.valueToTree(bundle.manifest()));
        ObjectNode network = root.putObject("network");
        network.put("embeddingDim", bundle.network().embeddingDim());
        network.put("vocabularyWords", vocabularyWords(bundle));
        Backbone b = bundle.image().backbone();
        network.put("backbone", b.id());
        network.put("pretrainedBackbone", b.pretrained());
        network.put("imageSize", bundle.image().preprocessing().size());
        root.set("metrics", bundle.metrics());
        root.set("provenance", JSON.valueToTree(bundle.provenance()));
        try {
            return JSON.writeValueAsString(root) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Words the model knows: the vocabulary without its padding entry. */
    private static int vocabularyWords(ModelBundle bundle) {
        return bundle.vocabulary().size() - 1;
    }

    private static String backbone(ModelBundle bundle) {
        Backbone b = bundle.image().backbone();
        int size = bundle.image().preprocessing().size();
        return b.id() + (b.pretrained() ? ", pretrained (" + bundle.network().featureDim() + "-d features)" : ", trained in the network")
                + ", " + size + " x " + size + " px images";
    }
}
