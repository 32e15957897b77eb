package io.redline.text.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.text.normalize.FoldTable;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * The root skip (a depth-one state reached by falling back to the root is kept without reading its
 * slot, and left without a probe when no pattern begins with the pair just read) changes nothing:
 * the same states, the same hits. Patterns and texts use a small alphabet, so the pair bitmap's
 * hashed pairs collide and both its answers occur.
 */
class RootSkipTest {
    private static final String LETTERS = "abcdefg加微信刷单";
    private static final FoldTable TABLE = FoldTable.of(FoldTable.ALL);

    /** Every pair that begins a pattern is in the bitmap: a false negative would lose that pattern's hits. */
    @Property(tries = 200)
    void everyPatternsFirstPairIsInTheBitmap(@ForAll("patterns") @Size(min = 1, max = 400) List<String> patterns) {
        Automaton a = build(patterns);
        for (String p : patterns) {
            if (p.length() >= 2) {
                assertThat(a.mayStartPattern(a.symbol(p.charAt(0)), a.symbol(p.charAt(1))))
                        .as(p)
                        .isTrue();
            }
        }
    }

    /** At every position the lazily kept state is the automaton's own state. */
    @Property(tries = 300)
    void lazyStatesResolveToTheAutomatonsStates(
            @ForAll("patterns") @Size(min = 1, max = 400) List<String> patterns, @ForAll("texts") String text) {
        Automaton a = build(patterns);
        int lazy = 0;
        int plain = 0;
        for (int i = 0; i < text.length(); i++) {
            int sym = a.symbol(text.charAt(i));
            lazy = a.step(lazy, sym);
            plain = sym == 0 ? 0 : a.next(plain, sym);
            assertThat(a.resolve(lazy)).as("%s at %d", text, i).isEqualTo(plain);
        }
    }

    /** The pass (noise skipping, repeats, gaps, edges) reports the same matches with and without the skip. */
    @Property(tries = 300)
    void passReportsTheSameMatchesWithoutTheSkip(
            @ForAll("patterns") @Size(min = 1, max = 400) List<String> patterns,
            @ForAll("noisyTexts") String text,
            @ForAll boolean skipNoise,
            @ForAll boolean collapse) {
        PatternSet set = new PatternSet();
        for (int i = 0; i < patterns.size(); i++) {
            set.add(patterns.get(i).codePoints().toArray(), new int[0], i, true);
        }
        PatternSet.Compiled c = set.build(TABLE);
        assertThat(matches(text, c.automaton(), c.patterns(), skipNoise, collapse))
                .isEqualTo(matches(text, c.automaton().withoutRootSkip(), c.patterns(), skipNoise, collapse));
    }

    /**
     * The pass's own copy of the step, checked against a naive search: exact mode (no folding, no
     * noise, no repeats collapsed, no edges), where a match is exactly an occurrence.
     */
    @Property(tries = 300)
    void passFindsExactlyTheOccurrencesInExactMode(
            @ForAll("patterns") @Size(min = 1, max = 400) List<String> patterns, @ForAll("texts") String text) {
        Automaton a = build(patterns);
        PassScratch s = new PassScratch();
        Pass.run(
                text,
                null,
                a,
                new Patterns(new byte[a.patternCount()], new int[a.patternCount()][]),
                false,
                false,
                0,
                false,
                s);
        List<String> found = new ArrayList<>();
        for (int i = 0; i < s.mn; i++) {
            found.add(s.mPid[i] + "@" + s.mStart[i] + "-" + s.mEnd[i]);
        }
        List<String> expected = new ArrayList<>();
        for (int p = 0; p < patterns.size(); p++) {
            String pat = patterns.get(p);
            for (int at = text.indexOf(pat); at >= 0; at = text.indexOf(pat, at + 1)) {
                expected.add(p + "@" + at + "-" + (at + pat.length()));
            }
        }
        assertThat(found).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static List<String> matches(String text, Automaton a, Patterns p, boolean skipNoise, boolean collapse) {
        PassScratch s = new PassScratch();
        Pass.run(text, TABLE, a, p, skipNoise, collapse, 2, false, s);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < s.mn; i++) {
            out.add(s.mPid[i] + "@" + s.mStart[i] + "-" + s.mEnd[i]);
        }
        return out;
    }

    private static Automaton build(List<String> patterns) {
        Automaton.Builder b = new Automaton.Builder();
        patterns.forEach(p -> b.add(p.codePoints().toArray()));
        return b.build();
    }

    @Provide
    Arbitrary<List<String>> patterns() {
        return Arbitraries.strings()
                .withChars(LETTERS)
                .ofMinLength(1)
                .ofMaxLength(4)
                .list();
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars(LETTERS + "xy").ofMaxLength(300);
    }

    /** With noise (symbols, zero-width, punctuation), repeats and characters that fold (Ａ, 微 in traditional). */
    @Provide
    Arbitrary<String> noisyTexts() {
        return Arbitraries.strings().withChars(LETTERS + "xy*，\u200B ＡＢ刷刷aa").ofMaxLength(300);
    }
}
