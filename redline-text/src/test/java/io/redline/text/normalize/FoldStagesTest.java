package io.redline.text.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each folding stage on its own: what an author writes, and what the stage turns it into. */
class FoldStagesTest {

    @Nested
    class WidthAndCase {
        @Test
        void fullWidthLettersAndDigitsBecomeAscii() {
            assertThat(WidthCaseFold.apply("ＷｅＣｈａｔ１２３")).isEqualTo("wechat123");
        }

        @Test
        void circledParenthesisedAndMathematicalLettersBecomePlain() {
            assertThat(WidthCaseFold.apply("ⓦⓔⓒⓗⓐⓣ")).isEqualTo("wechat");
            assertThat(WidthCaseFold.apply("⒲⒠")).isEqualTo("(w)(e)");
            assertThat(WidthCaseFold.apply("𝐰𝐞𝐜𝐡𝐚𝐭")).isEqualTo("wechat");
            assertThat(WidthCaseFold.apply("①②③")).isEqualTo("123");
        }

        @Test
        void ligaturesAndKangxiRadicalsUnfold() {
            assertThat(WidthCaseFold.apply("ﬁne")).isEqualTo("fine");
            assertThat(WidthCaseFold.apply("⼈")).isEqualTo("人");
        }

        @Test
        void caseFoldsFully() {
            assertThat(WidthCaseFold.apply("STRASSE Straße")).isEqualTo("strasse strasse");
        }

        @Test
        void applyingTwiceChangesNothing() {
            String once = WidthCaseFold.apply("ＡＢＣ㎏ﬃ⑩");
            assertThat(WidthCaseFold.apply(once)).isEqualTo(once);
        }
    }

    @Nested
    class TraditionalToSimplifiedStage {
        @Test
        void traditionalCharactersBecomeSimplified() {
            assertThat(TraditionalToSimplified.apply("線上賭場 說話 號碼")).isEqualTo("线上赌场 说话 号码");
        }

        @Test
        void simplifiedTextAndLatinAreUntouched() {
            assertThat(TraditionalToSimplified.apply("加微信 abc")).isEqualTo("加微信 abc");
        }

        @Test
        void theTableCoversThousandsOfCharacters() {
            assertThat(TraditionalToSimplified.size()).isGreaterThan(2000);
        }
    }

    @Nested
    class Lookalikes {
        @Test
        void cyrillicAndGreekLettersThatLookLatinBecomeLatin() {
            assertThat(LookalikeFold.apply("ѕех саѕіnо")).isEqualTo("sex casino");
            assertThat(LookalikeFold.apply("νιαgrα")).isEqualTo("viagra");
        }

        @Test
        void accentsAndToneMarksAreStripped() {
            assertThat(LookalikeFold.apply("viágra jiā wēi xìn nǚ")).isEqualTo("viagra jia wei xin nu");
        }

        @Test
        void digitsAndHanAreLeftAlone() {
            // Unlike confusable skeletons, 0 and 1 stay digits: phone numbers must survive.
            assertThat(LookalikeFold.apply("0138 加微信")).isEqualTo("0138 加微信");
        }
    }

    @Nested
    class Invisibles {
        @Test
        void zeroWidthBidiVariationSelectorsSoftHyphenAndBomAreRemoved() {
            String sneaky = "加\u200B微\u200C\u200D信\uFEFF\u202E\u2066\uFE0F\u00AD";
            assertThat(InvisibleChars.apply(sneaky)).isEqualTo("加微信");
        }

        @Test
        void strayCombiningMarksAreRemoved() {
            assertThat(InvisibleChars.apply("加\u0301微\u20E3信")).isEqualTo("加微信");
        }

        @Test
        void visibleCharactersStay() {
            assertThat(InvisibleChars.apply("a b,c😀")).isEqualTo("a b,c😀");
        }
    }

    @Nested
    class Noise {
        @Test
        void symbolsPunctuationSpacesAndEmojiAreNoise() {
            for (int cp : "*…. ,，！😀🌈★-_+@".codePoints().toArray()) {
                assertThat(NoiseClass.isNoise(cp)).as("U+%04X", cp).isTrue();
            }
        }

        @Test
        void lettersDigitsAndHanAreNot() {
            for (int cp : "a1加〇Ω".codePoints().toArray()) {
                assertThat(NoiseClass.isNoise(cp)).as("U+%04X", cp).isFalse();
            }
        }
    }

    @Nested
    class Digits {
        @Test
        void chineseNumeralsFinancialFormsAndYaoAreDigits() {
            assertThat("零一二三四五六七八九".codePoints().map(DigitForms::value).toArray())
                    .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
            assertThat("〇壹贰叁肆伍陆柒捌玖幺".codePoints().map(DigitForms::value).toArray())
                    .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1);
        }

        @Test
        void dingbatCircledDigitsAreDigits() {
            assertThat("➀❷➌⓹".codePoints().map(DigitForms::value).toArray()).containsExactly(1, 2, 3, 5);
        }

        @Test
        void otherCharactersAreNot() {
            assertThat(DigitForms.value('十')).isEqualTo(-1);
            assertThat(DigitForms.value('a')).isEqualTo(-1);
        }
    }
}
