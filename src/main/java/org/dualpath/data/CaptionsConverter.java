package org.dualpath.data;

import org.dualpath.common.InputException;
import org.dualpath.common.Progress;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns caption lists (Flickr token/CSV files, Karpathy files) into COCO captions files. Width and height
 * come from the image headers when an images folder is given, else they are 0.
 */
public final class CaptionsConverter {
    private CaptionsConverter() {
    }

    /**
     * Converts Flickr captions per file name. Image ids are 1..N in file-name order and caption ids 1..M in
     * that order, so the same input always gives the same ids. {@code imagesDir} may be null.
     */
    public static CocoCaptionsFile fromFlickr(Map<String, List<String>> captions, Path imagesDir, String source,
                                              Progress progress) {
        List<Entry> entries = new ArrayList<>(captions.size());
        long id = 1;
        for (Map.Entry<String, List<String>> e : new TreeMap<>(captions).entrySet()) {
            entries.add(new Entry(id++, e.getKey(), e.getValue()));
        }
        return build(entries, imagesDir, source, progress);
    }

    /** Converts a Karpathy file's images, keeping their ids; {@code imagesDir} may be null. */
    public static CocoCaptionsFile fromKarpathy(List<KarpathyImage> images, Path imagesDir, String source,
                                                Progress progress) {
        List<Entry> entries = images.stream().map(k -> new Entry(k.id(), k.fileName(), k.sentences())).toList();
        return build(entries, imagesDir, source, progress);
    }

    private record Entry(long id, String fileName, List<String> captions) {
    }

    private static CocoCaptionsFile build(List<Entry> entries, Path imagesDir, String source, Progress progress) {
        List<CocoImage> images = new ArrayList<>(entries.size());
        List<CocoCaption> captions = new ArrayList<>();
        long captionId = 1;
        for (int i = 0; i < entries.size(); i++) {
            progress.checkCancelled();
            Entry e = entries.get(i);
            ImagePaths.problem(e.fileName()).ifPresent(p -> {
                throw new InputException(source + ": " + p + "; " + ImagePaths.FIX);
            });
            ImageFiles.Size size = imagesDir == null
                    ? new ImageFiles.Size(0, 0)
                    : ImageFiles.size(ImagePaths.resolve(imagesDir, e.fileName()));
            images.add(new CocoImage(e.id(), e.fileName(), size.width(), size.height()));
            for (String caption : e.captions()) {
                captions.add(new CocoCaption(captionId++, e.id(), caption));
            }
            progress.update(i + 1, entries.size(), "converting " + e.fileName());
        }
        return new CocoCaptionsFile(Map.of("description", "converted from " + source), images, captions);
    }
}
