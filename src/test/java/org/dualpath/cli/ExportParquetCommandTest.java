package org.dualpath.cli;

import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.dualpath.common.Progress;
import org.dualpath.data.shapes.ShapesConfig;
import org.dualpath.data.shapes.ShapesGenerator;
import org.dualpath.store.EmbeddingStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dualpath export parquet} on a shapes dataset embedded with the shipped demo model, read back by an
 * independent reader, Apache Parquet's own Java one (the file is written by DuckDB).
 */
class ExportParquetCommandTest {
    private static final Path MODEL = Path.of("assets/models/shapes-demo.zip");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void everyImageAndCaptionIsARowWithItsVectorAndTheMapsCoordinates() throws Exception {
        Path data = dir.resolve("shapes");
        ShapesGenerator.generate(data, new ShapesConfig(16, 8, 42, ShapesConfig.Format.PNG, 1), Progress.NONE);
        Path index = dir.resolve("index");
        assertThat(CliRunner.run(out, err, "embed", "--model", MODEL.toString(), "--captions",
                data.resolve(ShapesGenerator.CAPTIONS_FILE).toString(), "--images", data.resolve("images").toString(),
                "--instances", data.resolve(ShapesGenerator.INSTANCES_FILE).toString(), "--split",
                data.resolve(ShapesGenerator.SPLIT_FILE).toString(), "--out", index.toString())).as(err.toString()).isZero();
        Path coords = dir.resolve("coords.csv");
        assertThat(CliRunner.run(out, err, "map", "--model", MODEL.toString(), "--index", index.toString(), "--method",
                "pca", "--subset", "test", "--out", coords.toString())).as(err.toString()).isZero();
        Path parquet = dir.resolve("out/demo.parquet");
        Files.createDirectories(parquet.getParent());

        assertThat(CliRunner.run(out, err, "export", "parquet", "--index", index.toString(), "--map", coords.toString(),
                "--out", parquet.toString())).as(err.toString()).isZero();

        assertThat(out.toString()).contains("wrote " + parquet + ": 24 images, 120 captions, 256-d vectors, "
                + "48 rows placed by the map");
        assertThat(Files.list(parquet.getParent())).containsExactly(parquet);
        Map<String, Group> rows = new HashMap<>();
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(),
                new org.apache.hadoop.fs.Path(parquet.toUri())).build()) {
            for (Group g = reader.read(); g != null; g = reader.read()) {
                rows.put(g.getString("kind", 0) + " " + g.getLong("id", 0), g);
            }
        }
        EmbeddingStore store = EmbeddingStore.open(index);
        assertThat(rows).hasSize(store.images().size() + store.captions().size());
        long imageId = store.images().id(3);
        Group image = rows.get("image " + imageId);
        assertThat(floats(image)).containsExactly(store.images().row(3));
        org.dualpath.data.Dataset dataset = store.source().load(Progress.NONE);
        assertThat(image.getString("file_name", 0)).isEqualTo(dataset.image(imageId).fileName());
        assertThat(image.getFieldRepetitionCount("caption")).isZero();
        Group caption = rows.get("caption " + store.captions().id(7));
        assertThat(floats(caption)).containsExactly(store.captions().row(7));
        assertThat(caption.getString("caption", 0)).isEqualTo(dataset.captions(store.captionImageId(7)).stream()
                .filter(c -> c.id() == store.captions().id(7)).findFirst().orElseThrow().caption());
        assertThat(caption.getLong("image_id", 0)).isEqualTo(store.captionImageId(7));

        List<String> lines = Files.readAllLines(coords);
        String[] placed = lines.get(2).split(",");
        Group mapped = rows.get(placed[0] + " " + placed[1]);
        assertThat(mapped.getDouble("x", 0)).isEqualTo(Double.parseDouble(placed[3]));
        assertThat(mapped.getDouble("y", 0)).isEqualTo(Double.parseDouble(placed[4]));
        assertThat(mapped.getString("split", 0)).isEqualTo("test");
        List<String> header = List.of(lines.get(1).split(","));
        assertThat(header).contains("cluster", "fine_cluster");
        assertThat(mapped.getInteger("cluster", 0)).isEqualTo(Integer.parseInt(placed[header.indexOf("cluster")]));
        assertThat(mapped.getInteger("fine_cluster", 0))
                .isEqualTo(Integer.parseInt(placed[header.indexOf("fine_cluster")]));
        assertThat(rows.values().stream().filter(g -> g.getFieldRepetitionCount("x") > 0)).hasSize(lines.size() - 2);
        assertThat(image.getGroup("categories", 0).getFieldRepetitionCount("list")).isPositive();

        Path bad = Files.writeString(dir.resolve("bad.csv"), "a,b\n1,2\n");
        err.getBuffer().setLength(0);
        assertThat(CliRunner.run(out, err, "export", "parquet", "--index", index.toString(), "--map", bad.toString(),
                "--out", parquet.toString())).isEqualTo(DualPathCli.EXIT_INPUT);
        assertThat(err.toString().strip()).isEqualTo("error: " + bad + ": not a map's coordinates (the header should be "
                + "kind,id,image_id,x,y[,group]); write one with 'dualpath map --out FILE.csv'");
    }

    private static float[] floats(Group row) {
        Group list = row.getGroup("vector", 0);
        int n = list.getFieldRepetitionCount("list");
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = list.getGroup("list", i).getFloat("element", 0);
        }
        return v;
    }
}
