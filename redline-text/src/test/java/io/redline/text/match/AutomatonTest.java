package io.redline.text.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The automaton finds exactly the occurrences a naive search finds. */
class AutomatonTest {

    @Test
    void findsOverlappingAndNestedPatterns() {
        Automaton.Builder b = new Automaton.Builder();
        int he = b.add(cps("he"));
        int she = b.add(cps("she"));
        int his = b.add(cps("his"));
        int hers = b.add(cps("hers"));
        Automaton a = b.build();
        List<String> found = a.occurrences(cps("ushers")).stream()
                .map(o -> o[0] + "@" + o[1])
                .toList();
        assertThat(found).containsExactlyInAnyOrder(she + "@4", he + "@4", hers + "@6");
        assertThat(a.occurrences(cps("this"))).extracting(o -> o[0]).containsExactly(his);
    }

    @Test
    void handlesLargeAlphabetsAndStatesWithManyChildren() {
        Automaton.Builder b = new Automaton.Builder();
        List<String> patterns = new ArrayList<>();
        for (int c = 0x4E00; c < 0x4E00 + 200; c++) {
            patterns.add("加" + Character.toString(c));
        }
        patterns.forEach(p -> b.add(cps(p)));
        Automaton a = b.build();
        assertThat(a.occurrences(cps("加" + Character.toString(0x4E00 + 150)))).hasSize(1);
        assertThat(a.occurrences(cps("加加" + Character.toString(0x4E00 + 7)))).hasSize(1);
    }

    @Property(tries = 300)
    void agreesWithNaiveSearch(
            @ForAll("patterns") @Size(min = 1, max = 12) List<String> patterns, @ForAll("texts") String text) {
        Automaton.Builder b = new Automaton.Builder();
        patterns.forEach(p -> b.add(cps(p)));
        Automaton a = b.build();
        assertAgreesWithNaiveSearch(a, patterns, text);
    }

    /**
     * Hundreds of patterns over a 40-letter alphabet: thousands of slots, so slots' tags (the low
     * byte of the parent's slot) collide and only the full check tells children apart, and states
     * with more than {@link Automaton#DOUBLE_ARRAY_MAX_CHILDREN} children both at depth one (kept in
     * the double array) and deeper (hashed).
     */
    @Property(tries = 60)
    void agreesWithNaiveSearchOnLargeAutomata(
            @ForAll("manyPatterns") @Size(min = 200, max = 700) List<String> patterns,
            @ForAll("longTexts") String text) {
        Automaton.Builder b = new Automaton.Builder();
        patterns.forEach(p -> b.add(cps(p)));
        Automaton a = b.build();
        assertThat(a.slotCount()).isGreaterThan(256);
        assertAgreesWithNaiveSearch(a, patterns, text);
    }

    /**
     * Every transition of a large automaton, checked against its definition: from the state of a
     * pattern prefix P on letter c, the state of the longest suffix of P + c that is a pattern
     * prefix. Texts reach only some transitions; this reaches all, including the probes whose
     * tag agrees with the state but whose check does not.
     */
    @Property(tries = 20)
    void everyTransitionGoesToTheLongestPrefixSuffix(
            @ForAll("manyPatterns") @Size(min = 300, max = 700) List<String> patterns) {
        Automaton.Builder b = new Automaton.Builder();
        patterns.forEach(p -> b.add(cps(p)));
        Automaton a = b.build();
        java.util.Map<String, Integer> stateOf = new java.util.HashMap<>();
        stateOf.put("", 0);
        for (String p : patterns) {
            int s = 0;
            for (int i = 0; i < p.length(); i++) {
                // Along a pattern every step is to a child, which the automaton always finds.
                s = a.next(s, a.symbol(p.charAt(i)));
                stateOf.put(p.substring(0, i + 1), s);
            }
        }
        for (var prefix : stateOf.entrySet()) {
            for (char c : LETTERS.toCharArray()) {
                String grown = prefix.getKey() + c;
                int expected = 0;
                for (int from = 0; from < grown.length(); from++) {
                    Integer t = stateOf.get(grown.substring(from));
                    if (t != null) {
                        expected = t;
                        break;
                    }
                }
                int symbol = a.symbol(c);
                int actual = symbol == 0 ? 0 : a.next(prefix.getValue(), symbol);
                assertThat(actual).as("from \"%s\" on %s", prefix.getKey(), c).isEqualTo(expected);
            }
        }
    }

    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz加微信刷单代还大麻赌博彩票毒品";

    @Provide
    Arbitrary<List<String>> manyPatterns() {
        // Short patterns over few first letters, so those letters' states get many children.
        Arbitrary<String> head = Arbitraries.strings().withChars("ab加").ofLength(1);
        Arbitrary<String> tail =
                Arbitraries.strings().withChars(LETTERS).ofMinLength(0).ofMaxLength(3);
        return Arbitraries.oneOf(
                        head.flatMap(h -> tail.map(t -> h + t)),
                        Arbitraries.strings().withChars(LETTERS).ofMinLength(1).ofMaxLength(4))
                .list();
    }

    @Provide
    Arbitrary<String> longTexts() {
        return Arbitraries.strings().withChars(LETTERS + "ab加ab加").ofMaxLength(300);
    }

    @Provide
    Arbitrary<List<String>> patterns() {
        return Arbitraries.strings()
                .withChars("abc加微")
                .ofMinLength(1)
                .ofMaxLength(4)
                .list();
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars("abcd加微信").ofMaxLength(30);
    }

    private static int[] cps(String s) {
        return s.codePoints().toArray();
    }

    /** Every (pattern, end) occurrence a naive scan finds, and no other. */
    private static void assertAgreesWithNaiveSearch(Automaton a, List<String> patterns, String text) {
        List<int[]> expected = new ArrayList<>();
        for (int end = 1; end <= text.length(); end++) {
            for (int p = 0; p < patterns.size(); p++) {
                String pat = patterns.get(p);
                if (end >= pat.length() && text.startsWith(pat, end - pat.length())) {
                    expected.add(new int[] {p, end});
                }
            }
        }
        Comparator<int[]> order = Comparator.<int[]>comparingInt(o -> o[1]).thenComparingInt(o -> o[0]);
        List<int[]> actual = new ArrayList<>(a.occurrences(cps(text)));
        actual.sort(order);
        expected.sort(order);
        assertThat(actual).usingElementComparator(order).containsExactlyElementsOf(expected);
    }
}
