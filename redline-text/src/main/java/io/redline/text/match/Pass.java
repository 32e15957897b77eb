package io.redline.text.match;

import io.redline.text.normalize.FoldTable;

/**
 * One pass over a text, in two tight loops: decode code points and fold them through a
 * {@link FoldTable} into the folded stream (which the detectors read too); then skip noise,
 * collapse repeats, step the {@link Automaton} and record validated matches with their spans in
 * the original text. This is the hot path: it touches only arrays and locals.
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
     * @param folded    keep the detector trigger list (the folded stream itself is always left in scratch)
     */
    public static void run(
            CharSequence text,
            FoldTable table,
            Automaton ac,
            Patterns pats,
            boolean skipNoise,
            boolean collapse,
            int maxGap,
            boolean folded,
            PassScratch s) {
        int n = text.length();
        s.prepare(n, ac.maxLen);
        fold(text, table, s);
        match(ac, pats, skipNoise, collapse, maxGap, s);
        // One unit per character folded and per folded character stepped; reports add their checks.
        s.work += n + s.fn;
        if (!folded) {
            s.tn = 0;
        }
    }

    /** Bit of a folded-stream start offset telling that the original character was a surrogate pair. */
    public static final int PAIR = 1 << 30;

    public static final int OFFSET_MASK = PAIR - 1;

    private static final int TRIGGER_SHIFT = Integer.numberOfTrailingZeros(FoldTable.TRIGGER);

    /**
     * Loop 1: decode and fold into the folded stream (entry, original start) and list the trigger
     * positions. Kept apart from matching so each loop stays small enough for the JIT to keep its
     * state in registers.
     */
    private static void fold(CharSequence text, FoldTable table, PassScratch s) {
        int n = text.length();
        // One bulk copy, then plain array reads: cheaper than a CharSequence call per character.
        final char[] chars = s.chars(n);
        if (text instanceof String str) {
            str.getChars(0, n, chars, 0);
        } else {
            for (int k = 0; k < n; k++) {
                chars[k] = text.charAt(k);
            }
        }
        final int[] entries = table == null ? null : table.entries();
        final int[] pool = table == null ? null : table.pool();
        int[] fcp = s.fcp;
        int[] fstart = s.fstart;
        int[] trig = s.trig;
        int fn = 0;
        int tn = 0;
        int i = 0;
        while (i < n) {
            char ch = chars[i];
            int cp = ch;
            int start = i;
            i++;
            if (Character.isHighSurrogate(ch) && i < n && Character.isLowSurrogate(chars[i])) {
                cp = Character.toCodePoint(ch, chars[i]);
                i++;
                start |= PAIR;
            }
            int e = entries == null ? cp : cp < FoldTable.SIZE ? entries[cp] : table.outside(cp);
            if ((e & (FoldTable.DROP | FoldTable.EXPAND)) == 0) {
                // Written always and kept only for a trigger: no branch on a character class that
                // comes and goes at random in ordinary text (the list is as long as the stream).
                trig[tn] = fn;
                tn += (e >>> TRIGGER_SHIFT) & 1;
                fcp[fn] = e;
                fstart[fn] = start;
                fn++;
            } else if ((e & FoldTable.EXPAND) != 0) {
                int at = (e & FoldTable.VALUE_MASK) + 1;
                int count = pool[at - 1];
                if (fn + count + (n - i) > fcp.length) {
                    s.growFolded(fn + count + (n - i));
                    fcp = s.fcp;
                    fstart = s.fstart;
                    trig = s.trig;
                }
                for (int k = 0; k < count; k++) {
                    int ee = pool[at + k];
                    if ((ee & FoldTable.TRIGGER) != 0) {
                        trig[tn++] = fn;
                    }
                    fcp[fn] = ee;
                    fstart[fn] = start;
                    fn++;
                }
            }
        }
        s.fn = fn;
        s.tn = tn;
    }

    /**
     * Loop 2: skip noise, collapse repeats, step the automaton and report validated matches. The
     * ring remembers, per compacted position, the folded-stream index of its first and last
     * character; spans, gaps, runs and neighbours are all recovered from the folded stream when a
     * match is reported, so the loop writes two ints per position.
     */
    private static void match(
            Automaton ac, Patterns pats, boolean skipNoise, boolean collapse, int maxGap, PassScratch s) {
        final int[] fcp = s.fcp;
        final int fn = s.fn;
        final char[] alpha = ac.alpha;
        final int[] nodes = ac.nodes;
        final int[] rootNext = ac.rootNext;
        final int[] outAt = ac.outAt;
        final int[] rfirst = s.rfirst;
        final int[] rlast = s.rlast;
        final int mask = s.rmask;
        int pos = -1;
        int state = 0;
        int pending = -1;
        int gap = 0;
        int lastBig = -1;
        int prevCp = -1;
        for (int k = 0; k < fn; k++) {
            int ee = fcp[k];
            if ((ee & FoldTable.NOISE) != 0 && skipNoise) {
                gap++;
                continue;
            }
            int v = ee & FoldTable.VALUE_MASK;
            if (collapse && v == prevCp) {
                rlast[pos & mask] = k;
                continue;
            }
            pos++;
            int slot = pos & mask;
            rfirst[slot] = k;
            rlast[slot] = k;
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
            pending = nodes[state * Automaton.NODE + 2] < 0 ? outAt[state] : -1;
        }
        if (pending >= 0) {
            report(ac, pats, s, pending, pos, -1, 0, lastBig);
        }
    }

    private static void report(
            Automaton ac, Patterns pats, PassScratch s, int from, int p, int nextCp, int nextGap, int lastBig) {
        final int mask = s.rmask;
        final int[] outs = ac.outs;
        final byte[] allFlags = pats.flags();
        int end = from + 1 + outs[from];
        s.work += outs[from];
        for (int o = from + 1; o < end; o++) {
            int pid = outs[o];
            int len = ac.patLen[pid];
            int sp = p - len + 1;
            if (lastBig > sp) {
                continue;
            }
            if (len >= 2 && naturalBreak(s, sp, p)) {
                continue;
            }
            int flags = allFlags[pid];
            if (flags != 0) {
                if ((flags & Patterns.RUNS) != 0 && !runsHold(s, pats.runs()[pid], sp)) {
                    continue;
                }
                if ((flags & Patterns.EDGE_START) != 0 && sp > 0) {
                    int prevLast = s.rlast[(sp - 1) & mask];
                    boolean adjacent = s.rfirst[sp & mask] == prevLast + 1;
                    if (adjacent && isWordChar(s.fcp[prevLast] & FoldTable.VALUE_MASK)) {
                        continue;
                    }
                }
                if ((flags & Patterns.EDGE_END) != 0 && nextCp >= 0 && nextGap == 0 && isWordChar(nextCp)) {
                    continue;
                }
            }
            s.addMatch(pid, startOf(s, s.rfirst[sp & mask]), endOf(s, s.rlast[p & mask]));
        }
    }

    /**
     * True when the only noise inside the match is ordinary clause punctuation between two Han
     * characters: 大，麻烦 is a sentence, not 大麻. Evasions put noise at several places or use
     * symbols (刷*单, 加、☆微信, 代!还，信#用卡), so they still match.
     */
    static boolean naturalBreak(PassScratch s, int sp, int p) {
        int mask = s.rmask;
        int at = -1;
        s.work += p - sp;
        for (int q = sp + 1; q <= p; q++) {
            if (s.rfirst[q & mask] != s.rlast[(q - 1) & mask] + 1) {
                if (at >= 0) {
                    return false;
                }
                at = q;
            }
        }
        if (at < 0) {
            return false;
        }
        int before = s.rlast[(at - 1) & mask];
        int after = s.rfirst[at & mask];
        if (!isHanLike(s.fcp[before] & FoldTable.VALUE_MASK) || !isHanLike(s.fcp[after] & FoldTable.VALUE_MASK)) {
            return false;
        }
        s.work += after - before;
        for (int k = before + 1; k < after; k++) {
            if (!isClausePunctuation(s.fcp[k] & FoldTable.VALUE_MASK)) {
                return false;
            }
        }
        return true;
    }

    /** Punctuation that ends a clause in running text (full-width forms arrive folded to ASCII). The ASCII full stop is not: 刷.单 is an evasion. */
    static boolean isClausePunctuation(int cp) {
        return cp == ',' || cp == '!' || cp == '?' || cp == ';' || cp == ':' || cp == '、' || cp == '。' || cp == '～'
                || cp == '~';
    }

    /** Han ideographs, and the syllable codes that stand for them in the phonetic pass. */
    static boolean isHanLike(int cp) {
        return (cp >= 0x3400 && cp <= 0x9FFF)
                || (cp >= 0xF900 && cp <= 0xFAFF)
                || (cp >= 0x20000 && cp <= 0x3FFFF)
                || (cp >= 0xE000 && cp < 0xE400);
    }

    /** Original start of folded-stream entry k. */
    static int startOf(PassScratch s, int k) {
        return s.fstart[k] & OFFSET_MASK;
    }

    /** Original end of folded-stream entry k. */
    static int endOf(PassScratch s, int k) {
        int st = s.fstart[k];
        return (st & OFFSET_MASK) + 1 + (st >>> 30);
    }

    /** Each position of the match repeats its character at least as often as the term requires. */
    private static boolean runsHold(PassScratch s, int[] runs, int sp) {
        for (int k = 0; k < runs.length; k++) {
            int slot = (sp + k) & s.rmask;
            int first = s.rfirst[slot];
            int last = s.rlast[slot];
            int v = s.fcp[first] & FoldTable.VALUE_MASK;
            int run = 0;
            // Stop as soon as the run is long enough: a collapsed position can hold a whole text
            // ("哈.哈.哈.…"), and counting all of it at every report would read it again and again.
            for (int j = first; j <= last && run < runs[k]; j++) {
                s.work++;
                if ((s.fcp[j] & FoldTable.VALUE_MASK) == v
                        && (s.fcp[j] & FoldTable.NOISE) == (s.fcp[first] & FoldTable.NOISE)) {
                    run++;
                }
            }
            if (run < runs[k]) {
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
