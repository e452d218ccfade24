package org.dualpath.cli;

import org.dualpath.common.InputException;
import org.dualpath.common.Progress;
import org.dualpath.data.CaptionsConverter;
import org.dualpath.data.CocoCaptionsFile;
import org.dualpath.data.CocoImage;
import org.dualpath.data.CocoJson;
import org.dualpath.data.FlickrCaptions;
import org.dualpath.data.KarpathyImage;
import org.dualpath.data.KarpathyJson;
import org.dualpath.data.Split;
import org.dualpath.data.SplitAssignment;
import org.dualpath.data.SplitFile;
import org.dualpath.data.SplitSpec;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code dualpath data convert}: writes a COCO captions file from Flickr token/CSV caption lists or a
 * Karpathy file, and optionally its split file (Karpathy's split, else a seeded one).
 */
@Command(name = "convert",
        mixinStandardHelpOptions = true,
        description = {"Convert captions to a COCO captions JSON file (and optionally a split file).",
                "Without --images, width and height are written as 0."})
final class DataConvertCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static final class Input {
        @Option(names = "--flickr-tokens", paramLabel = "FILE", description = "Flickr token file (name.jpg#n<TAB>caption).")
        Path flickrTokens;

        @Option(names = "--csv", paramLabel = "FILE", description = "CSV file with the header line image,caption.")
        Path csv;

        @Option(names = "--karpathy", paramLabel = "FILE", description = "Karpathy dataset_*.json (keeps its split).")
        Path karpathy;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    @Option(names = "--images", paramLabel = "DIR", description = "Images folder: width and height are read from the image headers.")
    Path images;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "COCO captions JSON file to write.")
    Path out;

    @Option(names = "--split-out", paramLabel = "FILE", description = "Split file to write (Karpathy's split, else seeded).")
    Path splitOut;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + SplitSpec.DEFAULT_SEED,
            description = "Seed of the split drawn for Flickr/CSV input (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        if (out.equals(splitOut)) {
            throw new InputException("--out and --split-out are the same file " + out + "; give two different files");
        }
        CocoCaptionsFile coco;
        SplitAssignment split;
        if (input.karpathy != null) {
            List<KarpathyImage> karpathy = KarpathyJson.read(input.karpathy);
            coco = CaptionsConverter.fromKarpathy(karpathy, images, input.karpathy.getFileName().toString(), Progress.NONE);
            Map<Long, Split> splits = new HashMap<>();
            karpathy.forEach(k -> splits.put(k.id(), k.split()));
            split = SplitAssignment.of("karpathy:" + input.karpathy.getFileName(), null, splits);
        } else {
            Path source = input.flickrTokens != null ? input.flickrTokens : input.csv;
            Map<String, List<String>> captions = input.flickrTokens != null
                    ? FlickrCaptions.readTokens(source)
                    : FlickrCaptions.readCsv(source);
            coco = CaptionsConverter.fromFlickr(captions, images, source.getFileName().toString(), Progress.NONE);
            split = splitOut == null ? null
                    : SplitSpec.DEFAULT.assign(coco.images().stream().map(CocoImage::id).toList(), seed);
        }
        CocoJson.write(out, coco);
        PrintWriter w = spec.commandLine().getOut();
        w.println("wrote " + out + ": " + coco.images().size() + " images, " + coco.annotations().size() + " captions");
        if (splitOut != null) {
            SplitFile.write(splitOut, split);
            w.println("wrote " + splitOut + ": " + split.record());
        }
        w.flush();
        return 0;
    }
}
