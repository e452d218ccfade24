package org.dualpath.train;

import org.dualpath.common.Progress;
import org.dualpath.text.EmbeddingMatrix;
import org.dualpath.text.TokenCounts;
import org.dualpath.text.Tokenizer;
import org.dualpath.text.Vocabulary;
import org.dualpath.text.Word2VecTrainer;
import org.dualpath.text.WordVectors;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The text side of a new model, following the paper: the vocabulary is the training-caption words (seen at least
 * {@code minCount} times) that have a word vector, and the word embedding starts from those vectors. With
 * {@code keepWordsWithoutVector} the words without a vector stay too, starting from random vectors
 * ({@link EmbeddingMatrix}). The vectors
 * come from a file (only the needed words are read) or from word2vec trained on the training captions.
 */
public record TextSetup(Vocabulary vocabulary, EmbeddingMatrix embedding, WordVectors vectors) {

    public static TextSetup build(List<String> trainingCaptions, Path vectorsFile, int minCount,
                                  boolean keepWordsWithoutVector, int word2vecDim, long seed, Progress progress) {
        TokenCounts counts = TokenCounts.of(trainingCaptions);
        WordVectors vectors;
        if (vectorsFile != null) {
            Set<String> wanted = new HashSet<>();
            for (String caption : trainingCaptions) {
                wanted.addAll(Tokenizer.tokenize(caption));
            }
            vectors = WordVectors.read(vectorsFile, wanted, progress);
        } else {
            vectors = Word2VecTrainer.train(trainingCaptions,
                    new Word2VecTrainer.Options(word2vecDim, 5, minCount, 5, seed), progress);
        }
        Vocabulary vocabulary = Vocabulary.build(counts, minCount,
                word -> keepWordsWithoutVector || vectors.contains(word), Vocabulary.DEFAULT_MAX_LENGTH);
        return new TextSetup(vocabulary, EmbeddingMatrix.build(vocabulary, vectors, seed), vectors);
    }
}
