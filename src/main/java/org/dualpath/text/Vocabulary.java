package org.dualpath.text;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.dualpath.common.AtomicFiles;
import org.dualpath.common.InputException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

/**
 * The word list of the text path: training-caption words seen at least {@code minCount} times, optionally
 * only those with a word vector (the paper's rule). Index 0 is reserved for padding; words have indices
 * 1..size-1, most frequent first. Encodes captions to index sequences of at most {@code maxLength} words,
 * dropping unknown words and closing up the sentence (no UNK token), and places them in the fixed number of
 * input slots ("position shift"). Immutable and thread-safe; stored as JSON inside a model bundle.
 */
public final class Vocabulary {
    /** The paper's sentence length: 32 word slots. */
    public static final int DEFAULT_MAX_LENGTH = 32;
    /** Index of the padding entry. */
    public static final int PADDING = 0;
    /** The name shown for the padding entry. */
    public static final String PADDING_WORD = "<pad>";

    private static final String FORMAT = "dualpath-vocabulary";
    private static final int VERSION = 1;
    // streams are left open so that a vocabulary can be one entry of a model bundle
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);

    private final List<String> words;
    private final Map<String, Integer> indices;
    private final int maxLength;
    private final int minCount;

    private Vocabulary(List<String> words, int maxLength, int minCount, String source) {
        if (maxLength < 1) {
            throw new InputException(source + ": maxLength must be at least 1, got " + maxLength);
        }
        Map<String, Integer> map = new HashMap<>();
        for (String w : words) {
            if (w == null || w.isBlank() || w.equals(PADDING_WORD)) {
                throw new InputException(source + ": invalid vocabulary word '" + w + "'");
            }
            if (map.putIfAbsent(w, map.size() + 1) != null) {
                throw new InputException(source + ": word '" + w + "' listed twice");
            }
        }
        this.words = Collections.unmodifiableList(new ArrayList<>(words));
        this.indices = map;
        this.maxLength = maxLength;
        this.minCount = minCount;
    }

    /**
     * Builds a vocabulary from training-caption counts: words with at least {@code minCount} occurrences
     * that {@code keep} accepts (for example {@code vectors::contains}), most frequent first.
     */
    public static Vocabulary build(TokenCounts training, int minCount, Predicate<String> keep, int maxLength) {
        if (minCount < 1) {
            throw new InputException("minimum count must be at least 1, got " + minCount);
        }
        List<String> kept = new ArrayList<>();
        for (String w : training.words()) {
            if (training.count(w) >= minCount && keep.test(w)) {
                kept.add(w);
            }
        }
        return new Vocabulary(kept, maxLength, minCount, "vocabulary");
    }

    /** Builds an unrestricted vocabulary of {@link #DEFAULT_MAX_LENGTH} slots from training captions. */
    public static Vocabulary build(Iterable<String> trainingCaptions, int minCount) {
        return build(TokenCounts.of(trainingCaptions), minCount, w -> true, DEFAULT_MAX_LENGTH);
    }

    /** Number of entries including padding: the row count of the embedding matrix. */
    public int size() {
        return words.size() + 1;
    }

    /** Maximum number of words of an encoded caption, and the number of input slots. */
    public int maxLength() {
        return maxLength;
    }

    /** The minimum count the vocabulary was built with. */
    public int minCount() {
        return minCount;
    }

    /** Index of {@code word}, or -1 when it is not in the vocabulary. */
    public int indexOf(String word) {
        return indices.getOrDefault(word, -1);
    }

    /** The word at {@code index} ({@link #PADDING_WORD} for 0). */
    public String word(int index) {
        return index == PADDING ? PADDING_WORD : words.get(index - 1);
    }

    /** The words at indices 1..size-1, in index order. */
    public List<String> words() {
        return words;
    }

    /** Word indices of the caption's known words, in order, at most {@link #maxLength()}; unknown words dropped. */
    public int[] encode(String caption) {
        int[] out = new int[maxLength];
        int n = 0;
        for (String token : Tokenizer.tokenize(caption)) {
            Integer idx = indices.get(token);
            if (idx != null) {
                out[n++] = idx;
                if (n == maxLength) {
                    break;
                }
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** The caption's words that are not in the vocabulary (and so are dropped by {@link #encode}), each once, in order. */
    public List<String> unknownWords(String caption) {
        return Tokenizer.tokenize(caption).stream().filter(t -> !indices.containsKey(t)).distinct().toList();
    }

    /** The words of encoded {@code tokens}, padding skipped; for display and debugging. */
    public List<String> decode(int[] tokens) {
        List<String> out = new ArrayList<>();
        for (int t : tokens) {
            if (t != PADDING) {
                out.add(word(t));
            }
        }
        return out;
    }

    /** {@code tokens} placed at {@code offset} inside {@code slots} positions, padding elsewhere. */
    public static int[] place(int[] tokens, int offset, int slots) {
        if (tokens.length > slots) {
            throw new IllegalArgumentException(tokens.length + " tokens do not fit in " + slots + " slots");
        }
        if (offset < 0 || offset > slots - tokens.length) {
            throw new IllegalArgumentException("offset " + offset + " outside 0.." + (slots - tokens.length));
        }
        int[] placed = new int[slots];
        System.arraycopy(tokens, 0, placed, offset, tokens.length);
        return placed;
    }

    /** {@code tokens} placed at a random valid offset (training-time position shift). */
    public static int[] placeRandomly(int[] tokens, int slots, Random random) {
        return place(tokens, random.nextInt(slots - tokens.length + 1), slots);
    }

    /** All valid offsets 0..slots-length of a sentence of {@code length} words (test-time averaging). */
    public static int[] validOffsets(int length, int slots) {
        if (length > slots) {
            throw new IllegalArgumentException(length + " tokens do not fit in " + slots + " slots");
        }
        int[] offsets = new int[slots - length + 1];
        Arrays.setAll(offsets, i -> i);
        return offsets;
    }

    /** Writes the vocabulary as JSON to {@code out} (left open, for bundles). */
    public void write(OutputStream out) throws IOException {
        MAPPER.writeValue(out, new Stored(FORMAT, VERSION, maxLength, minCount, words));
    }

    /** Writes the vocabulary as JSON to {@code file}, atomically. */
    public void write(Path file) {
        AtomicFiles.write(file, this::write);
    }

    /** Reads a vocabulary written by {@link #write(OutputStream)}; {@code source} names it in error messages. */
    public static Vocabulary read(InputStream in, String source) {
        Stored s;
        try {
            s = MAPPER.readValue(in, Stored.class);
        } catch (IOException e) {
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new InputException(source + ": not a readable vocabulary (" + why + ")", e);
        }
        if (!FORMAT.equals(s.format()) || s.words() == null) {
            throw new InputException(source + ": not a DualPath vocabulary file (format '" + s.format() + "')");
        }
        if (s.version() != VERSION) {
            throw new InputException(source + ": vocabulary version " + s.version() + " is not supported");
        }
        return new Vocabulary(s.words(), s.maxLength(), s.minCount(), source);
    }

    /** Reads a vocabulary JSON file. */
    public static Vocabulary read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The JSON layout; words exclude padding, word i has index i+1. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record Stored(String format, int version, int maxLength, int minCount, List<String> words) {
    }
}
