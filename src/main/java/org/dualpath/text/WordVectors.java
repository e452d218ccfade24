package org.dualpath.text;

import org.dualpath.common.AtomicFiles;
import org.dualpath.common.Progress;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A set of word vectors of one dimension, in file order (most frequent first for word2vec and GloVe files).
 * Read from word2vec binary, word2vec text or GloVe text files ({@link WordVectorReader}), trained on
 * captions ({@link Word2VecTrainer}), written in word2vec text format. Immutable.
 */
public final class WordVectors {
    private final Map<String, float[]> vectors;
    private final int dimension;

    private WordVectors(int dimension, Map<String, float[]> vectors) {
        this.dimension = dimension;
        this.vectors = Collections.unmodifiableMap(vectors);
    }

    /** Word vectors from a map (copied, order kept); every vector must have {@code dimension} entries. */
    public static WordVectors of(int dimension, Map<String, float[]> vectors) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be positive, got " + dimension);
        }
        Map<String, float[]> copy = new LinkedHashMap<>();
        vectors.forEach((word, v) -> {
            if (word.isEmpty() || word.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("word '" + word + "' is empty or contains white space");
            }
            if (v.length != dimension) {
                throw new IllegalArgumentException("vector of '" + word + "' has " + v.length + " entries, expected " + dimension);
            }
            copy.put(word, v.clone());
        });
        return new WordVectors(dimension, copy);
    }

    /** Reads every vector of a word2vec binary, word2vec text or GloVe text file (format detected; may be gzipped). */
    public static WordVectors read(Path file) {
        return WordVectorReader.read(file, null, Progress.NONE);
    }

    /**
     * Reads only the vectors of {@code wanted} words, streaming, so that a huge file (GoogleNews, 3.6 GB) needs
     * memory only for those. A wanted lower-case word that the file lacks takes the vector of its first
     * (most frequent) differently-cased form, e.g. "frisbee" from "Frisbee".
     */
    public static WordVectors read(Path file, Set<String> wanted, Progress progress) {
        return WordVectorReader.read(file, wanted, progress);
    }

    /**
     * The vector dimension of a word2vec binary, word2vec text or GloVe text file, read from its first line
     * only; a file that is missing or not a word-vector file is refused with its name.
     */
    public static int dimensionOf(Path file) {
        return WordVectorReader.dimension(file);
    }

    /** Number of words. */
    public int size() {
        return vectors.size();
    }

    /** Number of components of each vector. */
    public int dimension() {
        return dimension;
    }

    /** True when {@code word} has a vector. */
    public boolean contains(String word) {
        return vectors.containsKey(word);
    }

    /** A copy of the vector of {@code word}, or null when it has none. */
    public float[] vector(String word) {
        float[] v = vectors.get(word);
        return v == null ? null : v.clone();
    }

    /** The words, in file order. */
    public List<String> words() {
        return List.copyOf(vectors.keySet());
    }

    /** Standard deviation of all vector components (about the mean), the scale for made-up vectors. */
    public double componentStd() {
        double sum = 0;
        double sumSq = 0;
        long n = 0;
        for (float[] v : vectors.values()) {
            for (float x : v) {
                sum += x;
                sumSq += (double) x * x;
                n++;
            }
        }
        if (n == 0) {
            return 0;
        }
        double mean = sum / n;
        return Math.sqrt(Math.max(0, sumSq / n - mean * mean));
    }

    /** Writes the vectors in word2vec text format (header "N D", one word per line), atomically. */
    public void writeText(Path file) {
        AtomicFiles.write(file, out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            w.write(vectors.size() + " " + dimension + "\n");
            StringBuilder line = new StringBuilder();
            for (Map.Entry<String, float[]> e : vectors.entrySet()) {
                line.setLength(0);
                line.append(e.getKey());
                for (float x : e.getValue()) {
                    line.append(' ').append(x);
                }
                w.write(line.append('\n').toString());
            }
            w.flush();
        });
    }

    /** Wraps a map built by this package's readers and trainer, which already validated it, without copying. */
    static WordVectors trusted(int dimension, Map<String, float[]> vectors) {
        return new WordVectors(dimension, vectors);
    }
}
