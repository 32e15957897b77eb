package io.redline.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Lexicon files as operators write them, and the errors they get when a line is wrong. */
class LexiconTest {

    @Test
    void readsTheTsvFormatWithCommentsDefaultsOptionsAndTags() {
        Lexicon lex = Lexicon.parseTsv(new StringReader("""
                # contact terms
                加微信\tdrainage\t70\tpinyin, initials,homophones,tag:contact

                大麻\tdrugs
                escort service\tAdult\t80\twholeword
                """));
        assertThat(lex.size()).isEqualTo(3);
        assertThat(lex.terms().get(0))
                .isEqualTo(new Term(
                        "加微信",
                        "drainage",
                        70,
                        Set.of("contact"),
                        Set.of(TermOption.PINYIN, TermOption.INITIALS, TermOption.HOMOPHONES)));
        assertThat(lex.terms().get(1).severity()).as("category default").isEqualTo(Lexicon.defaultSeverity("drugs"));
        assertThat(lex.terms().get(2).category()).isEqualTo("adult");
        assertThat(lex.terms().get(2).has(TermOption.WHOLEWORD)).isTrue();
    }

    @Test
    void readsThePlainFormatWithTheCallersCategory() {
        Lexicon lex = Lexicon.parsePlain(new StringReader("\uFEFF赌博\n# skip\n\n网赌\r\n"), "gambling", 70);
        assertThat(lex.terms()).extracting(Term::text).containsExactly("赌博", "网赌");
        assertThat(lex.terms()).allSatisfy(t -> assertThat(t.category()).isEqualTo("gambling"));
    }

    @Test
    void aLineWithoutCategoryNamesItsLineNumber() {
        assertThatThrownBy(() -> Lexicon.parseTsv(new StringReader("# header\n加微信\n")))
                .isInstanceOf(LexiconFormatException.class)
                .hasMessageStartingWith("line 2:")
                .hasMessageContaining("no tab");
    }

    @Test
    void badSeverityUnknownOptionAndBadCategoryAreReportedWithWhatToFix() {
        assertThatThrownBy(() -> Lexicon.parseTsv(new StringReader("a\tdrugs\thigh\n")))
                .hasMessage("line 1: severity 'high' is not a whole number 0–100");
        assertThatThrownBy(() -> Lexicon.parseTsv(new StringReader("a\tdrugs\t120\n")))
                .hasMessageContaining("line 1:")
                .hasMessageContaining("outside 0–100");
        assertThatThrownBy(() -> Lexicon.parseTsv(new StringReader("a\tdrugs\t50\tpinyn\n")))
                .hasMessageContaining("unknown option 'pinyn'")
                .hasMessageContaining("pinyin, initials, homophones, chaizi, wholeword");
        assertThatThrownBy(() -> Lexicon.parseTsv(new StringReader("a\tdrugs and guns\n")))
                .hasMessageContaining("line 1: category 'drugs and guns'");
        assertThatThrownBy(() -> Lexicon.parseTsv(new StringReader("a\tb\t1\tpinyin\textra\n")))
                .hasMessageContaining("at most 4");
        assertThat(catchLine(() -> Lexicon.parseTsv(new StringReader("ok\tdrugs\n***\tdrugs\n"))))
                .isEqualTo(2);
    }

    @Test
    void aTermOfOnlySymbolsIsRejectedBecauseSymbolsAreSkipped() {
        assertThatThrownBy(() -> Lexicon.parsePlain(new StringReader("*_*\n"), "custom", 10))
                .hasMessageContaining("line 1")
                .hasMessageContaining("no letter or digit");
    }

    @Test
    void duplicatesMergeKeepingTheHighestSeverityAndAllOptions() {
        Lexicon lex = Lexicon.of(List.of(
                new Term("大麻", "drugs", 60, Set.of(TermOption.PINYIN)),
                new Term("大麻", "drugs", 90, Set.of(TermOption.INITIALS))));
        assertThat(lex.size()).isEqualTo(1);
        assertThat(lex.terms().get(0).severity()).isEqualTo(90);
        assertThat(lex.terms().get(0).options()).containsExactlyInAnyOrder(TermOption.PINYIN, TermOption.INITIALS);
    }

    @Test
    void aWholeCategoryCanOptIntoVariantFamilies() {
        Lexicon lex = Lexicon.of(List.of(new Term("网赌", "gambling", 80), new Term("大麻", "drugs", 80)))
                .withOptions("gambling", Set.of(TermOption.PINYIN));
        assertThat(lex.terms())
                .filteredOn(t -> t.category().equals("gambling"))
                .allSatisfy(t -> assertThat(t.has(TermOption.PINYIN)).isTrue());
        assertThat(lex.terms())
                .filteredOn(t -> t.category().equals("drugs"))
                .allSatisfy(t -> assertThat(t.options()).isEmpty());
        Screener s = Screener.compile(lex, AllowList.empty(), ScreenOptions.defaults());
        assertThat(s.screen("wang du").hits()).extracting(Hit::term).containsExactly("网赌");
        assertThat(s.screen("da ma").hits()).isEmpty();
    }

    @Test
    void theVersionIsAContentHashIndependentOfOrder() {
        Lexicon a = Lexicon.of(List.of(new Term("x1", "custom", 1), new Term("y1", "custom", 2)));
        Lexicon b = Lexicon.of(List.of(new Term("y1", "custom", 2), new Term("x1", "custom", 1)));
        Lexicon c = Lexicon.of(List.of(new Term("y1", "custom", 3), new Term("x1", "custom", 1)));
        assertThat(a.version()).isEqualTo(b.version()).hasSize(16);
        assertThat(c.version()).isNotEqualTo(a.version());
    }

    @Test
    void theStarterLexiconCoversEveryFamilyTheBriefNames() {
        Lexicon starter = Lexicon.starter();
        assertThat(starter.size()).isGreaterThan(200);
        assertThat(starter.terms())
                .extracting(Term::category)
                .contains("drainage", "gambling", "fraud", "drugs", "adult", "ads");
        assertThat(starter.terms()).anySatisfy(t -> assertThat(t.options()).contains(TermOption.HOMOPHONES));
        assertThat(AllowList.starter().phrases()).contains("微信支付", "大麻哈鱼");
    }

    @Test
    void allowListsParseAndHash() {
        AllowList a = AllowList.parse(new StringReader("# benign\n微信支付\n\n大麻哈鱼\n"));
        assertThat(a.phrases()).containsExactlyInAnyOrder("微信支付", "大麻哈鱼");
        assertThat(AllowList.of(List.of("大麻哈鱼", "微信支付")).version()).isEqualTo(a.version());
        assertThat(AllowList.empty().size()).isZero();
    }

    private static int catchLine(Runnable r) {
        try {
            r.run();
            return -1;
        } catch (LexiconFormatException e) {
            return e.line();
        }
    }
}
