package io.redline.text.match;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Aho-Corasick automaton over code points, stored as a double array (our own: matching is the
 * product's core, and it must run on the folded, noise-compacted stream, not on chars).
 *
 * <p>Layout: code points map to a dense alphabet (0 = in no pattern, which sends the automaton
 * straight to the root, the common case in ordinary text). Every state is a slot of one
 * {@code long} — base, check and a flag telling that the state has outputs — and the child of state
 * {@code s} on symbol {@code a} is slot {@code base(s) + a} if that slot's check is {@code s}. So a
 * probe is one read, and a successful one has also read the next state's base and output flag.
 * Failure links, read only when a probe fails, are an array of their own. The root's transitions
 * are kept as a dense array, and most characters never probe at all: a depth-one state reached by
 * falling back to the root is kept lazily and left again without a probe when no pattern begins
 * with the pair just read ({@link #step}).
 * Each state's output list is flattened at build time (its own patterns, then those of its
 * dictionary suffixes), so reporting costs nothing in states without output.
 */
public final class Automaton {
    static final int ALPHA_TABLE = 0x20000;
    /** Distinct characters across all patterns (a lexicon in any one script uses far fewer). */
    public static final int MAX_SYMBOLS = 0xFFFF;

    /** Bit of a slot's low word telling that the state has outputs, whose list starts at {@link #outAt}. */
    static final long HAS_OUTPUT = 1;

    /** Per slot, where its output list starts in {@link #outs}, for slots flagged {@link #HAS_OUTPUT}. */
    final int[] outAt;

    /** Code point → symbol; a char table keeps the hot part small enough for the first-level cache. */
    final char[] alpha;

    final int[] rootNext;
    /**
     * Per symbol a, the state the matcher keeps after falling back to the root on a: {@code -a},
     * the depth-one state kept lazily ({@link #step}), or that state itself when it has outputs (a
     * one-character pattern), so a lazy state never has outputs and reporting need not tell them apart.
     */
    final int[] rootStep;
    /**
     * Bitmap of hashed symbol pairs (c, d) that begin some pattern: no false negatives, a few
     * false positives. When the pair read at the root is not in it, the depth-one state of c has
     * no child on d, so the state after d is the root's child on d; the matcher then never reads
     * the slot of c's state. Three steps in four on ordinary text are such a fall back to the root.
     */
    final long[] pairs;
    /** Shift that turns the pair's 64-bit hash into a bit index of {@link #pairs}. */
    final int pairShift;
    /**
     * Per slot, the base in the high word and {@code check << 1 | HAS_OUTPUT} in the low word
     * (check: the parent's slot; -1 for a free slot, -2 for a hashed state's child). Eight bytes a
     * slot: a probe is one read, where twelve-byte slots needed a tag array beside them to keep
     * failed probes out of the large array.
     */
    final long[] slots;
    /** Per slot, its failure state. */
    final int[] fail;
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
            long[] pairs,
            long[] slots,
            int[] fail,
            int[] wide,
            int[] outs,
            int[] outAt,
            int[] patLen,
            int maxLen,
            int states) {
        this.alpha = alpha;
        this.outAt = outAt;
        this.rootNext = rootNext;
        this.pairs = pairs;
        this.pairShift = 64 - Integer.numberOfTrailingZeros(pairs.length * 64);
        this.rootStep = rootStepOf(rootNext, slots);
        this.slots = slots;
        this.fail = fail;
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
        return slots.length;
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
            s = step(s, symbol(text[i]));
            int o = output(Math.max(s, 0));
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
        return (slots[s] & HAS_OUTPUT) != 0 ? outAt[s] : -1;
    }

    /**
     * The same automaton with every pair possibly beginning a pattern, so a lazy depth-one state
     * is always stepped from: the matcher as it was without the root skip, for tests that compare the two.
     */
    Automaton withoutRootSkip() {
        long[] all = new long[pairs.length];
        Arrays.fill(all, -1L);
        return new Automaton(alpha, rootNext, all, slots, fail, wide, outs, outAt, patLen, maxLen, states);
    }

    /** Alphabet id of cp (0 when no pattern contains it). */
    int symbol(int cp) {
        return cp < ALPHA_TABLE ? alpha[cp] : 0;
    }

    /**
     * The state after reading symbol a in state s, as the matcher keeps it: a depth-one state that
     * was reached by falling back to the root is kept lazily as {@code -a} (its slot unread) until
     * a possible pair says it must be stepped from. {@code s} may itself be lazy; 0 is the root.
     * {@link #resolve} gives the automaton's own state.
     */
    int step(int s, int a) {
        if (a == 0) {
            return 0;
        }
        if (s < 0) {
            s = mayStartPattern(-s, a) ? rootNext[-s] : 0;
        }
        return s == 0 ? rootStep[a] : nextOrLazy(s, a);
    }

    /** The automaton's state for a state kept by {@link #step}. */
    int resolve(int s) {
        return s < 0 ? rootNext[-s] : s;
    }

    /** False only when no pattern begins with symbols c, d. */
    boolean mayStartPattern(int c, int d) {
        int bit = pairBit(c, d, pairShift);
        return (pairs[bit >>> 6] & (1L << bit)) != 0;
    }

    static int pairBit(int c, int d, int shift) {
        return (int) ((((long) c << 16 ^ d) * 0x9E3779B97F4A7C15L) >>> shift);
    }

    /** The state after reading symbol a (non-zero) in state s. */
    int next(int s, int a) {
        return resolve(nextOrLazy(s, a));
    }

    /** {@link #next}, but {@code rootStep[a]} where the walk falls back to the root (to a's depth-one state). */
    int nextOrLazy(int s, int a) {
        final long[] slots = this.slots;
        while (s != 0) {
            int b = (int) (slots[s] >> 32);
            if (b >= 0) {
                // The array is padded by the alphabet size, so b + a is always a valid slot.
                int t = b + a;
                if ((int) slots[t] >> 1 == s) {
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
            s = fail[s];
        }
        return rootStep[a];
    }

    private static int[] rootStepOf(int[] rootNext, long[] slots) {
        int[] rootStep = new int[rootNext.length];
        for (int a = 0; a < rootNext.length; a++) {
            int t = rootNext[a];
            rootStep[a] = t != 0 && (slots[t] & HAS_OUTPUT) != 0 ? t : -a;
        }
        return rootStep;
    }

    /** Low bits of a hashed state's (negated) base that hold log2 of its table's slots. */
    static final int WIDE_SIZE_BITS = 5;

    static int hash(int a) {
        return (a * 0x9E3779B1) >>> 16;
    }

    static final int PAIR_BITS_PER_PAIR = 16;
    static final int PAIR_BITS_MAX = 1 << 20;

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

        // Packed automaton: a long per slot, and the failure links.
        private int slots;
        private long[] dat;
        private int[] fail;
        private int[] rootNext;
        private long[] pairs;

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
            pairs = startPairs();
            Automaton withoutOutputs = new Automaton(
                    alpha, rootNext, pairs, dat, fail, wide, new int[0], new int[0], patLen, maxLen, nodes);
            linkFailures(withoutOutputs);
            int[] outAt = new int[slots];
            int[] outs = flattenOutputs(outAt);
            return new Automaton(alpha, rootNext, pairs, dat, fail, wide, outs, outAt, patLen, maxLen, nodes);
        }

        /**
         * The bitmap of the symbol pairs that begin patterns (the depth-one states' edges), with
         * about {@link #PAIR_BITS_PER_PAIR} bits a pair up to {@link #PAIR_BITS_MAX}: sized so it stays
         * in the second-level cache beside the hot slots, at a few percent of false positives,
         * which only cost the probe the bitmap would have saved.
         */
        private long[] startPairs() {
            int depthOneEdges = 0;
            for (int i = firstChild[0]; i < firstChild[1]; i++) {
                int node = childNode[i];
                depthOneEdges += firstChild[node + 1] - firstChild[node];
            }
            int bits = Math.max(64, Integer.highestOneBit(Math.max(1, depthOneEdges * PAIR_BITS_PER_PAIR - 1)) << 1);
            bits = Math.min(bits, PAIR_BITS_MAX);
            long[] pairs = new long[bits / 64];
            int shift = 64 - Integer.numberOfTrailingZeros(bits);
            for (int i = firstChild[0]; i < firstChild[1]; i++) {
                int c = childLabel[i];
                int node = childNode[i];
                for (int j = firstChild[node]; j < firstChild[node + 1]; j++) {
                    int bit = pairBit(c, childLabel[j], shift);
                    pairs[bit >>> 6] |= 1L << bit;
                }
            }
            return pairs;
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

        /** Packs base and check into one long a slot, padded so base + symbol never leaves the array, and the root's dense transitions. */
        private void pack() {
            slots = highest + symbols + 2;
            dat = new long[slots];
            fail = new int[slots];
            for (int t = 0; t < slots; t++) {
                // The root is nobody's child: its check stays -1.
                int c = t < capacity && t != 0 ? check[t] : -1;
                dat[t] = ((long) (t < capacity ? base[t] : 0) << 32) | ((c << 1) & 0xFFFFFFFFL);
            }
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
                int f = fail[s];
                dictLink[s] = f != 0 && outHead[f] >= 0 ? f : (f != 0 ? dictLink[f] : -1);
                for (int i = firstChild[node]; i < firstChild[node + 1]; i++) {
                    int t = slotOf[childNode[i]];
                    int ft = s == 0 ? 0 : partial.next(f, childLabel[i]);
                    fail[t] = ft == t ? 0 : ft;
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
                dat[s] |= HAS_OUTPUT;
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
