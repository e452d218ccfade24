package org.dualpath.model.bench;

import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Wall time of every vertex of a DL4J computation graph, forward and backward, measured by running the graph one
 * vertex at a time in topological order (forward) and in reverse (backward, epsilons summed where a vertex feeds
 * several others), without workspaces; a forward-only profile runs in inference mode. The sum of the vertices is compared with a whole {@code fit} (or
 * {@code output}) of the same data: the difference is the updater plus the graph's own bookkeeping.
 */
final class LayerProfile {
    /** Forward and backward seconds of one vertex, averaged over the measured repetitions. */
    record VertexTime(String name, String type, double forward, double backward) {
    }

    private final ComputationGraph graph;

    LayerProfile(ComputationGraph graph) {
        this.graph = graph;
    }

    /** Times {@code repeats} forward (and, when {@code backward}, backward) passes over {@code data}, after one warm-up. */
    List<VertexTime> measure(MultiDataSet data, boolean backward, int repeats) {
        Map<String, double[]> seconds = new LinkedHashMap<>();
        for (int r = -1; r < repeats; r++) {
            Map<String, double[]> pass = pass(data, backward);
            if (r >= 0) {
                pass.forEach((name, t) -> {
                    double[] sum = seconds.computeIfAbsent(name, k -> new double[2]);
                    sum[0] += t[0] / repeats;
                    sum[1] += t[1] / repeats;
                });
            }
        }
        List<VertexTime> times = new ArrayList<>();
        seconds.forEach((name, t) -> times.add(new VertexTime(name, typeOf(graph.getVertex(name)), t[0], t[1])));
        return times;
    }

    private Map<String, double[]> pass(MultiDataSet data, boolean backward) {
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        GraphVertex[] vertices = graph.getVertices();
        int[] order = graph.topologicalSortOrder();
        Map<String, double[]> seconds = new LinkedHashMap<>();
        Map<Integer, INDArray> outputs = new LinkedHashMap<>();
        for (int index : order) {
            GraphVertex v = vertices[index];
            INDArray out;
            long start = System.nanoTime();
            if (v.isInputVertex()) {
                out = data.getFeatures(v.getVertexIndex());
            } else {
                if (v.isOutputVertex() && v.hasLayer() && v.getLayer() instanceof IOutputLayer o) {
                    o.setLabels(data.getLabels(graph.getConfiguration().getNetworkOutputs().indexOf(v.getVertexName())));
                }
                // a forward-only profile is of inference (batch norm with its running statistics)
                out = v.doForward(backward, mgr);
            }
            seconds.put(v.getVertexName(), new double[]{(System.nanoTime() - start) / 1e9, 0});
            outputs.put(index, out);
            VertexIndices[] next = v.getOutputVertices();
            if (next != null) {
                for (VertexIndices n : next) {
                    vertices[n.getVertexIndex()].setInput(n.getVertexEdgeNumber(), out, mgr);
                }
            }
        }
        if (backward) {
            Map<Integer, INDArray> epsilons = new LinkedHashMap<>();
            for (int i = order.length - 1; i >= 0; i--) {
                GraphVertex v = vertices[order[i]];
                if (v.isInputVertex()) {
                    continue;
                }
                INDArray eps = epsilons.get(order[i]);
                if (eps == null && !v.isOutputVertex()) {
                    continue;
                }
                long start = System.nanoTime();
                v.setEpsilon(eps);
                Pair<?, INDArray[]> result = v.doBackward(false, mgr);
                seconds.get(v.getVertexName())[1] = (System.nanoTime() - start) / 1e9;
                VertexIndices[] inputs = v.getInputVertices();
                for (int k = 0; inputs != null && k < inputs.length; k++) {
                    INDArray e = result.getSecond()[k];
                    if (e != null) {
                        epsilons.merge(inputs[k].getVertexIndex(), e.dup(), INDArray::addi);
                    }
                }
            }
        }
        for (GraphVertex v : vertices) {
            v.clear();
        }
        return seconds;
    }

    private static String typeOf(GraphVertex v) {
        return v.hasLayer() ? v.getLayer().getClass().getSimpleName() : v.getClass().getSimpleName();
    }

    /** Prints the per-vertex table grouped by {@code groupOf}, with group totals. */
    static void print(List<VertexTime> times, Function<String, String> groupOf, double wholeStep) {
        Map<String, double[]> groups = new LinkedHashMap<>();
        Map<String, double[]> types = new LinkedHashMap<>();
        double total = 0;
        System.out.printf(Locale.ROOT, "%-28s %-28s %10s %10s%n", "vertex", "type", "fwd ms", "bwd ms");
        for (VertexTime t : times) {
            System.out.printf(Locale.ROOT, "%-28s %-28s %10.2f %10.2f%n", t.name(), t.type(), t.forward() * 1e3, t.backward() * 1e3);
            double[] g = groups.computeIfAbsent(groupOf.apply(t.name()), k -> new double[2]);
            g[0] += t.forward();
            g[1] += t.backward();
            double[] ty = types.computeIfAbsent(t.type(), k -> new double[2]);
            ty[0] += t.forward();
            ty[1] += t.backward();
            total += t.forward() + t.backward();
        }
        System.out.println();
        printTotals("by part", groups, wholeStep);
        printTotals("by layer type", types, wholeStep);
        System.out.printf(Locale.ROOT, "sum of vertices %.1f ms; whole step %.1f ms; updater + graph overhead %.1f ms%n",
                total * 1e3, wholeStep * 1e3, (wholeStep - total) * 1e3);
    }

    private static void printTotals(String title, Map<String, double[]> totals, double wholeStep) {
        System.out.println(title + ":");
        totals.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue()[0] + b.getValue()[1], a.getValue()[0] + a.getValue()[1]))
                .forEach(e -> System.out.printf(Locale.ROOT, "  %-28s fwd %8.1f ms  bwd %8.1f ms  (%4.1f%% of the step)%n",
                        e.getKey(), e.getValue()[0] * 1e3, e.getValue()[1] * 1e3,
                        100 * (e.getValue()[0] + e.getValue()[1]) / wholeStep));
        System.out.println();
    }
}
