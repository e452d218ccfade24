package org.dualpath.cli;

import org.dualpath.common.Progress;
import org.dualpath.data.Dataset;
import org.dualpath.store.EmbeddingStore;
import org.dualpath.model.DualPathModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code dualpath embed}: embeds every image and caption of a dataset into an embedding store folder. */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = {"Embed all images and captions of a dataset with a model into an index folder "
                + "(images.npy, captions.npy, manifest.json). An up-to-date index is reused; after data changes "
                + "only new or changed images and captions are embedded. Images that cannot be read are skipped "
                + "(their captions are kept), named on stderr and recorded in the index; a changed file is "
                + "tried again. With --strict the command fails on them, after writing the index of the rest."})
final class EmbedCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DatasetOptions data;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model file (.zip).")
    Path modelFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Index folder to create or update.")
    Path out;

    @CommandLine.Mixin
    AveragingOptions averaging;

    @Mixin
    UnreadableImagesOption unreadable;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        DualPathModel model = DualPathModel.load(modelFile);
        Dataset dataset = data.load(Progress.NONE);
        EmbeddingStore store = EmbeddingStore.openOrBuild(model, modelFile, dataset, data.source(), out,
                averaging.options(), new ConsoleProgress(spec.commandLine().getErr()));
        unreadable.handle(store.report(), spec.commandLine().getErr());
        stdout.println(store.report().message());
        stdout.printf("index %s: %d images, %d captions, %d-d%n", out, store.images().size(), store.captions().size(),
                store.images().dimension());
        stdout.flush();
        return 0;
    }
}
