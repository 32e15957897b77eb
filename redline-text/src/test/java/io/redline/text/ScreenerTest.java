package io.redline.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What screening finds, where it says it found it, and what it deliberately does not find. */
class ScreenerTest {
    static final Term ADD_WECHAT = new Term("加微信", "drainage", 70);
    static final Term HEMP = new Term("大麻", "drugs", 80);
    static final ScreenOptions LEXICON_ONLY = ScreenOptions.defaults().withoutDetectors();

    static Screener screener(AllowList allow, ScreenOptions options, Term... terms) {
        return Screener.compile(Lexicon.of(List.of(terms)), allow, options);
    }

    static Screener screener(Term... terms) {
        return screener(AllowList.empty(), LEXICON_ONLY, terms);
    }

    static List<String> terms(Screening s) {
        return s.hits().stream().map(Hit::term).toList();
    }

    @Nested
    class Evasions {
        final Screener s = screener(ADD_WECHAT, HEMP, new Term("casino", "gambling", 70));

        @Test
        void symbolsSpacesAndEmojiBetweenCharactersAreSkipped() {
            for (String text : List.of("加*微…信", "加 微 信", "加😀微😀信", "加-微_信", "加、微。信", "加👨‍👩‍👧微信")) {
                assertThat(terms(s.screen(text))).as(text).containsExactly("加微信");
            }
        }

        @Test
        void fullWidthCaseTraditionalAndLookalikesFold() {
            assertThat(terms(s.screen("ＣＡＳＩＮＯ"))).containsExactly("casino");
            assertThat(terms(s.screen("CаSіNО"))).as("Cyrillic а, і, О").containsExactly("casino");
            assertThat(terms(s.screen("𝐜𝐚𝐬𝐢𝐧𝐨"))).containsExactly("casino");
            assertThat(terms(s.screen("加微信 大麻"))).containsExactly("加微信", "大麻");
            assertThat(terms(s.screen("ⓒⓐⓢⓘⓝⓞ"))).containsExactly("casino");
            assertThat(terms(s.screen("ϲαsińo")))
                    .as("lunate sigma, alpha, accented n")
                    .containsExactly("casino");
        }

        @Test
        void invisibleCharactersAreRemoved() {
            assertThat(terms(s.screen("加\u200B微\u200D信"))).containsExactly("加微信");
            assertThat(terms(s.screen("c\u00ADa\uFE0Fs\u202Eino"))).containsExactly("casino");
        }

        @Test
        void repeatedCharactersCollapse() {
            assertThat(terms(s.screen("加加加微微信信"))).containsExactly("加微信");
            assertThat(terms(s.screen("caaasino"))).containsExactly("casino");
        }

        @Test
        void traditionalCharactersFold() {
            assertThat(terms(screener(new Term("线上赌场", "gambling", 85)).screen("線上賭場")))
                    .containsExactly("线上赌场");
        }
    }

    @Nested
    class Gap {
        final Screener s = screener(ADD_WECHAT);

        @Test
        void upToThreeNoiseCharactersBetweenTwoTermCharactersAreSkipped() {
            assertThat(s.screen("加***微信").hits()).hasSize(1);
            assertThat(s.screen("加****微信").hits()).isEmpty();
        }

        @Test
        void theGapIsConfigurable() {
            Screener wide = screener(AllowList.empty(), LEXICON_ONLY.withMaxGap(5), ADD_WECHAT);
            assertThat(wide.screen("加*****微信").hits()).hasSize(1);
            Screener tight = screener(AllowList.empty(), LEXICON_ONLY.withMaxGap(0), ADD_WECHAT);
            assertThat(tight.screen("加*微信").hits()).isEmpty();
            assertThat(tight.screen("加微信").hits()).hasSize(1);
        }

        @Test
        void aLoneClauseBreakBetweenTwoHanCharactersIsASentenceNotAnEvasion() {
            Screener s2 = screener(ADD_WECHAT, HEMP, new Term("代还信用卡", "fraud", 70));
            assertThat(s2.screen("雨太大，麻烦师傅开慢点").hits()).isEmpty();
            assertThat(s2.screen("汤不够可以再加，微信扫码就能点").hits()).isEmpty();
            assertThat(s2.screen("奶茶要不要加？微信上说").hits()).isEmpty();
            assertThat(terms(s2.screen("加、☆微信"))).as("a symbol in the gap").containsExactly("加微信");
            assertThat(terms(s2.screen("加，微，信"))).as("noise in every gap").containsExactly("加微信");
            assertThat(terms(s2.screen("大.麻"))).as("ASCII full stop").containsExactly("大麻");
            assertThat(terms(s2.screen("代!还，信#用/卡"))).containsExactly("代还信用卡");
        }

        @Test
        void lettersBetweenTermCharactersAreNotNoise() {
            assertThat(s.screen("加个微信").hits()).isEmpty();
        }
    }

    @Nested
    class Spans {
        @Test
        void hitsPointAtWhatTheAuthorWrote() {
            String text = "快来😀加 *微\u200B信😀吧";
            Hit hit = screener(ADD_WECHAT).screen(text).hits().get(0);
            assertThat(text.substring(hit.start(), hit.end())).isEqualTo("加 *微\u200B信");
            assertThat(hit.normalized()).isEqualTo("加微信");
            assertThat(hit)
                    .extracting(Hit::detector, Hit::category, Hit::severity)
                    .containsExactly("lexicon", "drainage", 70);
        }

        @Test
        void aCollapsedRunIsCoveredWhole() {
            String text = "加加微信信";
            Hit hit = screener(ADD_WECHAT).screen(text).hits().get(0);
            assertThat(text.substring(hit.start(), hit.end())).isEqualTo("加加微信信");
        }
    }

    @Nested
    class Selection {
        @Test
        void leftmostLongestWithinACategory() {
            Screener s = screener(new Term("微信", "drainage", 40), ADD_WECHAT, new Term("信号", "drainage", 10));
            assertThat(terms(s.screen("加微信号"))).containsExactly("加微信");
        }

        @Test
        void everyCategoryKeepsItsOwnHits() {
            Screener s = screener(new Term("微信", "custom", 40), ADD_WECHAT);
            assertThat(terms(s.screen("加微信"))).containsExactlyInAnyOrder("加微信", "微信");
        }

        @Test
        void allNonOverlappingHitsAreReported() {
            Screener s = screener(ADD_WECHAT, HEMP);
            assertThat(terms(s.screen("加微信买大麻，再加微信"))).containsExactly("加微信", "大麻", "加微信");
        }
    }

    @Nested
    class Allow {
        final Screener s =
                screener(AllowList.of(List.of("微信支付", "大麻哈鱼")), LEXICON_ONLY, new Term("微信", "drainage", 40), HEMP);

        @Test
        void aHitInsideAnAllowedPhraseIsDropped() {
            assertThat(s.screen("用微信支付买了大麻哈鱼").hits()).isEmpty();
        }

        @Test
        void theSameTermElsewhereStillHits() {
            assertThat(terms(s.screen("大麻哈鱼和大麻"))).containsExactly("大麻");
            assertThat(terms(s.screen("微信聊"))).containsExactly("微信");
        }

        @Test
        void aLongTextWithThousandsOfHitsAndAllowedPhrasesIsHandledWhole() {
            String unit = "加微信，微信支付买大麻哈鱼，不要大麻。";
            String text = unit.repeat(5_000);
            Screening screening = s.screen(text);
            assertThat(screening.hits()).hasSize(10_000);
            assertThat(screening.hits())
                    .allSatisfy(
                            h -> assertThat(text.substring(h.start(), h.end())).isIn("微信", "大麻"));
            assertThat(screening.hits().get(9_999).end()).isEqualTo(text.length() - 1);
        }

        @Test
        void allowedPhrasesMatchThroughEvasionsToo() {
            assertThat(s.screen("大 麻 哈 魚").hits()).isEmpty();
        }
    }

    @Nested
    class WordsAndRuns {
        @Test
        void wholeWordLatinTermsDoNotMatchInsideWords() {
            Screener s =
                    screener(new Term("ass", "adult", 50, Set.of(TermOption.WHOLEWORD)), new Term("sex", "adult", 50));
            assertThat(s.screen("a classic class").hits()).isEmpty();
            assertThat(terms(s.screen("kiss my ass!"))).containsExactly("ass");
            assertThat(terms(s.screen("Sussex"))).as("without wholeword").containsExactly("sex");
        }

        @Test
        void aTermWrittenWithADoubledCharacterNeedsItDoubled() {
            Screener s = screener(new Term("妹妹", "adult", 50));
            assertThat(s.screen("小妹").hits()).isEmpty();
            assertThat(s.screen("妹妹").hits()).hasSize(1);
            assertThat(s.screen("妹😀妹妹").hits()).hasSize(1);
        }
    }

    @Nested
    class Variants {
        final Term optedIn =
                new Term("加微信", "drainage", 70, Set.of(TermOption.PINYIN, TermOption.INITIALS, TermOption.HOMOPHONES));

        @Test
        void pinyinWithAndWithoutSpacesTonesAndMixes() {
            Screener s = screener(optedIn);
            for (String text : List.of(
                    "jiaweixin", "jia wei xin", "JIA-WEI-XIN", "jiā wēi xìn", "jia1wei1xin4", "jia微信", "加wei信")) {
                assertThat(terms(s.screen(text))).as(text).containsExactly("加微信");
            }
        }

        @Test
        void initialsMatchAsAWord() {
            Screener s = screener(optedIn);
            assertThat(terms(s.screen("jwx"))).containsExactly("加微信");
            assertThat(terms(s.screen("加 j w x"))).containsExactly("加微信");
            assertThat(s.screen("ajwxb").hits()).isEmpty();
        }

        @Test
        void homophonesMatchSameSoundingCharacters() {
            Screener s = screener(optedIn);
            for (String text : List.of("加威信", "+薇信", "➕薇信", "家维信")) {
                assertThat(terms(s.screen(text))).as(text).containsExactly("加微信");
            }
        }

        @Test
        void variantsAreOptInPerTerm() {
            Screener s = screener(ADD_WECHAT);
            assertThat(s.screen("jiaweixin jwx 加威信").hits()).isEmpty();
        }

        @Test
        void variantsCanBeSwitchedOffForAllTerms() {
            Screener s = screener(AllowList.empty(), LEXICON_ONLY.withVariants(false), optedIn);
            assertThat(s.screen("jiaweixin 加威信").hits()).isEmpty();
        }
    }

    @Nested
    class ExactMode {
        @Test
        void matchesOnlyTheRawText() {
            Screener s =
                    screener(AllowList.empty(), ScreenOptions.exact(), ADD_WECHAT, new Term("casino", "gambling", 70));
            assertThat(terms(s.screen("加微信 casino"))).containsExactly("加微信", "casino");
            assertThat(s.screen("加*微信 CASINO ｃａｓｉｎｏ 13812345678").hits()).isEmpty();
        }
    }

    @Nested
    class Results {
        @Test
        void riskIsTheHighestSeverityBoostedByMoreCategoriesAndHits() {
            assertThat(Screening.riskScore(List.of())).isZero();
            Hit drainage = new Hit("lexicon", "drainage", 70, 0, 1, "x", "x");
            Hit drugs = new Hit("lexicon", "drugs", 80, 2, 3, "y", "y");
            assertThat(Screening.riskScore(List.of(drainage))).isEqualTo(70);
            assertThat(Screening.riskScore(List.of(drainage, drainage))).isEqualTo(71);
            assertThat(Screening.riskScore(List.of(drainage, drugs))).isEqualTo(80 + 10 + 1);
            assertThat(Screening.riskScore(List.of(drugs, drugs, drugs, drainage, drainage)))
                    .isEqualTo(94);
            assertThat(Screening.riskScore(List.of(new Hit("phone", "drainage", 95, 0, 1, "", ""), drugs)))
                    .isEqualTo(100);
        }

        @Test
        void cleanTextIsClean() {
            Screening s = Screener.starter().screen("今天天气真好，一起去公园散步吧。");
            assertThat(s.clean()).isTrue();
            assertThat(s.riskScore()).isZero();
        }

        @Test
        void countAgreesWithScreen() {
            Screener s = Screener.starter();
            String text = "加微信 13812345678 网赌 大麻哈鱼 jwx www.example.com";
            assertThat(s.count(text)).isEqualTo(s.screen(text).hits().size()).isGreaterThan(3);
        }
    }

    @Nested
    class Versions {
        @Test
        void theVersionChangesWithLexiconAllowListAndOptions() {
            Screener a = screener(ADD_WECHAT);
            assertThat(screener(ADD_WECHAT).version()).isEqualTo(a.version());
            assertThat(screener(ADD_WECHAT, HEMP).version()).isNotEqualTo(a.version());
            assertThat(screener(AllowList.of(List.of("x")), LEXICON_ONLY, ADD_WECHAT)
                            .version())
                    .isNotEqualTo(a.version());
            assertThat(screener(AllowList.empty(), LEXICON_ONLY.withMaxGap(2), ADD_WECHAT)
                            .version())
                    .isNotEqualTo(a.version());
        }

        @Test
        void aReloadSwapsAtomically() {
            Screener before = screener(ADD_WECHAT);
            Screener after = screener(HEMP);
            ScreenerHolder holder = new ScreenerHolder(before);
            assertThat(holder.current().screen("大麻").clean()).isTrue();
            assertThat(holder.swap(after)).isSameAs(before);
            assertThat(holder.current().screen("大麻").clean()).isFalse();
        }

        @Test
        void aLazyHolderCompilesOnceOnFirstUseAndNeverBefore() {
            java.util.concurrent.atomic.AtomicInteger compiles = new java.util.concurrent.atomic.AtomicInteger();
            ScreenerHolder holder = ScreenerHolder.lazy(() -> {
                compiles.incrementAndGet();
                return Screener.starter();
            });
            assertThat(compiles).hasValue(0);
            assertThat(holder.current().screen("加微信").clean()).isFalse();
            assertThat(holder.current()).isSameAs(holder.current());
            assertThat(compiles).hasValue(1);
        }
    }

    @Test
    void screeningIsThreadSafe() {
        Screener s = Screener.starter();
        List<String> texts = IntStream.range(0, 400)
                .mapToObj(i -> i % 4 == 0
                        ? "加微信" + i
                        : i % 4 == 1 ? "vx: abc_" + i + "xyz" : i % 4 == 2 ? "大麻哈鱼 " + i : "電話 138 0013 " + (8000 + i))
                .toList();
        List<Screening> sequential = texts.stream().map(s::screen).toList();
        List<Screening> parallel = texts.parallelStream().map(s::screen).toList();
        assertThat(parallel).isEqualTo(sequential);
    }

    @Test
    void optionsAreValidated() {
        assertThatThrownBy(() -> ScreenOptions.defaults().withMaxGap(17)).hasMessageContaining("maxGap 17");
        assertThatThrownBy(() -> new Term(" ", "drugs", 10)).hasMessageContaining("empty");
    }
}
