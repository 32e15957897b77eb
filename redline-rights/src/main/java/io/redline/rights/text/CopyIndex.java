package io.redline.rights.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * An in-memory LSH index of text MinHash signatures: which earlier items nearly copy a text.
 *
 * <p>Layout, for a million items on one machine: all signatures in one {@code char[]}
 * (2 bytes × hashes per item), and per band a bucket table of chain heads plus one {@code int}
 * chain link per item, so an item costs {@code 2·hashes + 4·bands + ~4·bands} bytes plus its id;
 * no object per item and nothing for the GC to trace but the id strings. Band keys are not
 * stored: a chain is walked comparing the band's values in the stored signatures, which also
 * rules out bucket collisions. A link's spare high bits hold a 7-bit fingerprint of its item's
 * band (bits of the band's hash the bucket does not use), so a step past a bucket collision reads
 * no signature but for one in 128 of them; the exact band comparison still decides. Chains are
 * newest first and a walk is bounded by {@link #CHAIN_STEPS_MAX} steps per band, so a template
 * shared by thousands of notes cannot make one lookup slow; the newest holders of a band are the
 * likeliest sources of a repost anyway. The bands' chains are walked side by side so their cache
 * misses overlap.
 *
 * <p>One writer at a time, any number of readers (a read-write lock). Growing (doubling the
 * arrays and relinking every item, seconds at a million items) happens outside the write lock:
 * adds are serialised by a lock of their own, so the writer builds the new arrays from the
 * present ones, which only it changes, while readers go on, and swaps them in under the write
 * lock.
 */
public final class CopyIndex {
    /**
     * Items visited per band and lookup. A step to an item not yet visited is a cache miss (its
     * links, and its signature when the band agrees), so this bounds the tail: at 2,048, lookups
     * among 2,500 notes sharing one boilerplate spent up to 20 ms of CPU at a million notes (p99
     * 4.5 ms); at 256 the newest holders are still walked, and an original differs from the
     * boilerplate crowd in most bands (those land in small buckets).
     */
    public static final int CHAIN_STEPS_MAX = 256;
    /** Matches one lookup returns at most. */
    public static final int MATCHES_MAX = 100;
    /**
     * Items one index holds at most (the signature array must stay one Java array, and an item
     * number plus one must fit in a link's {@link #LINK_ITEM_BITS}).
     */
    public static final int ITEMS_MAX = 20_000_000;

    /**
     * Low bits of a link: the next item plus one. The 7 left hold the band fingerprint, so links
     * stay 4 bytes an (item, band) while a bucket collision is told apart without a signature read.
     */
    private static final int LINK_ITEM_BITS = 25;

    private static final int LINK_ITEM_MASK = (1 << LINK_ITEM_BITS) - 1;
    private static final int FINGERPRINT_SHIFT = 64 - (32 - LINK_ITEM_BITS); // the band hash's top 7 bits

    static {
        if (ITEMS_MAX >= LINK_ITEM_MASK) throw new AssertionError("ITEMS_MAX must fit in a link");
    }

    private final CopyParams params;
    private final Shingles shingles;
    private final MinHash minHash;
    private final int hashes;
    private final int bands;
    private final int rows;
    private final int itemsMax;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final ReentrantLock writer = new ReentrantLock(); // one add at a time; held while growing

    private int size;
    private int capacity;
    private char[] signatures;
    // links[item * bands + band]: the next older item in that band's bucket, plus one (0 = end), in
    // the low LINK_ITEM_BITS; the item's own band fingerprint above them.
    private int[] links;
    private int[][] heads; // heads[band][bucket]: newest item in the bucket, plus one (0 = empty)
    private int mask;
    private String[] ids;
    private int[] authors;
    private final Map<String, Integer> authorNumbers = new HashMap<>();
    private final List<String> authorNames = new ArrayList<>();

    public CopyIndex(CopyParams params, int capacityHint) {
        this.params = params;
        this.shingles = new Shingles(params.shingleChars());
        this.minHash = new MinHash(params.hashes());
        this.hashes = params.hashes();
        this.bands = params.bands();
        this.rows = params.rows();
        this.itemsMax = Math.min(ITEMS_MAX, (Integer.MAX_VALUE - 8) / hashes);
        capacity = Math.max(16, Math.min(capacityHint, itemsMax));
        signatures = new char[capacity * hashes];
        ids = new String[capacity];
        authors = new int[capacity];
        links = new int[capacity * bands];
        heads = new int[bands][tableSize(capacity)];
        mask = heads[0].length - 1;
    }

    public CopyParams params() {
        return params;
    }

    /** The signature of a text under this index's parameters (pure; no lock). */
    public char[] signature(CharSequence text) {
        return minHash.signature(shingles.of(text));
    }

    public int size() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Adds an item; ids are not checked for uniqueness (the caller's store owns that). */
    public void add(String id, String author, char[] signature) {
        if (signature.length != hashes)
            throw new IllegalArgumentException("signature has " + signature.length + " values, expected " + hashes);
        writer.lock();
        try {
            // size, capacity and the arrays change only here, under the writer lock: reading them
            // needs no read lock.
            if (size == itemsMax) throw new IllegalStateException("copy index is full (" + itemsMax + " items)");
            if (size == capacity) grow();
            lock.writeLock().lock();
            try {
                int item = size++;
                System.arraycopy(signature, 0, signatures, item * hashes, hashes);
                ids[item] = id;
                authors[item] = authorNumbers.computeIfAbsent(author, a -> {
                    authorNames.add(a);
                    return authorNames.size() - 1;
                });
                link(item);
            } finally {
                lock.writeLock().unlock();
            }
        } finally {
            writer.unlock();
        }
    }

    /**
     * Items whose estimated similarity to {@code signature} reaches the threshold, best first (ties:
     * earliest first), leaving out those by {@code excludeAuthor} (null: leave out none).
     */
    public List<CopyMatch> lookup(char[] signature, String excludeAuthor) {
        if (signature.length != hashes)
            throw new IllegalArgumentException("signature has " + signature.length + " values, expected " + hashes);
        if (MinHash.isEmpty(signature)) return List.of();
        lock.readLock().lock();
        try {
            Integer excluded = excludeAuthor == null ? null : authorNumbers.get(excludeAuthor);
            int excludedNumber = excluded == null ? -1 : excluded;
            int[] seen = new int[64];
            int seenCount = 0;
            List<int[]> found = new ArrayList<>(); // {item, agreeing positions}
            double agreeMin = params.threshold() * hashes - 1e-9;
            // The bands' chains are walked side by side, a step of each in turn: the walks are
            // independent pointer chases, so the CPU overlaps one band's cache miss with the next
            // band's, where walking one chain to its end waits for each miss in turn. Which band
            // takes an item first does not matter: what is returned is the set of items some band
            // took, sorted.
            int[] cursors = new int[bands]; // the next item plus one of each chain still walked
            int[] walked = new int[bands]; // ... and its band
            int[] fingerprints = new int[bands];
            int live = 0;
            for (int band = 0; band < bands; band++) {
                long hash = bandHash(signature, 0, band * rows);
                int head = heads[band][(int) hash & mask];
                if (head == 0) continue;
                cursors[live] = head;
                walked[live] = band;
                fingerprints[live++] = fingerprint(hash);
            }
            for (int steps = 0; live > 0 && steps < CHAIN_STEPS_MAX; steps++) {
                for (int c = 0; c < live; c++) {
                    int item = cursors[c] - 1;
                    int band = walked[c];
                    int link = links[item * bands + band];
                    // Cheapest first: the fingerprint is in the link the step reads anyway and rules
                    // out almost every bucket collision; the seen set rules out items another band
                    // took (most steps in a template crowd); only then the author and the signature,
                    // cache misses both. An item that failed sameBand is not in the set, so another
                    // band still checks it, and a fingerprint match is no match until sameBand
                    // agrees: the same results as comparing every step's band.
                    if (link >>> LINK_ITEM_BITS == fingerprints[c]
                            && !contains(seen, item + 1)
                            && authors[item] != excludedNumber
                            && sameBand(item, signature, band * rows)) {
                        if (seenCount * 2 >= seen.length) seen = rehash(seen);
                        insert(seen, item + 1);
                        seenCount++;
                        int agree = agreement(item, signature);
                        if (agree >= agreeMin) found.add(new int[] {item, agree});
                    }
                    int next = link & LINK_ITEM_MASK;
                    if (next != 0) {
                        cursors[c] = next;
                    } else { // this chain is walked: the last one still walked takes its place
                        live--;
                        cursors[c] = cursors[live];
                        walked[c] = walked[live];
                        fingerprints[c] = fingerprints[live];
                        c--;
                    }
                }
            }
            found.sort(Comparator.<int[]>comparingInt(f -> -f[1]).thenComparingInt(f -> f[0]));
            List<CopyMatch> out = new ArrayList<>(Math.min(found.size(), MATCHES_MAX));
            for (int i = 0; i < found.size() && i < MATCHES_MAX; i++) {
                int[] f = found.get(i);
                out.add(new CopyMatch(ids[f[0]], authorNames.get(authors[f[0]]), (double) f[1] / hashes));
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The exhaustive reference: every stored item at or above the threshold, by comparing the
     * whole signature of each. Linear in the index size; for benchmarks and checks, not lookups.
     */
    public List<CopyMatch> lookupExhaustive(char[] signature, String excludeAuthor) {
        if (MinHash.isEmpty(signature)) return List.of();
        lock.readLock().lock();
        try {
            Integer excluded = excludeAuthor == null ? null : authorNumbers.get(excludeAuthor);
            int excludedNumber = excluded == null ? -1 : excluded;
            List<int[]> found = new ArrayList<>();
            for (int item = 0; item < size; item++) {
                if (authors[item] == excludedNumber) continue;
                int agree = agreement(item, signature);
                if (agree >= params.threshold() * hashes - 1e-9) found.add(new int[] {item, agree});
            }
            found.sort(Comparator.<int[]>comparingInt(f -> -f[1]).thenComparingInt(f -> f[0]));
            List<CopyMatch> out = new ArrayList<>();
            for (int[] f : found)
                out.add(new CopyMatch(ids[f[0]], authorNames.get(authors[f[0]]), (double) f[1] / hashes));
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The best earlier item by another author than {@code author} that this signature copies. */
    public Optional<CopyMatch> original(char[] signature, String author) {
        List<CopyMatch> matches = lookup(signature, author);
        return matches.isEmpty() ? Optional.empty() : Optional.of(matches.getFirst());
    }

    /**
     * Bytes held by the index's arrays and id strings (an estimate: 12-byte object headers,
     * compact Latin-1 strings; the authors' names and map are not counted).
     */
    public long memoryBytes() {
        lock.readLock().lock();
        try {
            long bytes = 2L * signatures.length + 4L * links.length + 4L * authors.length + 4L * ids.length;
            bytes += (long) bands * (16 + 4L * heads[0].length);
            for (int i = 0; i < size; i++) bytes += 24 + 16 + ids[i].length(); // String + its byte[]
            return bytes;
        } finally {
            lock.readLock().unlock();
        }
    }

    private int agreement(int item, char[] signature) {
        int base = item * hashes;
        int same = 0;
        for (int i = 0; i < hashes; i++) if (signatures[base + i] == signature[i]) same++;
        return same;
    }

    private boolean sameBand(int item, char[] signature, int from) {
        int base = item * hashes + from;
        for (int i = 0; i < rows; i++) if (signatures[base + i] != signature[from + i]) return false;
        return true;
    }

    /** The bucket a signature's band falls in at the index's present size (for tests of the walk). */
    int bucketOf(char[] signature, int band) {
        lock.readLock().lock();
        try {
            return (int) bandHash(signature, 0, band * rows) & mask;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The fingerprint a signature's band is stored with (for tests of the walk). */
    int fingerprintOf(char[] signature, int band) {
        return fingerprint(bandHash(signature, 0, band * rows));
    }

    /** A band's hash: its low bits pick the bucket (tables hold at most 2^25), its top 7 bits the fingerprint. */
    private long bandHash(char[] values, int base, int from) {
        long h = from;
        for (int i = 0; i < rows; i++) h = h * 0x100000001B3L + values[base + from + i];
        return Shingles.mix(h);
    }

    private static int fingerprint(long bandHash) {
        return (int) (bandHash >>> FINGERPRINT_SHIFT);
    }

    private void link(int item) {
        int base = item * hashes;
        if (isEmpty(base)) return; // nothing to match on: stored, never a candidate
        for (int band = 0; band < bands; band++) {
            long hash = bandHash(signatures, base, band * rows);
            int b = (int) hash & mask;
            links[item * bands + band] = fingerprint(hash) << LINK_ITEM_BITS | heads[band][b];
            heads[band][b] = item + 1;
        }
    }

    private boolean isEmpty(int base) {
        for (int i = 0; i < hashes; i++) if (signatures[base + i] != MinHash.EMPTY) return false;
        return true;
    }

    /**
     * Doubles the arrays. The new ones are built from the present ones without the write lock
     * (only this writer changes those, and readers keep using them meanwhile); the write lock is
     * held only to swap them in.
     */
    private void grow() {
        int newCapacity = (int) Math.min(itemsMax, (long) capacity * 2);
        char[] newSignatures = Arrays.copyOf(signatures, newCapacity * hashes);
        String[] newIds = Arrays.copyOf(ids, newCapacity);
        int[] newAuthors = Arrays.copyOf(authors, newCapacity);
        int[] newLinks = new int[newCapacity * bands];
        int[][] newHeads = new int[bands][tableSize(newCapacity)];
        int newMask = newHeads[0].length - 1;
        boolean[] empty = new boolean[size];
        for (int item = 0; item < size; item++) empty[item] = isEmpty(item * hashes);
        // Band by band, so one band's head table (8 MB at a million items) takes the random writes
        // while signatures and links are read and written in item order; oldest first, so chains
        // stay newest first, as link builds them.
        for (int band = 0; band < bands; band++) {
            int[] table = newHeads[band];
            for (int item = 0; item < size; item++) {
                if (empty[item]) continue;
                long hash = bandHash(newSignatures, item * hashes, band * rows);
                int b = (int) hash & newMask;
                newLinks[item * bands + band] = fingerprint(hash) << LINK_ITEM_BITS | table[b];
                table[b] = item + 1;
            }
        }
        lock.writeLock().lock();
        try {
            capacity = newCapacity;
            signatures = newSignatures;
            ids = newIds;
            authors = newAuthors;
            links = newLinks;
            heads = newHeads;
            mask = newMask;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** A power of two ≥ capacity: chains average ≤ 1 per distinct key. */
    private static int tableSize(int capacity) {
        return Integer.highestOneBit(capacity - 1) << 1;
    }

    private static boolean insert(int[] set, int key) {
        int m = set.length - 1;
        for (int i = (key * 0x9E3779B9) >>> 16 & m; ; i = (i + 1) & m) {
            if (set[i] == key) return false;
            if (set[i] == 0) {
                set[i] = key;
                return true;
            }
        }
    }

    private static boolean contains(int[] set, int key) {
        int m = set.length - 1;
        for (int i = (key * 0x9E3779B9) >>> 16 & m; ; i = (i + 1) & m) {
            if (set[i] == key) return true;
            if (set[i] == 0) return false;
        }
    }

    private static int[] rehash(int[] set) {
        int[] bigger = new int[set.length * 2];
        for (int key : set) if (key != 0) insert(bigger, key);
        return bigger;
    }
}
