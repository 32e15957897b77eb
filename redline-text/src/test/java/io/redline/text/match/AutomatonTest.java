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
}
