package io.redline.text.match;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Aho-Corasick automaton over code points, stored as a double array (our own: matching is the
 * product's core, and it must run on the folded, noise-compacted stream, not on chars).
 *
 * <p>Layout: code points map to a dense alphabet (0 = in no pattern, which sends the automaton
 * straight to the root, the common case in ordinary text). Every state is a slot of three ints
 * side by side — base, check, failure link (flagged when the state has outputs) — and the child of state {@code s} on
 * symbol {@code a} is slot {@code base(s) + a} if that slot's check is {@code s}. So one step
 * reads the current state's slot and the child's slot, which is also the next state's record:
 * about one cache miss per character. Most probes find no child (three steps in four on ordinary
 * text go back to the root), so a byte per slot, the low byte of its check, answers them from an
 * array small enough for the second-level cache. The root's transitions are also kept as a dense array.
 * Each state's output list is flattened at build time (its own patterns, then those of its
 * dictionary suffixes), so reporting costs nothing in states without output.
 */
public final class Automaton {
    static final int ALPHA_TABLE = 0x20000;
    /** Distinct characters across all patterns (a lexicon in any one script uses far fewer). */
    public static final int MAX_SYMBOLS = 0xFFFF;

    /**
     * Slot stride: base, check, failure state. The failure entry's top bit ({@link #HAS_OUTPUT})
     * tells that the state has outputs, whose list starts at {@link #outAt}: twelve bytes a slot
     * instead of sixteen, as an output offset in every slot made the array a quarter larger
     * for the few states that have one, and the array's size is what a step pays for.
     */
    static final int NODE = 3;

    static final int HAS_OUTPUT = 1 << 31;
    static final int FAIL_MASK = ~HAS_OUTPUT;

    /** Per slot, where its output list starts in {@link #outs}, for slots flagged {@link #HAS_OUTPUT}. */
    final int[] outAt;

    /** Code point → symbol; a char table keeps the hot part small enough for the first-level cache. */
    final char[] alpha;

    final int[] rootNext;
    /** Per slot, {@link #NODE} ints side by side. Unused slots have check -1. */
    final int[] nodes;
    /**
     * Per slot, the low byte of its check (the parent's slot): a probe for a child reads this
     * first, and the slot's check only when the tag agrees. A failed probe, the common case,
     * then costs a read in an array a twelfth of the slot array's size, which stays in the
     * second-level cache where the slot array does not.
     */
    final byte[] tags;
    /** Output lists: count, then pattern ids. */
    final int[] outs;
    /** Hash tables of states with more than {@link #DOUBLE_ARRAY_MAX_CHILDREN} children. */
    final int[] wide;

    final int[] patLen;
    final int maxLen;
    private final int states;

    /**
     * States with more children than this hash them instead of claiming double-array slots: a
     * state with many children spread over the alphabet rarely fits into a partly filled array,
     * and searching for a place would make compiling slow.
     */
    static final int DOUBLE_ARRAY_MAX_CHILDREN = 24;

    /**
     * The exception: a state one character deep (the commonest first characters of terms) is
     * tried at this many bases in the double array before it is hashed. Such states are stepped
     * from on most characters of ordinary text, and a hash probe costs several dependent reads
     * where a double-array probe costs one; the bound keeps compiling linear when the array is
     * too full for them (a lexicon of random terms).
     */
    static final int WIDE_PLACEMENT_TRIES = 8192;

    private Automaton(
            char[] alpha,
            int[] rootNext,
            int[] nodes,
            int[] wide,
            int[] outs,
            int[] outAt,
            int[] patLen,
            int maxLen,
            int states) {
        this.alpha = alpha;
        this.outAt = outAt;
        this.rootNext = rootNext;
        this.nodes = nodes;
        this.tags = tagsOf(nodes);
        this.wide = wide;
        this.outs = outs;
        this.patLen = patLen;
        this.maxLen = maxLen;
        this.states = states;
    }

    public int patternCount() {
        return patLen.length;
    }

    public int stateCount() {
        return states;
    }

    /** Slots in the double array (≥ states; the rest are holes). */
    public int slotCount() {
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
            int o = output(s);
            if (o >= 0) {
                for (int k = 1; k <= outs[o]; k++) {
                    out.add(new int[] {outs[o + k], i + 1});
                }
            }
        }
        return out;
    }

    /** Where state s's output list starts in {@link #outs}, or -1 when it has none. */
    int output(int s) {
        return nodes[s * NODE + 2] < 0 ? outAt[s] : -1;
    }

    /** Alphabet id of cp (0 when no pattern contains it). */
    int symbol(int cp) {
        return cp < ALPHA_TABLE ? alpha[cp] : 0;
    }

    /** The state after reading symbol a (non-zero) in state s. */
    int next(int s, int a) {
        final int[] nodes = this.nodes;
        while (s != 0) {
            int rec = s * NODE;
            int b = nodes[rec];
            if (b >= 0) {
                // The array is padded by the alphabet size, so b + a is always a valid slot.
                int t = b + a;
                // Most probes fail (three in four steps on ordinary text end at the root), so the
                // small tag array answers them without touching the large slot array.
                if (tags[t] == (byte) s && nodes[t * NODE + 1] == s) {
                    return t;
                }
            } else {
                // A state with many children keeps them in a small hash table: mask, then (label, target)
                // pairs. Its base says where (bits 5 and up) and how large (bits 0-4, log2 of the
                // slots), so the probe does not first wait for the table's mask to arrive from memory.
                int w = -b - 1;
                int at = w >>> WIDE_SIZE_BITS;
                int mask = (1 << (w & ((1 << WIDE_SIZE_BITS) - 1))) - 1;
                int slot = hash(a) & mask;
                while (true) {
                    int l = wide[at + 1 + 2 * slot];
                    if (l == a) {
                        return wide[at + 2 + 2 * slot];
                    }
                    if (l == 0) {
                        break;
                    }
                    slot = (slot + 1) & mask;
                }
            }
            s = nodes[rec + 2] & FAIL_MASK;
        }
        return rootNext[a];
    }

    private static byte[] tagsOf(int[] nodes) {
        byte[] tags = new byte[nodes.length / NODE];
        for (int t = 0; t < tags.length; t++) {
            // Free slots (-1) and hashed children (-2) get a tag too; the full check still rejects them.
            tags[t] = (byte) nodes[t * NODE + 1];
        }
        return tags;
    }

    /** Low bits of a hashed state's (negated) base that hold log2 of its table's slots. */
    static final int WIDE_SIZE_BITS = 5;

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
            return new Construction(Arrays.copyOf(patterns, count)).run();
        }
    }

    /**
     * One build, in named steps that share their intermediate arrays as fields: alphabet, trie,
     * children sorted per state, breadth-first placement into the double array, packing into
     * slots, failure links, flattened outputs. Used once and thrown away.
     */
    private static final class Construction {
        private final int[][] patterns;
        private final int count;

        // Alphabet.
        private final char[] alpha = new char[ALPHA_TABLE];
        private int symbols;
        private int maxLen;
        private final int[] patLen;

        // Trie: nodes numbered in creation order (0 = root); each pattern's end node; children of
        // node s are childLabel/childNode[firstChild[s] .. firstChild[s + 1]), sorted by symbol.
        private int nodes;
        private final int[] endNode;
        private int[] firstChild;
        private int[] childLabel;
        private int[] childNode;

        // Placement: the slot of each node, nodes in breadth-first order, and the double array under construction.
        private int[] slotOf;
        private int[] order;
        private int placed;
        private BitSet used;
        private int capacity;
        private int[] base;
        private int[] check;
        private int highest;
        private int searchFrom = 1;
        private int[] wide = new int[64];
        private int wideUsed;
        private int[] wideBase; // -(offset + 1) for hashed states, else 0

        // Packed automaton: NODE ints per slot.
        private int slots;
        private int[] dat;
        private int[] rootNext;

        // Outputs: per slot the first pattern ending there, chained through pidNext; per slot the
        // nearest proper suffix state with an output.
        private int[] outHead;
        private int[] pidNext;
        private int[] dictLink;

        Construction(int[][] patterns) {
            this.patterns = patterns;
            this.count = patterns.length;
            this.patLen = new int[count];
            this.endNode = new int[count];
        }

        Automaton run() {
            int totalChars = assignAlphabet();
            LongIntMap edges = buildTrie(totalChars);
            sortChildren(edges);
            placeStates();
            pack();
            Automaton withoutOutputs =
                    new Automaton(alpha, rootNext, dat, wide, new int[0], new int[0], patLen, maxLen, nodes);
            linkFailures(withoutOutputs);
            int[] outAt = new int[slots];
            int[] outs = flattenOutputs(outAt);
            return new Automaton(alpha, rootNext, dat, wide, outs, outAt, patLen, maxLen, nodes);
        }

        /** Gives every distinct code point a dense symbol (1..); returns the total pattern length. */
        private int assignAlphabet() {
            int totalChars = 0;
            for (int p = 0; p < count; p++) {
                totalChars += patterns[p].length;
                maxLen = Math.max(maxLen, patterns[p].length);
                for (int cp : patterns[p]) {
                    if (alpha[cp] == 0) {
                        if (symbols == MAX_SYMBOLS) {
                            throw new IllegalArgumentException(
                                    "patterns use more than " + MAX_SYMBOLS + " distinct characters");
                        }
                        alpha[cp] = (char) ++symbols;
                    }
                }
            }
            return totalChars;
        }

        /** The trie, with edges in a hash keyed by (parent, symbol); node 0 is the root. */
        private LongIntMap buildTrie(int totalChars) {
            LongIntMap edges = new LongIntMap(Math.max(16, totalChars));
            nodes = 1;
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
            return edges;
        }

        /** Lists each node's children sorted by symbol (sorting the edge keys sorts by parent, then symbol). */
        private void sortChildren(LongIntMap edges) {
            long[] keys = edges.keys();
            Arrays.sort(keys);
            firstChild = new int[nodes + 1];
            childLabel = new int[keys.length];
            childNode = new int[keys.length];
            for (int i = 0; i < keys.length; i++) {
                childLabel[i] = (int) (keys[i] & 0x1FFFFF);
                childNode[i] = edges.get(keys[i]);
                firstChild[(int) (keys[i] >>> 21) + 1]++;
            }
            for (int s = 0; s < nodes; s++) {
                firstChild[s + 1] += firstChild[s];
            }
        }

        /** Places states in the double array breadth-first, so the shallow states visited on almost every character sit together. */
        private void placeStates() {
            slotOf = new int[nodes];
            order = new int[nodes];
            used = new BitSet(nodes * 2);
            used.set(0);
            capacity = nodes + symbols + 64;
            base = new int[capacity];
            check = new int[capacity];
            Arrays.fill(check, -1);
            wideBase = new int[nodes];
            placed = 1;
            // Breadth-first, the root's children are the first states after the root.
            int depthOneEnd = 1 + firstChild[1] - firstChild[0];
            for (int q = 0; q < placed; q++) {
                if (q == 1) {
                    wideFirst(depthOneEnd);
                }
                int node = order[q];
                int from = firstChild[node];
                int to = firstChild[node + 1];
                int k = to - from;
                if (k == 0) {
                    continue;
                }
                if (k <= DOUBLE_ARRAY_MAX_CHILDREN || node == 0) {
                    placeChildren(node, from, to, Integer.MAX_VALUE);
                } else if (q >= depthOneEnd || !placeChildren(node, from, to, WIDE_PLACEMENT_TRIES)) {
                    placeHashedChildren(node, from, to);
                }
            }
            for (int node = 0; node < nodes; node++) {
                if (wideBase[node] != 0) {
                    base[slotOf[node]] = wideBase[node];
                }
            }
        }

        /**
         * Puts the depth-one states with many children first in the queue, so their children are
         * placed while the double array is still nearly empty and a base that fits them all is
         * found in a few tries (any order within a depth keeps the failure links' order valid).
         */
        private void wideFirst(int depthOneEnd) {
            int[] level = Arrays.copyOfRange(order, 1, depthOneEnd);
            int at = 1;
            for (boolean wide : new boolean[] {true, false}) {
                for (int node : level) {
                    if ((firstChild[node + 1] - firstChild[node] > DOUBLE_ARRAY_MAX_CHILDREN) == wide) {
                        order[at++] = node;
                    }
                }
            }
        }

        /** Children of a state with many of them: a slot anywhere free each; the parent finds them through its hash table. */
        private void placeHashedChildren(int node, int from, int to) {
            int k = to - from;
            int tableSlots = Integer.highestOneBit(k * 2 - 1) << 1;
            if (wideUsed + 1 + 2 * tableSlots > wide.length) {
                wide = Arrays.copyOf(wide, Math.max(wide.length * 2, wideUsed + 1 + 2 * tableSlots));
            }
            int at = wideUsed;
            wide[at] = tableSlots - 1;
            wideUsed += 1 + 2 * tableSlots;
            if (at >= 1 << (31 - WIDE_SIZE_BITS)) {
                throw new IllegalArgumentException("too many states with many children");
            }
            wideBase[node] = -(((at << WIDE_SIZE_BITS) | Integer.numberOfTrailingZeros(tableSlots)) + 1);
            for (int i = from; i < to; i++) {
                int t = used.nextClearBit(searchFrom);
                searchFrom = t + 1;
                ensureCapacity(t);
                used.set(t);
                check[t] = -2; // owned by a hashed parent; never matches a state id
                slotOf[childNode[i]] = t;
                order[placed++] = childNode[i];
                int slot = hash(childLabel[i]) & (tableSlots - 1);
                while (wide[at + 1 + 2 * slot] != 0) {
                    slot = (slot + 1) & (tableSlots - 1);
                }
                wide[at + 1 + 2 * slot] = childLabel[i];
                wide[at + 2 + 2 * slot] = t;
                highest = Math.max(highest, t);
            }
            searchFrom = used.nextClearBit(1);
        }

        /**
         * Children of an ordinary state: the first base at which every child's slot is free, tried
         * at up to {@code tries} bases; false, with nothing placed, when none of them fits.
         */
        private boolean placeChildren(int node, int from, int to, int tries) {
            int c0 = childLabel[from];
            searchFrom = used.nextClearBit(searchFrom);
            int b;
            int f = used.nextClearBit(Math.max(searchFrom, c0 + 1));
            for (int tried = 0; ; tried++) {
                if (tried == tries) {
                    return false;
                }
                b = f - c0;
                boolean fits = true;
                for (int i = from + 1; i < to && fits; i++) {
                    fits = !used.get(b + childLabel[i]);
                }
                if (fits) {
                    break;
                }
                f = used.nextClearBit(f + 1);
            }
            int top = b + childLabel[to - 1];
            ensureCapacity(top);
            base[slotOf[node]] = b;
            for (int i = from; i < to; i++) {
                int t = b + childLabel[i];
                used.set(t);
                check[t] = slotOf[node];
                slotOf[childNode[i]] = t;
                order[placed++] = childNode[i];
            }
            highest = Math.max(highest, top);
            return true;
        }

        private void ensureCapacity(int slot) {
            if (slot >= capacity) {
                capacity = Math.max(capacity * 2, slot + symbols + 64);
                base = Arrays.copyOf(base, capacity);
                int old = check.length;
                check = Arrays.copyOf(check, capacity);
                Arrays.fill(check, old, capacity, -1);
            }
        }

        /** Packs base and check into NODE-int slots, padded so base + symbol never leaves the array, and the root's dense transitions. */
        private void pack() {
            slots = highest + symbols + 2;
            dat = new int[slots * NODE];
            for (int t = 0; t < slots; t++) {
                dat[t * NODE] = t < capacity ? base[t] : 0;
                dat[t * NODE + 1] = t < capacity ? check[t] : -1;
            }
            dat[1] = -1; // the root is nobody's child
            rootNext = new int[symbols + 1];
            for (int i = firstChild[0]; i < firstChild[1]; i++) {
                rootNext[childLabel[i]] = slotOf[childNode[i]];
            }
            wide = Arrays.copyOf(wide, wideUsed);
        }

        /**
         * Failure links, breadth-first so every failure target is final before it is used (the
         * partial automaton computes them with its own {@link Automaton#next}), and each state's
         * nearest suffix state with an output. The root's children fail to the root (slot 0's
         * failure entry is already 0).
         */
        private void linkFailures(Automaton partial) {
            outHead = new int[slots];
            Arrays.fill(outHead, -1);
            pidNext = new int[count];
            for (int p = count - 1; p >= 0; p--) {
                int slot = slotOf[endNode[p]];
                pidNext[p] = outHead[slot];
                outHead[slot] = p;
            }
            dictLink = new int[slots];
            Arrays.fill(dictLink, -1);
            for (int q = 1; q < placed; q++) {
                int node = order[q];
                int s = slotOf[node];
                int f = dat[s * NODE + 2];
                dictLink[s] = f != 0 && outHead[f] >= 0 ? f : (f != 0 ? dictLink[f] : -1);
                for (int i = firstChild[node]; i < firstChild[node + 1]; i++) {
                    int t = slotOf[childNode[i]];
                    int ft = s == 0 ? 0 : partial.next(f, childLabel[i]);
                    dat[t * NODE + 2] = ft == t ? 0 : ft;
                }
            }
        }

        /** Flattens each state's outputs (its own, then its dictionary suffixes') into one list: count, then pattern ids. */
        private int[] flattenOutputs(int[] outAt) {
            int[] outs = new int[Math.max(16, count * 2)];
            int size = 0;
            for (int q = 1; q < placed; q++) {
                int s = slotOf[order[q]];
                int n = 0;
                for (int st = outHead[s] >= 0 ? s : dictLink[s]; st >= 0; st = dictLink[st]) {
                    for (int pid = outHead[st]; pid >= 0; pid = pidNext[pid]) {
                        n++;
                    }
                }
                if (n == 0) {
                    continue;
                }
                if (size + n + 1 > outs.length) {
                    outs = Arrays.copyOf(outs, Math.max(outs.length * 2, size + n + 1));
                }
                dat[s * NODE + 2] |= HAS_OUTPUT;
                outAt[s] = size;
                outs[size++] = n;
                for (int st = outHead[s] >= 0 ? s : dictLink[s]; st >= 0; st = dictLink[st]) {
                    for (int pid = outHead[st]; pid >= 0; pid = pidNext[pid]) {
                        outs[size++] = pid;
                    }
                }
            }
            return Arrays.copyOf(outs, size);
        }
    }
}
