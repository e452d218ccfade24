package org.dualpath.text;

import org.deeplearning4j.models.sequencevectors.SequenceVectors;
import org.deeplearning4j.models.sequencevectors.enums.ListenerEvent;
import org.deeplearning4j.models.sequencevectors.interfaces.VectorsListener;
import org.deeplearning4j.models.word2vec.VocabWord;
import org.deeplearning4j.models.word2vec.Word2Vec;
import org.deeplearning4j.text.sentenceiterator.CollectionSentenceIterator;
import org.deeplearning4j.text.tokenization.tokenizerfactory.DefaultTokenizerFactory;
import org.dualpath.common.InputException;
import org.dualpath.common.Progress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains word2vec (skip-gram, negative sampling) on captions with DL4J, for when no pretrained vectors are
 * wanted. Captions are tokenised with {@link Tokenizer} first, so the vectors match the {@link Vocabulary}.
 * One worker thread and a fixed seed make runs repeatable as far as DL4J allows.
 */
public final class Word2VecTrainer {
    private Word2VecTrainer() {
    }

    /** Training settings; {@link #defaults()} gives 100 dimensions, 5 epochs, min count 5, window 5, seed 42. */
    public record Options(int dimension, int epochs, int minCount, int windowSize, long seed) {
        public Options {
            if (dimension < 1 || epochs < 1 || minCount < 1 || windowSize < 1) {
                throw new InputException("word2vec: dimension, epochs, minimum count and window must be positive");
            }
        }

        public static Options defaults() {
            return new Options(100, 5, 5, 5, 42);
        }
    }

    /** Trains vectors for every caption word seen at least {@code options.minCount()} times, most frequent first. */
    public static WordVectors train(List<String> captions, Options options, Progress progress) {
        List<String> sentences = new ArrayList<>(captions.size());
        for (String caption : captions) {
            List<String> tokens = Tokenizer.tokenize(caption);
            if (!tokens.isEmpty()) {
                sentences.add(String.join(" ", tokens));
            }
        }
        if (sentences.isEmpty()) {
            throw new InputException("word2vec: no words in the captions");
        }
        Word2Vec w2v = new Word2Vec.Builder()
                .layerSize(options.dimension())
                .windowSize(options.windowSize())
                .minWordFrequency(options.minCount())
                .epochs(options.epochs())
                .iterations(1)
                .negativeSample(5)
                .useHierarchicSoftmax(false)
                .seed(options.seed())
                .workers(1)
                .iterate(new CollectionSentenceIterator(sentences))
                // captions are already tokenised; DL4J only needs to split on spaces
                .tokenizerFactory(new DefaultTokenizerFactory())
                .setVectorsListeners(List.of(new EpochListener(options.epochs(), progress)))
                .build();
        progress.update(0, options.epochs(), "training word2vec");
        w2v.fit();
        Map<String, float[]> vectors = new LinkedHashMap<>();
        List<VocabWord> words = new ArrayList<>(w2v.getVocab().vocabWords());
        words.sort((a, b) -> a.getElementFrequency() != b.getElementFrequency()
                ? Double.compare(b.getElementFrequency(), a.getElementFrequency())
                : a.getLabel().compareTo(b.getLabel()));
        for (VocabWord w : words) {
            vectors.put(w.getLabel(), w2v.getWordVectorMatrix(w.getLabel()).toFloatVector());
        }
        if (vectors.isEmpty()) {
            throw new InputException("word2vec: no word occurs " + options.minCount() + " times or more");
        }
        progress.update(options.epochs(), options.epochs(), "trained word2vec");
        return WordVectors.trusted(options.dimension(), vectors);
    }

    /** Reports finished epochs and stops training when cancelled. */
    private record EpochListener(int epochs, Progress progress) implements VectorsListener<VocabWord> {
        @Override
        public boolean validateEvent(ListenerEvent event, long argument) {
            return event == ListenerEvent.EPOCH;
        }

        @Override
        public void processEvent(ListenerEvent event, SequenceVectors<VocabWord> sequenceVectors, long argument) {
            progress.update(argument, epochs, "training word2vec"); // DL4J numbers epochs from 1
            progress.checkCancelled();
        }
    }
}
