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

    /** Node record stride: edge start, edge end, failure state, output list offset (or -1). */
    static final int NODE = 4;

    final int[] alpha;
    final int[] rootNext;
    /** Per state, {@link #NODE} ints side by side, so one cache line serves a whole step. */
    final int[] nodes;
    /** Edges as (label, target) pairs, sorted by label within a state. */
    final int[] edges;
    /** Output lists: count, then pattern ids (the state's own and those of its dictionary suffixes). */
    final int[] outs;
    final int[] patLen;
    final int maxLen;

    private Automaton(int[] alpha, int[] rootNext, int[] nodes, int[] edges, int[] outs, int[] patLen, int maxLen) {
        this.alpha = alpha;
        this.rootNext = rootNext;
        this.nodes = nodes;
        this.edges = edges;
        this.outs = outs;
        this.patLen = patLen;
        this.maxLen = maxLen;
    }

    public int patternCount() {
        return patLen.length;
    }

    public int stateCount() {
        return nodes.length / NODE;
    }

    /** Longest pattern, in code points. */
    public int maxLength() {
        return maxLen;
    }

    /** Length of pattern pid, in code points. */
    public int length(int pid) {
        return patLen[pid];
    }

    /**
     * Every occurrence of every pattern in a code point sequence, as (pattern id, end index
     * exclusive) pairs in order of end; allocating, for tests and tools (screening uses {@link Pass}).
     */
    public java.util.List<int[]> occurrences(int[] text) {
        java.util.List<int[]> out = new java.util.ArrayList<>();
        int s = 0;
        for (int i = 0; i < text.length; i++) {
            int a = symbol(text[i]);
            s = a == 0 ? 0 : next(s, a);
            int o = nodes[s * NODE + 3];
            if (o >= 0) {
                for (int k = 1; k <= outs[o]; k++) {
                    out.add(new int[] {outs[o + k], i + 1});
                }
            }
        }
        return out;
    }

    /** Alphabet id of cp (0 when no pattern contains it). */
    int symbol(int cp) {
        return cp < ALPHA_TABLE ? alpha[cp] : 0;
    }

    /** States with more children than this keep them in a small hash table instead of a sorted run. */
    static final int LINEAR_MAX = 8;

    /** The state after reading symbol a (non-zero) in state s. */
    int next(int s, int a) {
        final int[] nodes = this.nodes;
        final int[] edges = this.edges;
        while (s != 0) {
            int base = s * NODE;
            int lo = nodes[base];
            int hi = nodes[base + 1];
            if (hi >= 0) {
                for (int i = lo; i < hi; i += 2) {
                    int l = edges[i];
                    if (l >= a) {
                        if (l == a) {
                            return edges[i + 1];
                        }
                        break;
                    }
                }
            } else {
                // Hashed children: -hi slots of (label, target), open addressing, label 0 = empty.
                int mask = -hi - 1;
                int slot = hash(a) & mask;
                while (true) {
                    int l = edges[lo + 2 * slot];
                    if (l == a) {
                        return edges[lo + 2 * slot + 1];
                    }
                    if (l == 0) {
                        break;
                    }
                    slot = (slot + 1) & mask;
                }
            }
            s = nodes[base + 2];
        }
        return rootNext[a];
    }

    static int hash(int a) {
        return (a * 0x9E3779B1) >>> 16;
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
            int[] nodeArr = new int[nodes * NODE];
            int[] oldCount = new int[nodes + 1];
            int[] oldLabel = new int[keys.length];
            int[] oldTarget = new int[keys.length];
            for (int i = 0; i < keys.length; i++) {
                oldLabel[i] = (int) (keys[i] & 0x1FFFFF);
                oldTarget[i] = edges.get(keys[i]);
                oldCount[(int) (keys[i] >>> 21) + 1]++;
            }
            for (int s = 0; s < nodes; s++) {
                oldCount[s + 1] += oldCount[s];
            }
            // Renumber states breadth-first: the shallow states, visited on almost every character,
            // then sit together in memory instead of scattered in insertion order.
            int[] order = new int[nodes];
            int[] newId = new int[nodes];
            int filled = 1;
            for (int q = 0; q < filled; q++) {
                int old = order[q];
                for (int i = oldCount[old]; i < oldCount[old + 1]; i++) {
                    newId[oldTarget[i]] = filled;
                    order[filled++] = oldTarget[i];
                }
            }
            for (int p = 0; p < count; p++) {
                endNode[p] = newId[endNode[p]];
            }
            int[] childCount = new int[nodes + 1];
            int[] sortedLabel = new int[keys.length];
            int[] sortedTarget = new int[keys.length];
            int e = 0;
            for (int ns = 0; ns < nodes; ns++) {
                int old = order[ns];
                for (int i = oldCount[old]; i < oldCount[old + 1]; i++) {
                    sortedLabel[e] = oldLabel[i];
                    sortedTarget[e] = newId[oldTarget[i]];
                    if (ns == 0) {
                        rootNext[oldLabel[i]] = sortedTarget[e];
                    }
                    e++;
                }
                childCount[ns + 1] = e;
            }
            // Lay out children: a sorted run of (label, target) for few, a hash table for many.
            int[] edgeArr = new int[keys.length * 2 + 64];
            int used = 0;
            for (int s = 0; s < nodes; s++) {
                int from = childCount[s];
                int to = childCount[s + 1];
                int k = to - from;
                if (k <= LINEAR_MAX || s == 0) {
                    if (used + 2 * k > edgeArr.length) {
                        edgeArr = Arrays.copyOf(edgeArr, Math.max(edgeArr.length * 2, used + 2 * k));
                    }
                    nodeArr[s * NODE] = used;
                    for (int i = from; i < to; i++) {
                        edgeArr[used++] = sortedLabel[i];
                        edgeArr[used++] = sortedTarget[i];
                    }
                    nodeArr[s * NODE + 1] = used;
                } else {
                    int slots = Integer.highestOneBit(k * 2 - 1) << 1;
                    if (used + 2 * slots > edgeArr.length) {
                        edgeArr = Arrays.copyOf(edgeArr, Math.max(edgeArr.length * 2, used + 2 * slots));
                    }
                    int mask = slots - 1;
                    for (int i = from; i < to; i++) {
                        int slot = hash(sortedLabel[i]) & mask;
                        while (edgeArr[used + 2 * slot] != 0) {
                            slot = (slot + 1) & mask;
                        }
                        edgeArr[used + 2 * slot] = sortedLabel[i];
                        edgeArr[used + 2 * slot + 1] = sortedTarget[i];
                    }
                    nodeArr[s * NODE] = used;
                    nodeArr[s * NODE + 1] = -slots;
                    used += 2 * slots;
                }
            }
            edgeArr = Arrays.copyOf(edgeArr, used);
            int[] outHead = new int[nodes];
            Arrays.fill(outHead, -1);
            int[] pidNext = new int[count];
            for (int p = count - 1; p >= 0; p--) {
                pidNext[p] = outHead[endNode[p]];
                outHead[endNode[p]] = p;
            }
            int[] fail = new int[nodes];
            int[] dictLink = new int[nodes];
            Arrays.fill(dictLink, -1);
            Automaton a = new Automaton(alpha, rootNext, nodeArr, edgeArr, new int[0], patLen, maxLen);
            // Breadth-first, so every failure target is final before it is used.
            int[] queue = new int[nodes];
            int head = 0;
            int tail = 0;
            for (int i = childCount[0]; i < childCount[1]; i++) {
                queue[tail++] = sortedTarget[i];
            }
            while (head < tail) {
                int s = queue[head++];
                int f = fail[s];
                dictLink[s] = f != 0 && outHead[f] >= 0 ? f : (f != 0 ? dictLink[f] : -1);
                for (int i = childCount[s]; i < childCount[s + 1]; i++) {
                    int t = sortedTarget[i];
                    int ft = a.next(f, sortedLabel[i]);
                    fail[t] = ft == t ? 0 : ft;
                    nodeArr[t * NODE + 2] = fail[t];
                    queue[tail++] = t;
                }
            }
            // Flatten each state's outputs (its own, then its dictionary suffixes') into one list.
            int[] outs = new int[Math.max(16, count * 2)];
            used = 0;
            nodeArr[3] = -1;
            for (int q = 0; q < tail; q++) {
                int s = queue[q];
                int n = 0;
                for (int st = outHead[s] >= 0 ? s : dictLink[s]; st >= 0; st = dictLink[st]) {
                    for (int pid = outHead[st]; pid >= 0; pid = pidNext[pid]) {
                        n++;
                    }
                }
                if (n == 0) {
                    nodeArr[s * NODE + 3] = -1;
                    continue;
                }
                if (used + n + 1 > outs.length) {
                    outs = Arrays.copyOf(outs, Math.max(outs.length * 2, used + n + 1));
                }
                nodeArr[s * NODE + 3] = used;
                outs[used++] = n;
                for (int st = outHead[s] >= 0 ? s : dictLink[s]; st >= 0; st = dictLink[st]) {
                    for (int pid = outHead[st]; pid >= 0; pid = pidNext[pid]) {
                        outs[used++] = pid;
                    }
                }
            }
            a = new Automaton(alpha, rootNext, nodeArr, edgeArr, Arrays.copyOf(outs, used), patLen, maxLen);
            return a;
        }
    }
}
