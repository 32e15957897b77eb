package io.redline.rights.image;

import io.redline.rights.text.CopyMatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Which earlier images a new image copies: resized, recompressed, lightly cropped, re-labelled,
 * mirrored or rotated. Each stored image keeps its {@link Pdq#references reference hashes}
 * (whole and centre crops); each query brings its eight {@link Pdq#dihedral dihedral variants}.
 *
 * <p>A pair matches when PDQ is within {@link #PDQ_DISTANCE_MAX} (the paper's suggestion), or
 * within {@link #PDQ_CORROBORATED_MAX} when dHash independently agrees within
 * {@link #DHASH_CORROBORATES_MAX}: stacked edits (resize + recompress + caption) reach 46 bits
 * of PDQ while dHash stays within 10, and unrelated pictures in the tests sit at 94+ (PDQ) and
 * 20+ (dHash). dHash is also the pre-filter: a pair further than {@link #DHASH_DISTANCE_MAX}
 * apart is not compared with PDQ.
 *
 * <p>A linear scan: per stored reference one popcount per variant. A million images is about
 * 24 million popcounts, some milliseconds; beyond that a multi-index over the hash words would
 * be the next step.
 */
public final class ImageIndex {
    public static final int PDQ_DISTANCE_MAX = 31;
    public static final int PDQ_CORROBORATED_MAX = 63;
    public static final int DHASH_CORROBORATES_MAX = 12;
    /** Loose on purpose, a pre-filter must not cost recall: the tests' copies stay within 12 of 64. */
    public static final int DHASH_DISTANCE_MAX = 24;

    public static final int ITEMS_MAX = 10_000_000;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private long[] pdq = new long[4 * 1024];
    private long[] dhash = new long[1024];
    private int[] owner = new int[1024]; // reference row → item
    private int rows;
    private String[] ids = new String[256];
    private String[] authors = new String[256];
    private int size;

    /** Adds an image by its references; featureless images (low quality) are not indexed and return false. */
    public boolean add(String id, String author, ImageHash[] references) {
        if (references.length == 0 || references[0].quality() < Pdq.QUALITY_MIN) return false;
        lock.writeLock().lock();
        try {
            if (size == ITEMS_MAX) throw new IllegalStateException("image index is full (" + ITEMS_MAX + ")");
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
                authors = Arrays.copyOf(authors, size * 2);
            }
            for (ImageHash ref : references) {
                if (rows == owner.length) {
                    pdq = Arrays.copyOf(pdq, rows * 8);
                    dhash = Arrays.copyOf(dhash, rows * 2);
                    owner = Arrays.copyOf(owner, rows * 2);
                }
                System.arraycopy(ref.pdq(), 0, pdq, rows * 4, 4);
                dhash[rows] = ref.dhash();
                owner[rows] = size;
                rows++;
            }
            ids[size] = id;
            authors[size] = author;
            size++;
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    public int size() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Stored images the query copies, closest first; similarity is 1 − PDQ distance/256. Images by {@code excludeAuthor} are left out. */
    public List<CopyMatch> lookup(ImageHash[] variants, String excludeAuthor) {
        if (variants.length == 0 || variants[0].quality() < Pdq.QUALITY_MIN) return List.of();
        long[][] queries = new long[variants.length][];
        for (int v = 0; v < variants.length; v++) queries[v] = variants[v].pdq();
        lock.readLock().lock();
        try {
            int[] best = new int[size];
            Arrays.fill(best, Integer.MAX_VALUE);
            for (int row = 0; row < rows; row++) {
                int item = owner[row];
                if (excludeAuthor != null && excludeAuthor.equals(authors[item])) continue;
                for (int v = 0; v < variants.length; v++) {
                    int dh = DHash.distance(variants[v].dhash(), dhash[row]);
                    if (dh > DHASH_DISTANCE_MAX) continue;
                    long[] q = queries[v];
                    int d = 0;
                    for (int w = 0; w < 4; w++) d += Long.bitCount(q[w] ^ pdq[row * 4 + w]);
                    if (d <= PDQ_DISTANCE_MAX || (d <= PDQ_CORROBORATED_MAX && dh <= DHASH_CORROBORATES_MAX)) {
                        best[item] = Math.min(best[item], d);
                    }
                }
            }
            List<int[]> found = new ArrayList<>();
            for (int item = 0; item < size; item++)
                if (best[item] != Integer.MAX_VALUE) found.add(new int[] {item, best[item]});
            found.sort(Comparator.<int[]>comparingInt(f -> f[1]).thenComparingInt(f -> f[0]));
            List<CopyMatch> out = new ArrayList<>(found.size());
            for (int[] f : found) out.add(new CopyMatch(ids[f[0]], authors[f[0]], 1 - f[1] / 256.0));
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }
}
