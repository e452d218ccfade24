package org.dualpath.cli;

import org.dualpath.store.TinyDataset;
import org.dualpath.model.TinyModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MapCommandTest {
    @TempDir
    static Path dir;

    static Path model;
    static Path index;

    private StringWriter out;
    private StringWriter err;

    @BeforeAll
    static void embed() {
        model = dir.resolve("model.zip");
        TinyModels.bundle(3).write(model);
        TinyDataset data = TinyDataset.write(dir, 8);
        index = dir.resolve("index");
        assertThat(CliRunner.run(new StringWriter(), new StringWriter(), "embed", "--model", model.toString(),
                "--captions", data.captions().toString(), "--images", data.images().toString(),
                "--instances", data.instances().toString(), "--out", index.toString())).isZero();
    }

    private int map(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        String[] all = new String[args.length + 5];
        all[0] = "map";
        all[1] = "--model";
        all[2] = model.toString();
        all[3] = "--index";
        all[4] = index.toString();
        System.arraycopy(args, 0, all, 5, args.length);
        return CliRunner.run(out, err, all);
    }

    @Test
    void writesCoordinatesOfEveryPointAndReusesTheCacheUntilTheSeedChanges() throws Exception {
        Path csv = dir.resolve("coords.csv");
        assertThat(map("--method", "bh-tsne", "--subset", "all", "--perplexity", "5", "--iterations", "300",
                "--out", csv.toString())).as(err.toString()).isZero();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(2 + 8 + 16);
        assertThat(lines.get(0)).startsWith("# 24 points (8 images + 16 captions) of the whole dataset: Barnes-Hut t-SNE");
        assertThat(lines.get(1)).isEqualTo("kind,id,image_id,x,y,group,cluster,label,fine_cluster,fine_label");
        assertThat(lines.get(2)).matches("image,1,1,-?[0-9.E-]+,-?[0-9.E-]+,circle,-?[0-9]+,[a-z ]*,-?[0-9]+,[a-z ]*");
        assertThat(lines.get(10)).matches("caption,10,1,.*,circle,-?[0-9]+,[a-z ]*,-?[0-9]+,[a-z ]*");
        assertThat(out.toString()).contains("computed in", "modality gap: |mean image − mean caption| = ")
                .containsPattern("regions: [0-9]+ coarse \\(DBSCAN radius [0-9.eE+-]+\\), [0-9]+ fine \\(radius [0-9.eE+-]+\\)");

        assertThat(map("--method", "bh-tsne", "--subset", "all", "--perplexity", "5", "--iterations", "300",
                "--out", csv.toString())).isZero();
        assertThat(out.toString()).contains("reused the cached layout");
        assertThat(Files.readAllLines(csv)).isEqualTo(lines);

        assertThat(map("--method", "bh-tsne", "--subset", "all", "--perplexity", "5", "--iterations", "300",
                "--seed", "7", "--out", csv.toString())).isZero();
        assertThat(out.toString()).contains("computed in");
        assertThat(Files.readAllLines(csv)).isNotEqualTo(lines);
    }

    @Test
    void placesATextQueryAndWritesAnSvg() throws Exception {
        Path svg = dir.resolve("map.svg");
        assertThat(map("--method", "pca", "--subset", "all", "--modality", "images", "--query", "a red circle",
                "--out", dir.resolve("pca.csv").toString(), "--svg", svg.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).containsPattern("query \"a red circle\" placed at \\(-?[0-9.]+, -?[0-9.]+\\) among its 8 nearest points");
        assertThat(Files.readString(svg)).contains("<svg", "a red circle", "circle (4)", "square (4)");
    }

    @Test
    void badChoicesGiveOneLineAndExitCode2() {
        assertThat(map("--method", "mds", "--out", dir.resolve("x.csv").toString())).isEqualTo(DualPathCli.EXIT_INPUT);
        assertThat(err.toString()).startsWith("error: unknown map method 'mds'; use one of tsne, bh-tsne, umap, pca").hasLineCount(1);
        assertThat(map("--method", "pca", "--subset", "holdout", "--out", dir.resolve("x.csv").toString()))
                .isEqualTo(DualPathCli.EXIT_INPUT);
        assertThat(err.toString()).contains("unknown subset 'holdout'").hasLineCount(1);
        assertThat(map("--method", "tsne", "--perplexity", "500", "--out", dir.resolve("x.csv").toString()))
                .isEqualTo(DualPathCli.EXIT_INPUT);
        assertThat(err.toString()).contains("perplexity must be between 2 and 100").hasLineCount(1);
    }
}
