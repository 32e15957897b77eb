package io.redline.text.match;

import io.redline.text.normalize.FoldTable;
import java.util.Arrays;

/**
 * The patterns of one automaton as they are compiled: each pattern's code points, its checks
 * ({@link Patterns}: whole-word edges, run requirements), the payload it stands for (a term index
 * or an allow-list marker, the caller's choice) and its normalised text. {@link #build} turns
 * them into a {@link Compiled} pass can run.
 */
public final class PatternSet {
    private final Automaton.Builder builder = new Automaton.Builder();
    private byte[] flags = new byte[1024];
    private int[][] runs = new int[1024][];
    private int[] payload = new int[1024];
    private String[] normalized = new String[1024];

    /**
     * A compiled pattern set: the folding table the text goes through, the automaton, the
     * per-pattern checks, and per pattern id its payload and normalised text.
     */
    public record Compiled(
            FoldTable table, Automaton automaton, Patterns patterns, int[] payload, String[] normalized) {}

    public int size() {
        return builder.size();
    }

    /**
     * Adds a pattern; false when it cannot be compiled (empty, or characters beyond plane 1).
     *
     * @param edges whether a Latin letter or digit directly before or after the match cancels it
     */
    public boolean add(int[] cps, int[] patternRuns, int payloadOf, boolean edges) {
        if (cps.length == 0) {
            return false;
        }
        for (int cp : cps) {
            if (cp >= FoldTable.SIZE) {
                return false;
            }
        }
        int pid = builder.add(cps);
        if (pid == flags.length) {
            flags = Arrays.copyOf(flags, pid * 2);
            runs = Arrays.copyOf(runs, pid * 2);
            payload = Arrays.copyOf(payload, pid * 2);
            normalized = Arrays.copyOf(normalized, pid * 2);
        }
        normalized[pid] = new String(cps, 0, cps.length);
        byte f = 0;
        if (edges && Pass.isWordChar(cps[0])) {
            f |= Patterns.EDGE_START;
        }
        if (edges && Pass.isWordChar(cps[cps.length - 1])) {
            f |= Patterns.EDGE_END;
        }
        for (int r : patternRuns) {
            if (r > 1) {
                f |= Patterns.RUNS;
                runs[pid] = patternRuns.clone();
                break;
            }
        }
        flags[pid] = f;
        payload[pid] = payloadOf;
        return true;
    }

    /** Adds syllable codes, merging equal neighbours (the text's phonetic stream collapses them too). */
    public void addCollapsed(int[] codes, int[] codeRuns, int payloadOf, boolean collapse) {
        if (!collapse) {
            add(codes, codeRuns, payloadOf, false);
            return;
        }
        int[] out = new int[codes.length];
        int[] outRuns = new int[codes.length];
        int n = 0;
        for (int i = 0; i < codes.length; i++) {
            if (n > 0 && out[n - 1] == codes[i]) {
                outRuns[n - 1] += codeRuns[i];
            } else {
                out[n] = codes[i];
                outRuns[n] = codeRuns[i];
                n++;
            }
        }
        add(Arrays.copyOf(out, n), Arrays.copyOf(outRuns, n), payloadOf, false);
    }

    public Compiled build(FoldTable table) {
        int n = builder.size();
        return new Compiled(
                table,
                builder.build(),
                new Patterns(Arrays.copyOf(flags, n), Arrays.copyOf(runs, n)),
                Arrays.copyOf(payload, n),
                Arrays.copyOf(normalized, n));
    }
}
