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

/**
 * The pass lists exactly the folded-stream positions whose entry is a trigger, in order, however
 * many there are and whatever expands (the list is written for every entry and kept for triggers).
 */
class PassTriggersTest {
    private static final FoldTable TABLE = FoldTable.of(FoldTable.ALL);
    private static final Automaton AC = automaton();

    private static Automaton automaton() {
        Automaton.Builder b = new Automaton.Builder();
        b.add("加微".codePoints().toArray());
        return b.build();
    }

    @Property(tries = 500)
    void triggersAreTheEntriesMarkedAsTriggers(@ForAll("texts") String text) {
        PassScratch s = new PassScratch();
        // Twice with the same scratch: a second, shorter or longer text must not see the first one's list.
        for (String t : List.of(text, text + text)) {
            Pass.run(
                    t,
                    TABLE,
                    AC,
                    new Patterns(new byte[AC.patternCount()], new int[AC.patternCount()][]),
                    true,
                    true,
                    1,
                    true,
                    s);
            List<Integer> expected = new ArrayList<>();
            for (int k = 0; k < s.fn; k++) {
                if ((s.fcp[k] & FoldTable.TRIGGER) != 0) {
                    expected.add(k);
                }
            }
            List<Integer> listed = new ArrayList<>();
            for (int i = 0; i < s.tn; i++) {
                listed.add(s.trig[i]);
            }
            assertThat(listed).as(t).isEqualTo(expected);
        }
    }

    /** Up to a few thousand characters, mostly triggers, with characters that fold to several (⑩, ㎏, ⒈). */
    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings()
                .withChars("0123456789一八.。点d@￥加微vwq⑩㎏⒈⑳ ，、\u200B好abc")
                .ofMaxLength(3000);
    }
}
