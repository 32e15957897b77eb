package io.redline.text.pinyin;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.text.AllowList;
import io.redline.text.Hit;
import io.redline.text.Lexicon;
import io.redline.text.ScreenOptions;
import io.redline.text.Screener;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** Terms that opt in with chaizi match their characters written as parts; others do not. */
class ChaiziTest {
    static final Screener S = Screener.compile(
            Lexicon.parseTsv(new StringReader(
                    "娼\tadult\t60\tchaizi\n多谢惠顾\tads\t40\tchaizi\n法轮\tcustom\t90\tchaizi\n" + "嫖\tadult\t60\n")),
            AllowList.empty(),
            ScreenOptions.defaults());

    @Test
    void aCharacterWrittenAsItsPartsMatchesTheTerm() {
        assertThat(S.screen("今晚有女昌吗").hits()).singleElement().satisfies(h -> {
            assertThat(h.term()).isEqualTo("娼");
            assertThat(h.start()).isEqualTo(3);
            assertThat(h.end()).isEqualTo(5);
        });
        assertThat(S.screen("多言身寸惠顾").hits()).extracting(Hit::term).containsExactly("多谢惠顾");
        assertThat(S.screen("多讠身寸惠顾").hits()).extracting(Hit::term).containsExactly("多谢惠顾");
        assertThat(S.screen("氵去轮").hits()).extracting(Hit::term).containsExactly("法轮");
        assertThat(S.screen("女 昌").hits())
                .as("noise between parts")
                .extracting(Hit::term)
                .containsExactly("娼");
    }

    @Test
    void termsWithoutTheOptionAndOrdinaryTextDoNotMatchParts() {
        assertThat(S.screen("女票").clean()).as("嫖 did not opt in").isTrue();
        assertThat(S.screen("她是女生，昌平区人").clean()).isTrue();
    }

    @Test
    void variantsAreBoundedAndMixWholeAndDecomposedCharacters() {
        assertThat(Chaizi.variants("加微信".codePoints().toArray())).contains("力口微信", "加微亻言", "力口微亻言");
        assertThat(Chaizi.variants("好好好好好好好好".codePoints().toArray())).hasSizeLessThanOrEqualTo(Chaizi.VARIANTS_MAX);
        assertThat(Chaizi.variants("abc".codePoints().toArray())).isEmpty();
    }
}
