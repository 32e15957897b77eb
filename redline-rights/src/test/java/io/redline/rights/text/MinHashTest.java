package io.redline.rights.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class MinHashTest {
    /**
     * Signatures are stored (rights_text_signatures) and compared with ones computed later, so any
     * faster way of computing them must give the very same values as the scheme's formula: for each
     * function, the low 16 bits of min over shingles of mix(x·multiplier + addend), compared unsigned.
     */
    @Property(tries = 300)
    void signaturesAreBitIdenticalToTheSchemesFormula(
            @ForAll @IntRange(min = 0, max = 1 << 20) int seed,
            @ForAll @IntRange(min = 0, max = 600) int shingleCount,
            @ForAll @IntRange(min = 1, max = CopyParams.HASHES_MAX) int hashes) {
        Random random = new Random(seed);
        long[] shingles = random.longs(shingleCount).sorted().distinct().toArray();
        assertThat(new MinHash(hashes).signature(shingles)).isEqualTo(formula(hashes, shingles));
    }

    @Property(tries = 100)
    void textSignaturesAreBitIdenticalToTheSchemesFormula(@ForAll @IntRange(min = 0, max = 1 << 20) int seed) {
        Random random = new Random(seed);
        long[] shingles = new Shingles(CopyParams.DEFAULT.shingleChars()).of(Notes.note(random, 1 + random.nextInt(8)));
        int hashes = CopyParams.DEFAULT.hashes();
        assertThat(new MinHash(hashes).signature(shingles)).isEqualTo(formula(hashes, shingles));
    }

    /** The scheme as first written (shingle-major loops), kept here as the reference. */
    private static char[] formula(int hashes, long[] shingles) {
        SplittableRandom random = new SplittableRandom(0x5EED_2026_0D0CL);
        long[] multipliers = new long[hashes];
        long[] addends = new long[hashes];
        for (int i = 0; i < hashes; i++) {
            multipliers[i] = random.nextLong() | 1;
            addends[i] = random.nextLong();
        }
        char[] sig = new char[hashes];
        if (shingles.length == 0) {
            Arrays.fill(sig, MinHash.EMPTY);
            return sig;
        }
        long[] min = new long[hashes];
        Arrays.fill(min, Long.MAX_VALUE);
        for (long x : shingles) {
            for (int i = 0; i < hashes; i++) {
                long h = Shingles.mix(x * multipliers[i] + addends[i]) ^ Long.MIN_VALUE;
                if (h < min[i]) min[i] = h;
            }
        }
        for (int i = 0; i < hashes; i++) {
            char v = (char) min[i];
            sig[i] = v == MinHash.EMPTY ? 0xFFFE : v;
        }
        return sig;
    }
}
