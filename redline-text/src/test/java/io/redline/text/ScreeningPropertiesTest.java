package io.redline.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.text.normalize.Normalizer;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Properties every screening must have, whatever the text. */
class ScreeningPropertiesTest {
    static final String FILLER = "今天天气很好我们去公园散步吧的了是在有人这中大小abcxyz0123 ，。！?";
    static final String NOISE = "*-_.,，。！!?？~·…★☆#&% \t😀🌈👍";
    /** Noise without clause punctuation: a lone comma between two Han characters reads as a sentence break. */
    static final String SYMBOLS = "*-_.·…★☆#&%+|^ \t😀🌈👍";

    static final String INVISIBLE = "\u200B\u200C\u200D\uFEFF\u00AD\uFE0F\u2066";
    static final List<Term> TERMS = List.of(
            new Term("加微信", "drainage", 70),
            new Term("网赌", "gambling", 80),
            new Term("大麻", "drugs", 80),
            new Term("casino", "gambling", 60),
            new Term("妹妹", "adult", 40),
            new Term("刷单返利", "fraud", 90));
    static final Screener SCREENER = Screener.compile(Lexicon.of(TERMS), AllowList.empty(), ScreenOptions.defaults());
    static final Normalizer NORMALIZER = Normalizer.full();

    @Property(tries = 400)
    void spansLieInsideTheTextAndCoverWhatMatched(@ForAll("texts") String text) {
        Screening s = SCREENER.screen(text);
        for (Hit h : s.hits()) {
            assertThat(h.start()).isBetween(0, text.length());
            assertThat(h.end()).isBetween(h.start() + 1, text.length());
            if (h.detector().equals(Hit.LEXICON)) {
                String seen = NORMALIZER.normalizeToString(text.substring(h.start(), h.end()));
                assertThat(seen).isEqualTo(h.normalized()).isEqualTo(NORMALIZER.normalizeToString(h.term()));
            }
        }
        assertThat(s.riskScore()).isBetween(0, 100);
        assertThat(s.clean()).isEqualTo(s.hits().isEmpty());
    }

    @Property(tries = 400)
    void anyUnicodeScreensWithoutFailingAndWithValidSpans(@ForAll("anyText") String text) {
        Screener starter = STARTER;
        Screening s = starter.screen(text);
        for (Hit h : s.hits()) {
            assertThat(h.start()).isBetween(0, text.length());
            assertThat(h.end()).isBetween(h.start() + 1, text.length());
        }
        assertThat(starter.count(text)).isEqualTo(s.hits().size());
    }

    static final Screener STARTER = Screener.starter();

    @Property(tries = 400)
    void normalisationIsIdempotent(@ForAll("anyText") String text) {
        String once = NORMALIZER.normalizeToString(text);
        assertThat(NORMALIZER.normalizeToString(once)).isEqualTo(once);
    }

    @Property(tries = 300)
    void aTermInterleavedWithNoiseUpToTheGapIsFound(
            @ForAll("terms") String term, @ForAll @IntRange(min = 0, max = 5) int maxGap, @ForAll("seeds") long seed) {
        Screener s = Screener.compile(
                Lexicon.of(List.of(new Term(term, "custom", 50))),
                AllowList.empty(),
                ScreenOptions.defaults().withoutDetectors().withMaxGap(maxGap));
        Random random = new Random(seed);
        int[] gaps = new int[term.length() - 1];
        for (int i = 0; i < gaps.length; i++) {
            gaps[i] = random.nextInt(maxGap + 1);
        }
        String text = interleave(term, gaps, random, SYMBOLS);
        assertThat(s.screen(text).hits()).as(text).extracting(Hit::term).containsExactly(term);
    }

    @Property(tries = 300)
    void aTermWithMoreNoiseThanTheGapInOnePlaceIsNotFound(
            @ForAll("terms") String term, @ForAll @IntRange(min = 0, max = 5) int maxGap, @ForAll("seeds") long seed) {
        Screener s = Screener.compile(
                Lexicon.of(List.of(new Term(term, "custom", 50))),
                AllowList.empty(),
                ScreenOptions.defaults().withoutDetectors().withMaxGap(maxGap));
        Random random = new Random(seed);
        int[] gaps = new int[term.length() - 1];
        for (int i = 0; i < gaps.length; i++) {
            gaps[i] = random.nextInt(maxGap + 1);
        }
        gaps[random.nextInt(gaps.length)] = maxGap + 1 + random.nextInt(3);
        String text = interleave(term, gaps, random, NOISE);
        assertThat(s.screen(text).hits()).as(text).isEmpty();
    }

    @Property(tries = 200)
    void allowListPhrasesSuppressTheHitsInsideThem(
            @ForAll("terms") String term,
            @ForAll("hanOutside") String before,
            @ForAll("hanOutside") String after,
            @ForAll("fillerOutside") String context) {
        String phrase = before + term + after;
        Lexicon lexicon = Lexicon.of(List.of(new Term(term, "custom", 50)));
        String text = context + phrase + context;
        Screener withAllow = Screener.compile(
                lexicon, AllowList.of(List.of(phrase)), ScreenOptions.defaults().withoutDetectors());
        Screener without = Screener.compile(
                lexicon, AllowList.empty(), ScreenOptions.defaults().withoutDetectors());
        assertThat(without.screen(text).hits()).isNotEmpty();
        assertThat(withAllow.screen(text).hits()).as(text).isEmpty();
    }

    private static String interleave(String term, int[] gaps, Random random, String noiseChars) {
        StringBuilder sb = new StringBuilder();
        int[] cps = term.codePoints().toArray();
        int[] noise = noiseChars.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            sb.appendCodePoint(cps[i]);
            if (i < gaps.length) {
                for (int g = 0; g < gaps[i]; g++) {
                    sb.appendCodePoint(noise[random.nextInt(noise.length)]);
                    if (random.nextInt(4) == 0) {
                        sb.append(INVISIBLE.charAt(random.nextInt(INVISIBLE.length())));
                    }
                }
            }
        }
        return sb.toString();
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> filler =
                Arbitraries.strings().withChars(FILLER + NOISE + INVISIBLE).ofMaxLength(8);
        Arbitrary<String> term = Arbitraries.of(TERMS)
                .map(Term::text)
                .flatMap(t -> Arbitraries.integers().between(0, 2).map(k -> spread(t, k)));
        return Combinators.combine(filler, term, filler, term, filler).as((a, b, c, d, e) -> a + b + c + d + e);
    }

    private static String spread(String term, int noisePerGap) {
        StringBuilder sb = new StringBuilder();
        term.codePoints().forEach(cp -> {
            if (!sb.isEmpty()) {
                sb.append("*".repeat(noisePerGap));
            }
            sb.appendCodePoint(cp);
        });
        return sb.toString();
    }

    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().withCharRange('\u3000', '\u9FFF').ofMaxLength(20),
                Arbitraries.strings().withCharRange('\uFF00', '\uFFEF').ofMaxLength(20),
                Arbitraries.strings().withChars("ＡａⅠⅰ①⑩㈱㍿ﬁ說ѕεΩß\u200B\u0301Ⓐ𝐀").ofMaxLength(20),
                Arbitraries.strings()
                        .withChars("加微信大麻网赌1３８一二三四五六七八九@.点·￥$€qQvV复制 ，。:*😀\uD83D\uDE00\uD800x")
                        .ofMaxLength(60));
    }

    @Provide
    Arbitrary<String> terms() {
        // Distinct Han characters, so collapsing repeats cannot join the term across a gap.
        return Arbitraries.of("加微信网赌刷单返利约炮黄赌毒"
                        .codePoints()
                        .mapToObj(Character::toString)
                        .toList())
                .list()
                .uniqueElements()
                .ofMinSize(2)
                .ofMaxSize(5)
                .map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Provide
    Arbitrary<String> hanOutside() {
        return Arbitraries.strings().withChars("山水花鸟鱼虫").ofMinLength(1).ofMaxLength(3);
    }

    @Provide
    Arbitrary<String> fillerOutside() {
        return Arbitraries.strings().withChars("今天很好 ，。😀").ofMaxLength(6);
    }
}
