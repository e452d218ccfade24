package org.dualpath.text;

import org.dualpath.common.InputException;
import org.dualpath.common.Progress;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Streaming readers for word2vec binary, word2vec text and GloVe text files, keeping only wanted words.
 * Written here rather than taken from DL4J because DL4J's loader keeps the whole file in memory.
 */
final class WordVectorReader {
    /** The formats told apart by {@link #detect}. */
    enum Format { WORD2VEC_BINARY, WORD2VEC_TEXT, GLOVE_TEXT }

    private static final Pattern HEADER = Pattern.compile("\\s*(\\d+)\\s+(\\d+)\\s*");
    private static final Pattern BLANKS = Pattern.compile("\\s+");
    private static final int MAX_WORD_BYTES = 4096;
    private static final int PROBE_BYTES = 1 << 16;
    private static final int REPORT_EVERY = 1 << 14;

    private WordVectorReader() {
    }

    static WordVectors read(Path file, Set<String> wanted, Progress progress) {
        return reading(file, (format, in) -> switch (format) {
            case WORD2VEC_BINARY -> readBinary(in, file, new Collector(wanted), progress);
            case WORD2VEC_TEXT, GLOVE_TEXT -> readText(in, file, format == Format.WORD2VEC_TEXT,
                    new Collector(wanted), progress);
        });
    }

    /**
     * The vector dimension of a file, from the word2vec header or the first GloVe line, without reading the
     * vectors: what a run checks its disk space with before it reads them.
     */
    static int dimension(Path file) {
        return reading(file, (format, in) -> {
            if (format != Format.GLOVE_TEXT) {
                var m = HEADER.matcher(readHeaderLine(in, file));
                if (!m.matches()) {
                    throw new InputException(file + ": line 1: no word2vec header line \"words dimension\"");
                }
                return parseDimension(m.group(2), file);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            long lineNo = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNo++;
                if (!line.isBlank()) {
                    int dim = BLANKS.split(line.strip()).length - 1;
                    if (dim < 1) {
                        throw new InputException(file + ": line " + lineNo
                                + ": expected a word followed by numbers, found '" + abbreviate(line) + "'");
                    }
                    return dim;
                }
            }
            throw new InputException(file + ": no word vectors in the file");
        });
    }

    /** What a reader does with the opened file, knowing its format. */
    @FunctionalInterface
    private interface FileReading<T> {
        T read(Format format, InputStream in) throws IOException;
    }

    /** Opens {@code file} (gzipped or not) for {@code reading}; a missing file is named as the user's mistake. */
    private static <T> T reading(Path file, FileReading<T> reading) {
        try {
            Format format = detect(file);
            try (InputStream in = open(file)) {
                return reading.read(format, in);
            }
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such word-vector file", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A word2vec header line "N D" means word2vec; then, if the rest of the first vector line holds only the
     * characters of numbers, it is text, otherwise binary (raw floats). No header means GloVe.
     */
    static Format detect(Path file) throws IOException {
        try (InputStream in = open(file)) {
            byte[] probe = in.readNBytes(PROBE_BYTES);
            int eol = indexOf(probe, 0, (byte) '\n');
            String first = new String(probe, 0, eol < 0 ? probe.length : eol, StandardCharsets.UTF_8);
            var m = HEADER.matcher(first);
            if (!m.matches()) {
                return Format.GLOVE_TEXT;
            }
            int space = indexOf(probe, eol + 1, (byte) ' ');
            if (space < 0) {
                return Format.WORD2VEC_TEXT;
            }
            int eol2 = indexOf(probe, space + 1, (byte) '\n');
            int end = eol2 < 0 ? probe.length : eol2;
            if (end == space + 1) {
                return Format.WORD2VEC_BINARY;
            }
            for (int i = space + 1; i < end; i++) {
                if ("0123456789.-+eE \t\r".indexOf(probe[i]) < 0) {
                    return Format.WORD2VEC_BINARY;
                }
            }
            return Format.WORD2VEC_TEXT;
        }
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20);
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        return gzip ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 20) : in;
    }

    private static WordVectors readBinary(InputStream in, Path file, Collector out, Progress progress) throws IOException {
        String header = readHeaderLine(in, file);
        var m = HEADER.matcher(header);
        if (!m.matches()) {
            throw new InputException(file + ": line 1: expected a header \"words dimension\", found '" + header + "'");
        }
        long count = Long.parseLong(m.group(1));
        int dim = parseDimension(m.group(2), file);
        byte[] raw = new byte[4 * dim];
        ByteBuffer buffer = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        ByteArrayOutputStream wordBytes = new ByteArrayOutputStream();
        for (long i = 0; i < count; i++) {
            if (i % REPORT_EVERY == 0) {
                progress.update(i, count, "reading " + file.getFileName());
                progress.checkCancelled();
            }
            String word = readWord(in, wordBytes, file, i, count);
            if (out.wants(word)) {
                if (in.readNBytes(raw, 0, raw.length) < raw.length) {
                    throw truncated(file, i, count);
                }
                float[] v = new float[dim];
                buffer.rewind();
                buffer.asFloatBuffer().get(v);
                checkFinite(v, file, "word " + (i + 1) + " ('" + word + "')");
                out.add(word, v);
            } else {
                try {
                    in.skipNBytes(raw.length);
                } catch (EOFException e) {
                    throw truncated(file, i, count);
                }
            }
        }
        progress.update(count, count, "read " + file.getFileName());
        return out.result(dim);
    }

    private static String readHeaderLine(InputStream in, Path file) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0 || line.size() > 100) {
                throw new InputException(file + ": line 1: no word2vec header line \"words dimension\"");
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    /** Reads one word: skips the newline that some writers put after each vector, then bytes up to a space. */
    private static String readWord(InputStream in, ByteArrayOutputStream bytes, Path file, long i, long count)
            throws IOException {
        bytes.reset();
        int b = in.read();
        while (b == '\n' || b == '\r') {
            b = in.read();
        }
        while (b != ' ') {
            if (b < 0) {
                throw truncated(file, i, count);
            }
            if (bytes.size() >= MAX_WORD_BYTES) {
                throw new InputException(file + ": word " + (i + 1) + " is longer than " + MAX_WORD_BYTES
                        + " bytes: the file is not in word2vec binary format or is damaged");
            }
            bytes.write(b);
            b = in.read();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static InputException truncated(Path file, long i, long count) {
        return new InputException(file + ": truncated: the header promises " + count + " words but word "
                + (i + 1) + " is incomplete");
    }

    private static WordVectors readText(InputStream in, Path file, boolean hasHeader, Collector out, Progress progress)
            throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 20);
        long lineNo = 0;
        long promised = -1;
        int dim = -1;
        if (hasHeader) {
            String header = reader.readLine();
            lineNo++;
            var m = HEADER.matcher(header);
            if (!m.matches()) {
                throw new InputException(file + ": line 1: expected a header \"words dimension\", found '" + header + "'");
            }
            promised = Long.parseLong(m.group(1));
            dim = parseDimension(m.group(2), file);
        }
        long words = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] parts = BLANKS.split(line.strip());
            if (dim < 0) {
                dim = parts.length - 1;
                if (dim < 1) {
                    throw new InputException(file + ": line " + lineNo + ": expected a word followed by numbers, found '"
                            + abbreviate(line) + "'");
                }
            }
            if (parts.length - 1 != dim) {
                throw new InputException(file + ": line " + lineNo + ": expected " + dim + " numbers, found "
                        + (parts.length - 1));
            }
            words++;
            if (promised >= 0 && words > promised) {
                throw new InputException(file + ": line " + lineNo + ": more words than the " + promised
                        + " the header promises");
            }
            if (words % REPORT_EVERY == 0) {
                progress.update(words, promised, "reading " + file.getFileName());
                progress.checkCancelled();
            }
            if (out.wants(parts[0])) {
                float[] v = new float[dim];
                for (int j = 0; j < dim; j++) {
                    v[j] = parseNumber(parts[j + 1], file, lineNo);
                }
                checkFinite(v, file, "line " + lineNo);
                out.add(parts[0], v);
            }
        }
        if (dim < 0) {
            throw new InputException(file + ": no word vectors in the file");
        }
        if (promised >= 0 && words < promised) {
            throw new InputException(file + ": truncated: the header promises " + promised + " words, found " + words);
        }
        progress.update(words, words, "read " + file.getFileName());
        return out.result(dim);
    }

    private static int parseDimension(String text, Path file) {
        int dim = Integer.parseInt(text);
        if (dim < 1 || dim > 100_000) {
            throw new InputException(file + ": line 1: implausible vector dimension " + text);
        }
        return dim;
    }

    private static float parseNumber(String text, Path file, long lineNo) {
        try {
            return Float.parseFloat(text);
        } catch (NumberFormatException e) {
            throw new InputException(file + ": line " + lineNo + ": '" + abbreviate(text) + "' is not a number");
        }
    }

    private static void checkFinite(float[] v, Path file, String where) {
        for (float x : v) {
            if (!Float.isFinite(x)) {
                throw new InputException(file + ": " + where + ": vector contains " + x);
            }
        }
    }

    private static int indexOf(byte[] bytes, int from, byte b) {
        for (int i = Math.max(0, from); i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    /** Keeps the wanted words: exact matches first, lower-cased matches for wanted words the file lacks. */
    private static final class Collector {
        private final Set<String> wanted;
        private final Map<String, float[]> exact = new LinkedHashMap<>();
        private final Map<String, float[]> folded = new HashMap<>();

        Collector(Set<String> wanted) {
            this.wanted = wanted;
        }

        boolean wants(String word) {
            return wanted == null || wanted.contains(word) || wanted.contains(word.toLowerCase(Locale.ROOT));
        }

        void add(String word, float[] v) {
            if (wanted == null || wanted.contains(word)) {
                exact.putIfAbsent(word, v);
            } else {
                folded.putIfAbsent(word.toLowerCase(Locale.ROOT), v);
            }
        }

        WordVectors result(int dim) {
            folded.forEach(exact::putIfAbsent);
            return WordVectors.trusted(dim, exact);
        }
    }
}
