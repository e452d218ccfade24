package org.dualpath.cli;

import org.dualpath.common.Progress;
import org.dualpath.projection.ParquetExport;
import org.dualpath.store.EmbeddingStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code dualpath export parquet}: an index folder as one Parquet file, a row per image and caption. */
@Command(name = "parquet", mixinStandardHelpOptions = true,
        description = {"Write the vectors of an index folder as one Parquet file for pandas, DuckDB, Embedding Atlas "
                + "or latent-scope: a row per image and per caption with id, kind, image_id, file_name, caption, "
                + "categories, split and vector.",
                "With --map (the CSV of 'dualpath map --out' or the explorer's map export) the rows the map placed "
                        + "get x, y and cluster (the map's colour group)."})
final class ExportParquetCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--index", required = true, paramLabel = "DIR", description = "Index folder written by 'dualpath embed'.")
    Path index;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Parquet file to write.")
    Path out;

    @Option(names = "--map", paramLabel = "FILE", description = "A map's coordinates CSV (kind,id,image_id,x,y[,group]).")
    Path map;

    @Override
    public Integer call() {
        EmbeddingStore store = EmbeddingStore.open(index);
        ParquetExport.Summary s = ParquetExport.write(store, QueryCommand.dataset(store, index, Progress.NONE), map, out,
                new ConsoleProgress(spec.commandLine().getErr()));
        spec.commandLine().getOut().println(s.describe(out));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
