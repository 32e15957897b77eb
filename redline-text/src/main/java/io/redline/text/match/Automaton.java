package io.redline.text.match;

import java.util.Arrays;

/**
 * Aho-Corasick automaton over code points, stored in flat int arrays (our own: matching is the
 * product's core, and it must run on the folded, noise-compacted stream, not on chars).
 *
 * <p>Layout: code points map to a dense alphabet (0 = not in any pattern, which sends the
 * automaton straight to the root, the common case in ordinary text); the root's transitions are
 * a dense array; other states keep their children sorted by label in one edge array (linear
 * scan for a few children, binary search for many). Each state knows the nearest state on its
 * failure chain that ends a pattern, so reporting costs nothing in states without outputs.
 */
public final class Automaton {
    static final int ALPHA_TABLE = 0x20000;

    final int[] alpha;
    final int[] rootNext;
    final int[] childStart;
    final int[] childLabel;
    final int[] childTarget;
    final int[] fail;
    /** First state to report from (the state itself or a dictionary-suffix state), or -1. */
    final int[] reportFrom;
    final int[] dictLink;
    final int[] outHead;
    final int[] pidNext;
    final int[] patLen;
    final int maxLen;

    private Automaton(int[] alpha, int[] rootNext, int[] childStart, int[] childLabel, int[] childTarget, int[] fail,
            int[] reportFrom, int[] dictLink, int[] outHead, int[] pidNext, int[] patLen, int maxLen) {
        this.alpha = alpha;
        this.rootNext = rootNext;
        this.childStart = childStart;
        this.childLabel = childLabel;
        this.childTarget = childTarget;
        this.fail = fail;
        this.reportFrom = reportFrom;
        this.dictLink = dictLink;
        this.outHead = outHead;
        this.pidNext = pidNext;
        this.patLen = patLen;
        this.maxLen = maxLen;
    }

    public int patternCount() {
        return patLen.length;
    }

    public int stateCount() {
        return fail.length;
    }

    /** Longest pattern, in code points. */
    public int maxLength() {
        return maxLen;
    }

    /** Length of pattern pid, in code points. */
    public int length(int pid) {
        return patLen[pid];
    }

    /** Alphabet id of cp (0 when no pattern contains it). */
    int symbol(int cp) {
        return cp < ALPHA_TABLE ? alpha[cp] : 0;
    }

    /** The state after reading symbol a (non-zero) in state s. */
    int next(int s, int a) {
        while (true) {
            if (s == 0) {
                return rootNext[a];
            }
            int t = child(s, a);
            if (t >= 0) {
                return t;
            }
            s = fail[s];
        }
    }

    private int child(int s, int a) {
        int lo = childStart[s];
        int hi = childStart[s + 1];
        if (hi - lo <= 8) {
            for (int i = lo; i < hi; i++) {
                int l = childLabel[i];
                if (l == a) {
                    return childTarget[i];
                }
                if (l > a) {
                    return -1;
                }
            }
            return -1;
        }
        hi--;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int l = childLabel[mid];
            if (l < a) {
                lo = mid + 1;
            } else if (l > a) {
                hi = mid - 1;
            } else {
                return childTarget[mid];
            }
        }
        return -1;
    }

    /** Collects patterns (as code point arrays) and builds the automaton. */
    public static final class Builder {
        private int[][] patterns = new int[1024][];
        private int count;

        /** Adds a pattern and returns its id (ids are dense, in insertion order). */
        public int add(int[] codePoints) {
            if (codePoints.length == 0) {
                throw new IllegalArgumentException("empty pattern");
            }
            for (int cp : codePoints) {
                if (cp >= ALPHA_TABLE) {
                    throw new IllegalArgumentException("pattern code point out of range: U+" + Integer.toHexString(cp));
                }
            }
            if (count == patterns.length) {
                patterns = Arrays.copyOf(patterns, count * 2);
            }
            patterns[count] = codePoints;
            return count++;
        }

        public int size() {
            return count;
        }

        public Automaton build() {
            int[] alpha = new int[ALPHA_TABLE];
            int symbols = 0;
            int totalChars = 0;
            int maxLen = 0;
            for (int p = 0; p < count; p++) {
                totalChars += patterns[p].length;
                maxLen = Math.max(maxLen, patterns[p].length);
                for (int cp : patterns[p]) {
                    if (alpha[cp] == 0) {
                        alpha[cp] = ++symbols;
                    }
                }
            }
            // Trie: edges in a hash keyed by (parent, symbol); node 0 is the root.
            LongIntMap edges = new LongIntMap(Math.max(16, totalChars));
            int nodes = 1;
            int[] patLen = new int[count];
            int[] endNode = new int[count];
            for (int p = 0; p < count; p++) {
                int s = 0;
                for (int cp : patterns[p]) {
                    long key = ((long) s << 21) | alpha[cp];
                    int t = edges.get(key);
                    if (t < 0) {
                        t = nodes++;
                        edges.put(key, t);
                    }
                    s = t;
                }
                patLen[p] = patterns[p].length;
                endNode[p] = s;
            }
            long[] keys = edges.keys();
            Arrays.sort(keys);
            int[] rootNext = new int[symbols + 1];
            int[] childStart = new int[nodes + 1];
            int[] childLabel = new int[keys.length];
            int[] childTarget = new int[keys.length];
            for (int i = 0; i < keys.length; i++) {
                int parent = (int) (keys[i] >>> 21);
                int label = (int) (keys[i] & 0x1FFFFF);
                childLabel[i] = label;
                childTarget[i] = edges.get(keys[i]);
                childStart[parent + 1]++;
                if (parent == 0) {
                    rootNext[label] = childTarget[i];
                }
            }
            for (int s = 0; s < nodes; s++) {
                childStart[s + 1] += childStart[s];
            }
            int[] outHead = new int[nodes];
            Arrays.fill(outHead, -1);
            int[] pidNext = new int[count];
            for (int p = count - 1; p >= 0; p--) {
                pidNext[p] = outHead[endNode[p]];
                outHead[endNode[p]] = p;
            }
            int[] fail = new int[nodes];
            int[] dictLink = new int[nodes];
            int[] reportFrom = new int[nodes];
            Arrays.fill(dictLink, -1);
            reportFrom[0] = -1;
            Automaton a = new Automaton(alpha, rootNext, childStart, childLabel, childTarget, fail, reportFrom, dictLink,
                    outHead, pidNext, patLen, maxLen);
            // Breadth-first, so every failure target is final before it is used.
            int[] queue = new int[nodes];
            int head = 0;
            int tail = 0;
            for (int i = childStart[0]; i < childStart[1]; i++) {
                int t = childTarget[i];
                fail[t] = 0;
                queue[tail++] = t;
            }
            while (head < tail) {
                int s = queue[head++];
                int f = fail[s];
                dictLink[s] = f != 0 && outHead[f] >= 0 ? f : (f != 0 ? dictLink[f] : -1);
                reportFrom[s] = outHead[s] >= 0 ? s : dictLink[s];
                for (int i = childStart[s]; i < childStart[s + 1]; i++) {
                    int t = childTarget[i];
                    fail[t] = a.next(f, childLabel[i]);
                    if (fail[t] == t) {
                        fail[t] = 0;
                    }
                    queue[tail++] = t;
                }
            }
            return a;
        }
    }
}
