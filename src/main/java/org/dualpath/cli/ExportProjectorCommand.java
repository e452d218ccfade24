package org.dualpath.cli;

import org.dualpath.common.Progress;
import org.dualpath.store.EmbeddingStore;
import org.dualpath.projection.ProjectorExport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code dualpath export projector}: TensorBoard Embedding Projector files from an index folder. */
@Command(name = "projector", mixinStandardHelpOptions = true,
        description = {"Write TensorBoard Embedding Projector files (vectors and metadata TSV, a sprite of "
                + "image thumbnails, projector_config.pbtxt) for the vectors of an index folder."})
final class ExportProjectorCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--index", required = true, paramLabel = "DIR", description = "Index folder written by 'dualpath embed'.")
    Path index;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the files into.")
    Path out;

    @Override
    public Integer call() {
        EmbeddingStore store = EmbeddingStore.open(index);
        ProjectorExport.Summary s = ProjectorExport.write(store, QueryCommand.dataset(store, index, Progress.NONE), out,
                new ConsoleProgress(spec.commandLine().getErr()));
        spec.commandLine().getOut().printf("wrote %s: %d images, %d captions, sprite %dx%d px of %d px thumbnails%n",
                out, s.images(), s.captions(), s.spriteSide(), s.spriteSide(), s.cell());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
