package org.dualpath.data;

import org.dualpath.common.Download;
import org.dualpath.common.InputException;
import org.dualpath.common.Progress;
import org.dualpath.common.TransferMeter;
import org.dualpath.common.Unzip;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The COCO download catalogue and its one procedure, shared by {@code dualpath coco download} and the explorer's
 * Get COCO dialog: {@link #plan} checks the destination (a folder that can be written, before any byte is) and asks
 * the server for each file's size, then checks the free space; {@link #fetch} downloads each zip (resuming a
 * {@code .part}), verifies it (the announced size, the recorded MD5 where the project knows it, every entry's CRC)
 * and unpacks it atomically ({@link Unzip}), then deletes the zip. A part already unpacked is not fetched again.
 */
public final class CocoDownloads {
    /** Where COCO's zips are: {@code zips/val2017.zip}, {@code annotations/annotations_trainval2017.zip}... */
    public static final URI OFFICIAL_BASE = URI.create("http://images.cocodataset.org/");
    /** Karpathy's splits of COCO, Flickr8k and Flickr30k. */
    public static final URI OFFICIAL_KARPATHY = URI.create("https://cs.stanford.edu/people/karpathy/deepimagesent/caption_datasets.zip");
    /** The Karpathy split of COCO inside {@link #OFFICIAL_KARPATHY}. */
    public static final String KARPATHY_FILE = "dataset_coco.json";
    /** The years whose files are catalogued. */
    public static final List<Integer> YEARS = List.of(2017, 2014);

    /**
     * MD5s of the official files, as several independent download scripts agree on them; files left out (train2014,
     * annotations 2014, Karpathy's zip) have no value the project could confirm, and are checked by their announced
     * size and their entries' CRCs alone, as is every file from another base URL (a mirror or a test server).
     */
    public static final Map<String, String> OFFICIAL_MD5 = Map.of(
            "val2017.zip", "442b8da7639aecaf257c1dceb8ba8c80",
            "train2017.zip", "cced6f7f71b7629ddf16f17bbcfab6b2",
            "annotations_trainval2017.zip", "f4bbac642086de4f52a3fdda2de5fa2c",
            "val2014.zip", "a3d79f5ed8d289b7a7554ce06a5782b3");

    /** One catalogued file: where it is, what it unpacks to (relative to the destination), its recorded checksum. */
    public record Item(CocoPart part, int year, URI uri, String zipName, String unpacked, Download.Checksum checksum) {
    }

    /** An item as found before the download: its announced size (-1: none), the bytes a {@code .part} holds. */
    public record Sized(Item item, long size, long kept, boolean unpackedAlready) {
        /** The bytes still to download (0 when unpacked already; the whole file when the size is unknown). */
        public long toFetch() {
            return unpackedAlready ? 0 : Math.max(0, size - kept);
        }
    }

    /** What {@link #fetch} will do: the items in order, the destination and its free space when planned. */
    public record Plan(Path out, List<Sized> items, long free) {
        /** The bytes still to download. */
        public long toFetch() {
            return items.stream().mapToLong(Sized::toFetch).sum();
        }

        /** About the space the plan takes: what is to download, and as much again to unpack (images do not shrink). */
        public long needed() {
            return items.stream().filter(s -> !s.unpackedAlready()).mapToLong(s -> s.toFetch() + Math.max(0, s.size())).sum();
        }

        /** One line: "val2017.zip 815.6 MB, annotations_trainval2017.zip 252.9 MB (120.0 MB kept); 1.1 GB to download, 40.2 GB free". */
        public String summary() {
            List<String> parts = new ArrayList<>();
            for (Sized s : items) {
                parts.add(s.item().zipName() + (s.unpackedAlready() ? " (already unpacked)"
                        : " " + (s.size() > 0 ? TransferMeter.bytes(s.size()) : "size not announced")
                        + (s.kept() > 0 ? " (" + TransferMeter.bytes(s.kept()) + " kept)" : "")));
            }
            return String.join(", ", parts) + "; " + TransferMeter.bytes(toFetch()) + " to download, "
                    + TransferMeter.bytes(free) + " free in " + out;
        }
    }

    /** The steps of one item, reported as each starts. */
    public enum Phase { DOWNLOADING, VERIFYING, UNPACKING }

    /** Told when an item enters a {@link Phase}. */
    @FunctionalInterface
    public interface Steps {
        void started(Item item, Phase phase);
    }

    private final URI base;
    private final URI karpathy;
    private final Map<String, String> md5ByZip;
    private final Download download;
    private final ToLongFunction<Path> freeSpace;

    /**
     * The catalogue with COCO's zips under {@code base} and Karpathy's zip at {@code karpathy}; the recorded MD5s
     * are checked for the official base.
     */
    public CocoDownloads(URI base, URI karpathy) {
        this(base, karpathy, slashed(base).equals(OFFICIAL_BASE) ? OFFICIAL_MD5 : Map.of(), new Download(),
                CocoDownloads::usableSpace);
    }

    /**
     * As above with the MD5s to check by zip name, and the free space of a folder measured by {@code freeSpace}
     * (tests fill the disk with it).
     */
    public CocoDownloads(URI base, URI karpathy, Map<String, String> md5ByZip, Download download,
                         ToLongFunction<Path> freeSpace) {
        this.base = slashed(base);
        this.karpathy = karpathy;
        this.md5ByZip = Map.copyOf(md5ByZip);
        this.download = download;
        this.freeSpace = freeSpace;
    }

    private static URI slashed(URI base) {
        return base.toString().endsWith("/") ? base : URI.create(base + "/");
    }

    /** The file of {@code part} for {@code year} (the Karpathy split is the same for every year). */
    public Item item(int year, CocoPart part) {
        if (!YEARS.contains(year)) {
            throw new InputException("COCO " + year + ": not catalogued; use one of " + YEARS);
        }
        String zip;
        String unpacked;
        URI uri;
        if (part == CocoPart.KARPATHY_SPLIT) {
            String path = karpathy.getPath();
            zip = path.substring(path.lastIndexOf('/') + 1);
            unpacked = KARPATHY_FILE;
            uri = karpathy;
        } else if (part == CocoPart.ANNOTATIONS) {
            zip = "annotations_trainval" + year + ".zip";
            unpacked = "annotations/captions_val" + year + ".json";
            uri = base.resolve("annotations/" + zip);
        } else {
            String set = (part == CocoPart.VAL_IMAGES ? "val" : "train") + year;
            zip = set + ".zip";
            unpacked = set;
            uri = base.resolve("zips/" + zip);
        }
        String md5 = md5ByZip.get(zip);
        return new Item(part, year, uri, zip, unpacked, md5 == null ? null : Download.Checksum.md5(md5));
    }

    /**
     * Checks {@code out} (creatable and writable), asks the server for the sizes of the items not unpacked yet, and
     * checks the free space; nothing is written.
     *
     * @throws InputException naming the folder or the URL and what to do
     */
    public Plan plan(List<Item> items, Path out) {
        Path existing = existingAncestor(out);
        List<Sized> sized = new ArrayList<>();
        for (Item item : items) {
            if (Files.exists(out.resolve(item.unpacked()))) {
                sized.add(new Sized(item, -1, 0, true));
                continue;
            }
            Path zip = out.resolve(item.zipName());
            Path part = Download.partOf(zip);
            long kept = Files.isRegularFile(zip) ? size(zip) : Files.isRegularFile(part) ? size(part) : 0;
            sized.add(new Sized(item, download.announcedSize(item.uri()), kept, false));
        }
        long free = freeSpace.applyAsLong(existing);
        Plan plan = new Plan(out, List.copyOf(sized), free);
        if (plan.needed() > free) {
            throw new InputException(out + ": not enough free space, " + TransferMeter.bytes(plan.needed())
                    + " needed (" + TransferMeter.bytes(plan.toFetch()) + " to download and about as much to unpack), "
                    + TransferMeter.bytes(free) + " free; free some space or choose another folder");
        }
        return plan;
    }

    /**
     * Downloads, verifies and unpacks every item of {@code plan} in turn. Cancelling through {@code progress} keeps
     * the {@code .part} of the file being downloaded, from which the next fetch resumes.
     */
    public void fetch(Plan plan, Progress progress, Steps steps) {
        for (Sized sized : plan.items()) {
            if (sized.unpackedAlready()) {
                continue;
            }
            Item item = sized.item();
            Path zip = plan.out().resolve(item.zipName());
            steps.started(item, Phase.DOWNLOADING);
            download.fetch(item.uri(), zip, sized.size(), null, progress);
            steps.started(item, Phase.VERIFYING);
            progress.update(0, -1, "verifying " + item.zipName());
            verify(item, zip);
            steps.started(item, Phase.UNPACKING);
            try {
                Unzip.unpack(zip, plan.out(), progress);
            } catch (InputException e) {
                deleteQuietly(zip); // damaged: the next fetch downloads it anew
                throw e;
            }
            try {
                Files.delete(zip);
            } catch (IOException e) {
                throw new InputException(zip + ": unpacked, but the zip cannot be deleted (" + e.getMessage()
                        + "); delete it yourself");
            }
        }
    }

    /** The recorded checksum (a mismatch deletes the zip: the next fetch downloads it anew), then room to unpack. */
    private void verify(Item item, Path zip) {
        try {
            if (item.checksum() != null) {
                Download.requireChecksum(item.uri(), zip, item.checksum());
            }
        } catch (IOException e) {
            throw new InputException(zip + ": cannot be read (" + e.getMessage() + "); download it again");
        }
        long unpacked;
        try {
            unpacked = Unzip.unpackedSize(zip);
        } catch (InputException e) {
            deleteQuietly(zip);
            throw e;
        }
        long free = freeSpace.applyAsLong(zip.toAbsolutePath().getParent());
        if (unpacked > free) {
            throw new InputException(zip + ": not enough free space to unpack it, " + TransferMeter.bytes(unpacked)
                    + " needed, " + TransferMeter.bytes(free) + " free; free some space and run again (the zip is kept)");
        }
    }

    /**
     * The nearest folder of {@code out} that exists, which must be a writable folder on a writable file system:
     * otherwise nothing could be written under {@code out}.
     */
    private static Path existingAncestor(Path out) {
        Path p = out.toAbsolutePath().normalize();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            throw new InputException(out + ": no part of this path exists; choose another folder");
        }
        if (!Files.isDirectory(p)) {
            throw new InputException(out + ": cannot be a folder, " + p + " is a file; choose another folder");
        }
        FileStore store;
        try {
            store = Files.getFileStore(p);
        } catch (IOException e) {
            throw new InputException(p + ": cannot be examined (" + e.getMessage() + "); choose another folder");
        }
        if (store.isReadOnly()) {
            throw new InputException(out + ": " + p + " is on a read-only file system; choose another folder");
        }
        if (!Files.isWritable(p)) {
            throw new InputException(out + ": permission denied, " + p + " cannot be written; choose another folder");
        }
        return p;
    }

    /** The usable space of the file system of {@code folder} (the default measure; unknown counts as plenty). */
    public static long usableSpace(Path folder) {
        try {
            return Files.getFileStore(folder).getUsableSpace();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the error being reported already tells the user to download it again
        }
    }
}
