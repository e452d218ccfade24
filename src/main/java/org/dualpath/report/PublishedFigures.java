package org.dualpath.report;

import java.util.Locale;

/**
 * The paper's published Recall@K (Zheng et al., ResNet-50 version), shown beside ours as external figures when
 * the open dataset is of the same kind, with their protocol and the caveat about the authors' COCO split.
 */
public final class PublishedFigures {
    private PublishedFigures() {
    }

    /** The paper's line for a dataset named like COCO or Flickr30k (by its name or its files' names), else empty. */
    public static String forDataset(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        // COCO's own files are named captions_train2014.json, captions_val2017.json, ...
        if (n.contains("coco") || n.matches(".*captions_(train|val)20\\d\\d.*")) {
            return "paper (external, ResNet-50): COCO 1K test, 5-fold mean: image → text 65.6 / 89.8 / 95.5, "
                    + "text → image 47.1 / 79.9 / 90.0; COCO 5K test: 41.2 / 70.5 / 81.1 and 25.3 / 53.4 / 66.4. "
                    + "The authors' split is a random 5,000 / 5,000 val/test draw, not Karpathy's: close, not strictly comparable";
        }
        if (n.contains("flickr30k") || n.contains("f30k")) {
            return "paper (external, ResNet-50): Flickr30k 1K test: image → text 55.6 / 81.9 / 89.5, text → image 39.1 / 69.2 / 80.9";
        }
        return "";
    }
}
