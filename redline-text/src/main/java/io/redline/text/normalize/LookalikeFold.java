package io.redline.text.normalize;

/**
 * Stage 3: look-alike folding onto Latin.
 *
 * <p>A curated table (our own, {@code LookalikeList} in the tests' generator) maps Cyrillic and
 * Greek letters that look like Latin letters, and letter-like symbols, to the Latin letter a
 * reader sees; Latin letters with diacritics fold to their base letter ({@code viágra} → {@code
 * viagra}). Sigma folds to c: after NFKC and case folding the lunate sigma ϲ, used for c, arrives
 * as σ. We chose a curated table over ICU's confusable skeletons because skeletons also map digits
 * to letters ({@code 0} → {@code O}, {@code 1} → {@code l}), which would destroy phone numbers and
 * ids, and produce prototypes (e.g. {@code m} → {@code rn}) that would make lexicon terms
 * unmatchable. Expects case-folded input. Generated at build time into {@link FoldData}.
 */
public final class LookalikeFold {
    private LookalikeFold() {}

    /** The Latin look-alike of cp, or null when cp is not folded. */
    public static String map(int cp) {
        return cp < 0x80 ? null : FoldData.get().lookalike.get(cp);
    }

    /** Applies the mapping to each code point of s. */
    public static String apply(String s) {
        return FoldData.apply(FoldData.get().lookalike, s);
    }
}
