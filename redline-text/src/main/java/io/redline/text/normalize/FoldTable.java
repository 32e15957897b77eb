package io.redline.text.normalize;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The enabled folding stages composed into one lookup per code point.
 *
 * <p>Screening must not call ICU per character, so for every code point below {@link #SIZE}
 * (the BMP and plane 1, where emoji, enclosed and mathematical letters live) the stages are
 * applied once, at build time, and the result encoded in an int:
 * <ul>
 *   <li>a plain code point (bits 0–20) — the character folds to one content character;</li>
 *   <li>{@link #NOISE} | folded code point — a character the matcher may skip;</li>
 *   <li>{@link #DROP} — an invisible character, removed;</li>
 *   <li>{@link #EXPAND} | pool offset — the character folds to several (e.g. ⑩ → 1 0, ㎏ → k g),
 *   each stored in {@link #pool()} as a plain or noise entry after a count.</li>
 * </ul>
 * Tables are cached per combination of stages, so building a screener is cheap after the first.
 *
 * <p>The table of all stages, the one every default screener uses, is also computed by a build
 * step ({@code TableImages}, run by Maven after compiling) and shipped as a resource image that
 * {@link #of} reads in a few milliseconds: building it here walks 128k code points through the
 * stages' maps, about 100 ms of CPU and as much again of JIT work in every process that screens
 * one line. Without the image (a class path without the build step's output) it is built as
 * before; {@code FoldTableImageTest} checks the image equals the table built here.
 */
public final class FoldTable {
    public static final int SIZE = 0x20000;
    public static final int VALUE_MASK = 0x1FFFFF;
    public static final int NOISE = 1 << 24;
    public static final int DROP = 1 << 25;
    public static final int EXPAND = 1 << 26;
    /** Not a kind but a mark: a detector may start here (see {@link Triggers}). */
    public static final int TRIGGER = 1 << 27;

    public static final int SPECIAL = NOISE | DROP | EXPAND;

    public static final int WIDTH_CASE = 1;
    public static final int TRADITIONAL = 2;
    public static final int LOOKALIKE = 4;
    public static final int INVISIBLE = 8;
    public static final int ALL = WIDTH_CASE | TRADITIONAL | LOOKALIKE | INVISIBLE;

    private static final ConcurrentHashMap<Integer, FoldTable> CACHE = new ConcurrentHashMap<>();

    private final int stages;
    private final int[] entries;
    private final int[] pool;

    FoldTable(int stages, int[] entries, int[] pool) {
        this.stages = stages;
        this.entries = entries;
        this.pool = pool;
    }

    /** The table for a combination of stage flags ({@link #WIDTH_CASE} | …). */
    public static FoldTable of(int stages) {
        if ((stages & ~ALL) != 0) {
            throw new IllegalArgumentException("unknown stage flags: " + stages);
        }
        return CACHE.computeIfAbsent(stages, k -> {
            FoldTable image = readImage(FoldTable.class, imageName("fold", k));
            return image != null ? image : build(k);
        });
    }

    /** The resource name of a table image: a kind ({@code fold}, {@code phonetic}) and the stages. */
    public static String imageName(String kind, int stages) {
        return kind + "-table-" + stages + ".bin";
    }

    private static final int IMAGE_MAGIC = 0x52444654; // "RDFT"

    /** The table as bytes: magic, stages, entry and pool counts, then the ints (big-endian). */
    public byte[] image() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4 * (entries.length + pool.length + 4));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(IMAGE_MAGIC);
            out.writeInt(stages);
            out.writeInt(entries.length);
            out.writeInt(pool.length);
            for (int e : entries) {
                out.writeInt(e);
            }
            for (int p : pool) {
                out.writeInt(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Reads a table image written by {@link #image()} from a resource beside {@code owner}, or null when absent. */
    public static FoldTable readImage(Class<?> owner, String resource) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            ByteBuffer b = ByteBuffer.wrap(in.readAllBytes());
            if (b.getInt() != IMAGE_MAGIC) {
                throw new IllegalStateException(resource + " is not a fold table image");
            }
            int stages = b.getInt();
            int[] entries = new int[b.getInt()];
            int[] pool = new int[b.getInt()];
            if (entries.length != SIZE || b.remaining() != 4 * (entries.length + pool.length)) {
                throw new IllegalStateException(resource + " is truncated or of another size");
            }
            b.asIntBuffer().get(entries);
            b.position(b.position() + 4 * entries.length);
            b.asIntBuffer().get(pool);
            return new FoldTable(stages, entries, pool);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** Built from the stages' data, ignoring any image (the build step and its test use this). */
    public static FoldTable computed(int stages) {
        return build(stages);
    }

    public int stages() {
        return stages;
    }

    /** Direct access for the hot loop; do not modify. */
    public int[] entries() {
        return entries;
    }

    /** Direct access for the hot loop; do not modify. */
    public int[] pool() {
        return pool;
    }

    /** The entry for any code point, including those beyond {@link #SIZE}. */
    public int entry(int cp) {
        return cp < SIZE ? entries[cp] : outside(cp);
    }

    /** Code points above plane 1: CJK extensions are content, tags are invisible, private use is noise. */
    public int outside(int cp) {
        if (cp >= 0xE0000 && cp <= 0xE0FFF) {
            return (stages & INVISIBLE) != 0 ? DROP : NOISE | cp;
        }
        if (cp >= 0xF0000) {
            return NOISE | cp;
        }
        return cp;
    }

    /** A copy of this table with each content or noise value passed through remap (for the phonetic pass). */
    public FoldTable remap(java.util.function.IntUnaryOperator remapEntry) {
        int[] e = entries.clone();
        int[] p = pool.clone();
        for (int cp = 0; cp < SIZE; cp++) {
            if ((e[cp] & (DROP | EXPAND)) == 0) {
                e[cp] = remapEntry.applyAsInt(e[cp]);
            }
        }
        for (int i = 0; i < p.length; ) {
            int n = p[i];
            for (int k = 1; k <= n; k++) {
                p[i + k] = remapEntry.applyAsInt(p[i + k]);
            }
            i += n + 1;
        }
        return new FoldTable(stages, e, p);
    }

    /** Applies the enabled stages to one code point, as a string (empty when dropped). */
    public static String foldString(int cp, int stages) {
        String s = new String(Character.toChars(cp));
        // Iterate to a fixpoint so a second application changes nothing (normalisation is idempotent).
        for (int round = 0; round < 4; round++) {
            String next = foldOnce(s, stages);
            if (next.equals(s)) {
                return s;
            }
            s = next;
        }
        return s;
    }

    private static String foldOnce(String s, int stages) {
        if ((stages & WIDTH_CASE) != 0) {
            s = WidthCaseFold.apply(s);
        }
        if ((stages & TRADITIONAL) != 0) {
            s = TraditionalToSimplified.apply(s);
        }
        if ((stages & LOOKALIKE) != 0) {
            s = LookalikeFold.apply(s);
        }
        if ((stages & INVISIBLE) != 0) {
            s = InvisibleChars.apply(s);
        }
        return s;
    }

    private static FoldTable build(int stages) {
        int[] entries = new int[SIZE];
        int[] pool = new int[1024];
        int poolSize = 0;
        for (int cp = 0; cp < SIZE; cp++) {
            if (Character.isSurrogate((char) cp) && cp < 0x10000) {
                entries[cp] = NOISE | cp; // a lone surrogate in input is garbage between characters
                continue;
            }
            if (isCheapIdentity(cp, stages)) {
                entries[cp] = single(cp);
                continue;
            }
            String folded = foldString(cp, stages);
            int n = folded.codePointCount(0, folded.length());
            if (n == 0) {
                entries[cp] = DROP;
            } else if (n == 1) {
                entries[cp] = single(folded.codePointAt(0));
            } else if (folded.codePoints().allMatch(NoiseClass::isNoise)) {
                // One character is one unit of noise, even when it folds to several (… → ...); it
                // keeps its own identity, so an ellipsis never passes for a dot.
                entries[cp] = NOISE | cp;
            } else {
                if (poolSize + n + 1 > pool.length) {
                    pool = Arrays.copyOf(pool, pool.length * 2 + n + 1);
                }
                entries[cp] = EXPAND | poolSize;
                pool[poolSize++] = n;
                for (int i = 0; i < folded.length(); ) {
                    int f = folded.codePointAt(i);
                    pool[poolSize++] = single(f);
                    i += Character.charCount(f);
                }
            }
        }
        return new FoldTable(stages, entries, Arrays.copyOf(pool, poolSize));
    }

    private static int single(int f) {
        return (NoiseClass.isNoise(f) ? NOISE | f : f) | (Triggers.isTrigger(f) ? TRIGGER : 0);
    }

    private static boolean isCheapIdentity(int cp, int stages) {
        if (cp < 0x80) {
            return (stages & WIDTH_CASE) == 0 || !(cp >= 'A' && cp <= 'Z');
        }
        if ((stages & WIDTH_CASE) != 0 && !WidthCaseFold.isIdentity(cp)) {
            return false;
        }
        if ((stages & TRADITIONAL) != 0 && TraditionalToSimplified.map(cp) != null) {
            return false;
        }
        if ((stages & LOOKALIKE) != 0 && LookalikeFold.map(cp) != null) {
            return false;
        }
        return (stages & INVISIBLE) == 0 || !InvisibleChars.isInvisible(cp);
    }
}
