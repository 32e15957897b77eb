package io.redline.text.pinyin;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.text.AllowList;
import io.redline.text.Hit;
import io.redline.text.Lexicon;
import io.redline.text.ScreenOptions;
import io.redline.text.Screener;
import io.redline.text.Screening;
import io.redline.text.Term;
import io.redline.text.TermOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** A term of polyphonic characters is found in pinyin under any of its characters' readings. */
class PolyphonicReadingsTest {
    /** Characters with several readings, and ordinary ones, to build terms from. */
    static final String POLYPHONIC = "行长乐重还了和传大都朝单会强参";

    static final String PLAIN = "银微信加";

    record Case(String term, String spelling, String before, String after) {}

    @Test
    void aPolyphonicCharacterHasEveryReadingTheMostCommonFirst() {
        assertThat(Pinyin.readings('行')).containsExactly("xing", "hang");
        assertThat(Pinyin.readings('长')).startsWith(Pinyin.plain('长')).contains("chang", "zhang");
        assertThat(Pinyin.readings('微')).containsExactly("wei");
        assertThat(Pinyin.readings('a')).isEmpty();
    }

    @Test
    void aBankIsFoundAsYinhangNotOnlyAsYinxing() {
        Screener s = screener("银行");
        for (String text : List.of("yinhang", "YIN HANG", "银hang", "yin行", "yinxing", "yh", "yx", "银航")) {
            assertThat(s.screen(text).hits()).as(text).extracting(Hit::term).containsExactly("银行");
        }
    }

    @Property(tries = 300)
    void everyCombinationOfReadingsIsFoundSpannedOverExactlyTheSpelling(@ForAll("cases") Case c) {
        Screener s = screener(c.term());
        String text = c.before() + c.spelling() + c.after();
        Screening screening = s.screen(text);
        assertThat(screening.hits()).as(text).anySatisfy(h -> {
            assertThat(h.term()).isEqualTo(c.term());
            assertThat(h.start()).isEqualTo(c.before().length());
            assertThat(h.end()).isEqualTo(c.before().length() + c.spelling().length());
        });
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<String> term = Combinators.combine(
                        Arbitraries.of(POLYPHONIC
                                .chars()
                                .mapToObj(ch -> String.valueOf((char) ch))
                                .toList()),
                        Arbitraries.of((POLYPHONIC + PLAIN)
                                .chars()
                                .mapToObj(ch -> String.valueOf((char) ch))
                                .toList()))
                .as((a, b) -> a + b)
                // A doubled character (行行) is a repeat the chain collapses, a separate matter.
                .filter(t -> t.charAt(0) != t.charAt(1));
        return term.flatMap(t -> {
            List<Arbitrary<String>> parts = new ArrayList<>();
            for (int i = 0; i < t.length(); i++) {
                parts.add(Arbitraries.of(Pinyin.readings(t.charAt(i))));
            }
            Arbitrary<String> spelling = Combinators.combine(parts)
                    .as(List::copyOf)
                    .flatMap(rs -> Arbitraries.of(" ", "", "-")
                            .flatMap(sep -> Arbitraries.of(true, false).map(upper -> {
                                String joined = String.join(sep, rs);
                                return upper ? joined.toUpperCase(Locale.ROOT) : joined;
                            })));
            return Combinators.combine(spelling, Arbitraries.of("", "今天 ", "看看，"), Arbitraries.of("", " 吧", "。"))
                    .as((sp, b, a) -> new Case(t, sp, b, a));
        });
    }

    static Screener screener(String term) {
        return Screener.compile(
                Lexicon.of(List.of(new Term(
                        term, "custom", 60, Set.of(TermOption.PINYIN, TermOption.INITIALS, TermOption.HOMOPHONES)))),
                AllowList.empty(),
                ScreenOptions.defaults());
    }
}
