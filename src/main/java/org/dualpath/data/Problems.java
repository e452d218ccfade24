package org.dualpath.data;

import org.dualpath.common.InputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Collects dataset problems grouped by kind, keeping a count and the first few examples of each. A
 * fail-fast collector instead throws an {@link InputException} at the first fatal problem, which is how the
 * readers behave when they are not run by {@link DataChecker}.
 */
public final class Problems {
    /** How many examples of each kind are kept. */
    public static final int MAX_EXAMPLES = 5;

    private final boolean failFast;
    private final Map<DataProblem, Integer> counts = new EnumMap<>(DataProblem.class);
    private final Map<DataProblem, List<String>> examples = new EnumMap<>(DataProblem.class);

    private Problems(boolean failFast) {
        this.failFast = failFast;
    }

    /** A collector that keeps every problem. */
    public static Problems collecting() {
        return new Problems(false);
    }

    /** A collector that throws at the first fatal problem and ignores warnings. */
    public static Problems failFast() {
        return new Problems(true);
    }

    /** Reports one problem of {@code kind} found in {@code file}; {@code detail} says where and what. */
    public void report(DataProblem kind, Path file, String detail) {
        if (failFast) {
            if (kind.fatal()) {
                throw new InputException(file + ": " + detail + "; " + kind.fix());
            }
            return;
        }
        counts.merge(kind, 1, Integer::sum);
        List<String> list = examples.computeIfAbsent(kind, k -> new ArrayList<>());
        if (list.size() < MAX_EXAMPLES) {
            list.add(detail);
        }
    }

    /**
     * Reports an entry the reader left out because it is malformed ({@code error}: the reader's own one-line
     * message); a fail-fast collector throws {@code error} as it is.
     */
    public void malformed(Path file, InputException error) {
        if (failFast) {
            throw error;
        }
        String detail = error.getMessage();
        String prefix = file + ": ";
        String suffix = "; " + DataProblem.MALFORMED_ENTRY.fix();
        if (detail.startsWith(prefix)) {
            detail = detail.substring(prefix.length());
        }
        if (detail.endsWith(suffix)) {
            detail = detail.substring(0, detail.length() - suffix.length());
        }
        report(DataProblem.MALFORMED_ENTRY, file, detail);
    }

    /** The kinds reported so far, in declaration order (fatal kinds first). */
    public List<DataProblem> kinds() {
        return List.copyOf(counts.keySet());
    }

    /** How many problems of {@code kind} were reported. */
    public int count(DataProblem kind) {
        return counts.getOrDefault(kind, 0);
    }

    /** The first {@link #MAX_EXAMPLES} problems of {@code kind}. */
    public List<String> examples(DataProblem kind) {
        return Collections.unmodifiableList(examples.getOrDefault(kind, List.of()));
    }

    /** True when any fatal problem was reported. */
    public boolean hasFatal() {
        return counts.keySet().stream().anyMatch(DataProblem::fatal);
    }
}
