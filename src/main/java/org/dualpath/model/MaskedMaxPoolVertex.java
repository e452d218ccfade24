package org.dualpath.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.BaseGraphVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Max pooling over the word axis of the text CNN that only looks at positions holding a word: input 0 is the
 * feature map {@code [n, c, 1, w]}, input 1 the word indices {@code [n, seqLength]} (0 = padding). When the CNN
 * halved the word axis, output position {@code j} counts as a word when any input slot it covers holds one. A
 * caption without any word pools over every position. Output {@code [n, c]}; no parameters.
 */
public final class MaskedMaxPoolVertex extends GraphVertex {

    @Override
    public MaskedMaxPoolVertex clone() {
        return new MaskedMaxPoolVertex();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MaskedMaxPoolVertex;
    }

    @Override
    public int hashCode() {
        return MaskedMaxPoolVertex.class.hashCode();
    }

    @Override
    public long numParams(boolean backprop) {
        return 0;
    }

    @Override
    public int minVertexInputs() {
        return 2;
    }

    @Override
    public int maxVertexInputs() {
        return 2;
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
                                                                      INDArray paramsView, boolean initializeParams,
                                                                      DataType networkDatatype) {
        return new Impl(graph, name, idx, networkDatatype);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        if (!(vertexInputs[0] instanceof InputType.InputTypeConvolutional conv)) {
            throw new InvalidInputTypeException("masked max pool needs a convolutional feature map, got " + vertexInputs[0]);
        }
        return InputType.feedForward(conv.getChannels());
    }

    @Override
    public MemoryReport getMemoryReport(InputType... inputTypes) {
        InputType out = getOutputType(-1, inputTypes);
        return new LayerMemoryReport.Builder(null, MaskedMaxPoolVertex.class, inputTypes[0], out)
                .standardMemory(0, 0).workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
    }

    /** Which positions of a feature map {@code width} wide hold a word, per caption ({@code [n][width]}). */
    static boolean[][] wordPositions(double[] words, int n, int slots, int width) {
        int window = (slots + width - 1) / width;
        boolean[][] valid = new boolean[n][width];
        for (int i = 0; i < n; i++) {
            boolean any = false;
            for (int s = 0; s < slots; s++) {
                if (words[i * slots + s] > 0) {
                    valid[i][Math.min(width - 1, s / window)] = true;
                    any = true;
                }
            }
            if (!any) {
                java.util.Arrays.fill(valid[i], true);
            }
        }
        return valid;
    }

    private static final class Impl extends BaseGraphVertex {
        Impl(ComputationGraph graph, String name, int vertexIndex, DataType dataType) {
            super(graph, name, vertexIndex, null, null, dataType);
        }

        @Override
        public boolean hasLayer() {
            return false;
        }

        @Override
        public Layer getLayer() {
            return null;
        }

        /** For each caption and channel, the flat index (into the {@code [n, c, w]} map) of its pooled maximum. */
        private int[] argMax(double[] x, int n, int c, int w) {
            INDArray words = inputs[1];
            int slots = (int) (words.length() / n);
            boolean[][] valid = wordPositions(words.dup('c').reshape(words.length()).toDoubleVector(), n, slots, w);
            int[] best = new int[n * c];
            for (int i = 0; i < n; i++) {
                for (int ch = 0; ch < c; ch++) {
                    int base = (i * c + ch) * w;
                    int arg = -1;
                    for (int p = 0; p < w; p++) {
                        if (valid[i][p] && (arg < 0 || x[base + p] > x[arg])) {
                            arg = base + p;
                        }
                    }
                    best[i * c + ch] = arg;
                }
            }
            return best;
        }

        private static long[] mapShape(INDArray x) {
            return new long[]{x.size(0), x.size(1), x.length() / (x.size(0) * x.size(1))};
        }

        @Override
        public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
            if (!canDoForward()) {
                throw new IllegalStateException("masked max pool " + vertexName + ": inputs not set");
            }
            INDArray map = inputs[0];
            long[] s = mapShape(map);
            int n = (int) s[0], c = (int) s[1], w = (int) s[2];
            double[] x = map.dup('c').reshape(map.length()).toDoubleVector();
            int[] best = argMax(x, n, c, w);
            double[] out = new double[n * c];
            for (int k = 0; k < out.length; k++) {
                out[k] = x[best[k]];
            }
            return workspaceMgr.dup(ArrayType.ACTIVATIONS, detached(out, map.dataType(), n, c));
        }

        @Override
        public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
            if (!canDoBackward()) {
                throw new IllegalStateException("masked max pool " + vertexName + ": inputs or epsilon not set");
            }
            INDArray map = inputs[0];
            long[] s = mapShape(map);
            int n = (int) s[0], c = (int) s[1], w = (int) s[2];
            int[] best = argMax(map.dup('c').reshape(map.length()).toDoubleVector(), n, c, w);
            double[] eps = epsilon.dup('c').reshape(epsilon.length()).toDoubleVector();
            double[] grad = new double[n * c * w];
            for (int k = 0; k < best.length; k++) {
                grad[best[k]] = eps[k];
            }
            INDArray mapGrad = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD,
                    detached(grad, map.dataType(), map.shape()));
            // word indices get no gradient (as from the embedding layer, which reads them too)
            return new Pair<>(null, new INDArray[]{mapGrad, null});
        }

        private static INDArray detached(double[] values, DataType type, long... shape) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                return Nd4j.create(values, shape, 'c').castTo(type);
            }
        }

        @Override
        public void setBackpropGradientsViewArray(INDArray backpropGradientsViewArray) {
            if (backpropGradientsViewArray != null) {
                throw new IllegalStateException("masked max pool has no parameters");
            }
        }

        @Override
        public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState,
                                                               int minibatchSize) {
            return new Pair<>(null, currentMaskState);
        }

        @Override
        public String toString() {
            return "MaskedMaxPoolVertex(" + vertexName + ")";
        }
    }
}
