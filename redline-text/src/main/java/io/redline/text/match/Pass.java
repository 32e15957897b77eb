package io.redline.text.match;

import io.redline.text.normalize.FoldTable;

/**
 * One pass over a text: decode code points, fold them through a {@link FoldTable}, skip noise,
 * collapse repeats, step the {@link Automaton} and record validated matches with their spans in
 * the original text. This loop is the hot path: it touches only arrays and locals.
 *
 * <p>Gap rule: the number of noise characters between two consecutive term characters may not
 * exceed {@code maxGap}. Repeats of the previous character are collapsed (free, unbounded) and do
 * not count as noise. A match's outputs are checked one position late, when its last character
 * can no longer grow a run and the next character (for whole-word edges) is known.
 */
public final class Pass {
    private Pass() {}

    /**
     * @param table     folding table, or null to match raw code points (exact mode)
     * @param skipNoise when false, noise characters are ordinary characters
     * @param collapse  collapse runs of the same character
     * @param maxGap    noise characters allowed between two term characters
     * @param folded    also record the folded stream in scratch (for detectors)
     */
    public static void run(CharSequence text, FoldTable table, Automaton ac, Patterns pats, boolean skipNoise,
            boolean collapse, int maxGap, boolean folded, Scratch s) {
        int n = text.length();
        s.prepare(n, ac.maxLen, folded);
        final int[] entries = table == null ? null : table.entries();
        final int[] pool = table == null ? null : table.pool();
        final int[] alpha = ac.alpha;
        final int[] nodes = ac.nodes;
        final int[] rootNext = ac.rootNext;
        final int[] rcp = s.rcp;
        final int[] rstart = s.rstart;
        final int[] rend = s.rend;
        final int[] rmeta = s.rmeta;
        final int mask = s.rmask;
        int[] fcp = s.fcp;
        int[] fstart = s.fstart;
        int fn = 0;
        int[] trig = s.trig;
        int tn = 0;

        int pos = -1;
        int state = 0;
        int pending = -1;
        int gap = 0;
        int lastBig = -1;
        int prevCp = -1;
        int i = 0;
        while (i < n) {
            char ch = text.charAt(i);
            int cp = ch;
            int next = i + 1;
            if (Character.isHighSurrogate(ch) && next < n) {
                char lo = text.charAt(next);
                if (Character.isLowSurrogate(lo)) {
                    cp = Character.toCodePoint(ch, lo);
                    next++;
                }
            }
            int e = entries == null ? cp : cp < FoldTable.SIZE ? entries[cp] : table.outside(cp);
            int count = 1;
            int at = 0;
            if ((e & FoldTable.SPECIAL) != 0) {
                if ((e & FoldTable.DROP) != 0) {
                    i = next;
                    continue;
                }
                if ((e & FoldTable.EXPAND) != 0) {
                    at = (e & FoldTable.VALUE_MASK) + 1;
                    count = pool[at - 1];
                    if (folded && fn + count + (n - next) > fcp.length) {
                        s.fn = fn;
                        s.growFolded(fn + count + n - i);
                        fcp = s.fcp;
                        fstart = s.fstart;
                    }
                }
            }
            for (int k = 0; k < count; k++) {
                int ee = at == 0 ? e : pool[at + k];
                if (folded) {
                    if ((ee & FoldTable.TRIGGER) != 0) {
                        if (tn == trig.length) {
                            trig = s.growTriggers();
                        }
                        trig[tn++] = fn;
                    }
                    fcp[fn] = ee;
                    fstart[fn] = i;
                    fn++;
                }
                if ((ee & FoldTable.NOISE) != 0 && skipNoise) {
                    gap++;
                    continue;
                }
                int v = ee & FoldTable.VALUE_MASK;
                if (collapse && v == prevCp) {
                    int slot = pos & mask;
                    rend[slot] = next;
                    rmeta[slot] += Scratch.RUN_ONE;
                    continue;
                }
                pos++;
                int slot = pos & mask;
                rcp[slot] = v;
                rstart[slot] = i;
                rend[slot] = next;
                rmeta[slot] = Scratch.RUN_ONE | Math.min(gap, Scratch.GAP_MASK);
                if (pending >= 0) {
                    report(ac, pats, s, pending, pos - 1, v, gap, lastBig);
                }
                if (gap > maxGap) {
                    lastBig = pos;
                }
                gap = 0;
                prevCp = v;
                int a = v < Automaton.ALPHA_TABLE ? alpha[v] : 0;
                state = a == 0 ? 0 : state == 0 ? rootNext[a] : ac.next(state, a);
                pending = nodes[state * Automaton.NODE + 3];
            }
            i = next;
        }
        if (pending >= 0) {
            report(ac, pats, s, pending, pos, -1, 0, lastBig);
        }
        s.fn = fn;
        s.tn = tn;
        s.textLength = n;
    }

    private static void report(Automaton ac, Patterns pats, Scratch s, int from, int p, int nextCp, int nextGap, int lastBig) {
        final int mask = s.rmask;
        final int[] outs = ac.outs;
        final byte[] allFlags = pats.flags();
        int end = from + 1 + outs[from];
        for (int o = from + 1; o < end; o++) {
            {
                int pid = outs[o];
                int len = ac.patLen[pid];
                int sp = p - len + 1;
                if (lastBig > sp) {
                    continue;
                }
                int flags = allFlags[pid];
                if (flags != 0) {
                    if ((flags & Patterns.RUNS) != 0 && !runsHold(s, pats.runs()[pid], sp)) {
                        continue;
                    }
                    if ((flags & Patterns.EDGE_START) != 0 && sp > 0 && (s.rmeta[sp & mask] & Scratch.GAP_MASK) == 0
                            && isWordChar(s.rcp[(sp - 1) & mask])) {
                        continue;
                    }
                    if ((flags & Patterns.EDGE_END) != 0 && nextCp >= 0 && nextGap == 0 && isWordChar(nextCp)) {
                        continue;
                    }
                }
                s.addMatch(pid, s.rstart[sp & mask], s.rend[p & mask]);
            }
        }
    }

    private static boolean runsHold(Scratch s, int[] runs, int sp) {
        for (int k = 0; k < runs.length; k++) {
            if ((s.rmeta[(sp + k) & s.rmask] >>> 16) < runs[k]) {
                return false;
            }
        }
        return true;
    }

    /** Latin letters and digits, after folding: the characters a whole-word edge may not touch. */
    public static boolean isWordChar(int cp) {
        return (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9');
    }
}
