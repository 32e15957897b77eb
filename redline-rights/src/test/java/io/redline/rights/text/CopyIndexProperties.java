package io.redline.rights.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The LSH lookup against the brute-force reference: an exhaustive scan of exact Jaccard
 * similarity over the shingle sets. The index may miss a true near-duplicate only with the
 * probability its parameters document (at J ≥ 0.8 a candidate is missed with probability
 * 0.67^20 ≈ 0.0004, and the estimate clears the threshold by five standard errors), and it never
 * returns what its own exhaustive signature scan would not.
 */
class CopyIndexProperties {
    /** The BRIEF's budget: recall 0.95 at Jaccard 0.8. */
    private static final double RECALL_MIN = 0.95;

    private static final double NEAR_DUPLICATE_JACCARD = 0.8;

    @Property(tries = 30)
    void theLshLookupFindsWhatAnExhaustiveJaccardScanFindsAboveTheThreshold(
            @ForAll @IntRange(min = 0, max = 1 << 20) int seed) {
        Random random = new Random(seed);
        CopyIndex index = new CopyIndex(CopyParams.DEFAULT, 64);
        Shingles shingles = new Shingles(CopyParams.DEFAULT.shingleChars());
        List<String> texts = new ArrayList<>();
        List<long[]> sets = new ArrayList<>();
        // Originals, and edits of them at every intensity, so true similarities spread over (0, 1].
        for (int i = 0; i < 300; i++) {
            String text = i < 100 || texts.isEmpty()
                    ? Notes.note(random, 2 + random.nextInt(5))
                    : Notes.substitute(texts.get(random.nextInt(texts.size())), random, random.nextInt(25));
            texts.add(text);
            sets.add(shingles.of(text));
            index.add("n" + i, "author" + i, index.signature(text));
        }
        int nearDuplicates = 0;
        int found = 0;
        for (int q = 0; q < 60; q++) {
            String query = Notes.substitute(texts.get(random.nextInt(texts.size())), random, random.nextInt(12));
            long[] querySet = shingles.of(query);
            char[] signature = index.signature(query);
            Set<String> returned = new HashSet<>();
            for (CopyMatch m : index.lookup(signature, "querier")) returned.add(m.id());
            Set<String> exhaustive = new HashSet<>();
            for (CopyMatch m : index.lookupExhaustive(signature, "querier")) exhaustive.add(m.id());
            // Every match the bands found passes the same similarity test as the full scan.
            assertThat(exhaustive).containsAll(returned);
            for (int i = 0; i < sets.size(); i++) {
                if (Shingles.jaccard(querySet, sets.get(i)) >= NEAR_DUPLICATE_JACCARD) {
                    nearDuplicates++;
                    if (returned.contains("n" + i)) found++;
                }
            }
        }
        assertThat(nearDuplicates)
                .as("the generator makes near-duplicates to look for")
                .isPositive();
        assertThat((double) found / nearDuplicates)
                .as("recall at J >= 0.8: %d of %d", found, nearDuplicates)
                .isGreaterThanOrEqualTo(RECALL_MIN);
    }
}
