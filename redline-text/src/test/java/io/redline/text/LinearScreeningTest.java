package io.redline.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Screening cost grows linearly with the text length, whatever the text, for every detector and
 * option (issue #11: a.a.a…, a。a。…, ab.ab.… took seconds at 20k characters). Measured as the
 * engine's deterministic count of work ({@link Screener#workOf}: characters folded and stepped,
 * match checks, characters the detectors read, candidates selected), never wall-clock time:
 * screening a text four times as long must cost at most about four times as much, and no text
 * may cost more than a fixed number of units per character.
 */
class LinearScreeningTest {
    /** Units of work a character may cost at most, for any text (ordinary text costs 3–10). */
    static final long WORK_PER_CHAR_MAX = 100;

    static final int LENGTH = 2_000;

    /** The starter lexicon (with its pinyin, initials and homophone terms) and every detector. */
    static final Screener STARTER = Screener.starter();
    /** Every variant family on every term, terms with doubled characters, a long gap: the costliest options. */
    static final Screener ALL_VARIANTS = Screener.compile(
            Lexicon.of(List.of(
                            new Term("加微信", "drainage", 70),
                            new Term("哈哈", "ads", 40),
                            new Term("妹妹", "adult", 40),
                            new Term("aa", "custom", 30),
                            new Term("a", "custom", 30),
                            new Term("ab", "custom", 30),
                            new Term("网赌", "gambling", 80),
                            new Term("casino", "gambling", 60),
                            new Term("娼", "adult", 60)))
                    .withOptions("drainage", Set.of(TermOption.PINYIN, TermOption.INITIALS, TermOption.HOMOPHONES))
                    .withOptions("gambling", Set.of(TermOption.PINYIN, TermOption.INITIALS, TermOption.HOMOPHONES))
                    .withOptions(
                            "adult",
                            Set.of(TermOption.PINYIN, TermOption.INITIALS, TermOption.HOMOPHONES, TermOption.CHAIZI))
                    .withOptions("drainage", Set.of(TermOption.CHAIZI)),
            AllowList.of(List.of("a.a", "哈哈哈")),
            ScreenOptions.defaults().withMaxGap(ScreenOptions.MAX_GAP_LIMIT));
    /** Noise is not skipped and repeats are not collapsed: every character is a position of its own. */
    static final Screener RAW = Screener.compile(
            Lexicon.starter(),
            AllowList.starter(),
            ScreenOptions.defaults().withSkipNoise(false).withCollapseRepeats(false));

    static final List<Screener> SCREENERS = List.of(STARTER, ALL_VARIANTS, RAW);

    /** The inputs of issue #11 and their kin, one per detector and per matcher stage. */
    static final List<String> KNOWN_UNITS = List.of(
            "a.",
            "a。",
            "ab.",
            "a点",
            "a·",
            "a . ",
            "a(.)",
            "a dot ",
            "dot ", // each word both a label and a separator: two chains alternate
            "1、", // chain breakers join one- and two-digit groups (issue 19)
            "1|5、",
            "1\u200B9/",
            "1\uFE0F\u20E3",
            "⑬",
            "vxab",
            "VXjqnmsuzt ",
            "女昌",
            "力口亻言",
            "dot",
            "xdot",
            "www.",
            "http://",
            "https://a.",
            "1.",
            "1 ",
            "1-",
            "138",
            "13812345678 ",
            "@",
            "a@",
            "a@b.cn ",
            "a.b@",
            "x@a.com.",
            "a.com ",
            "a.com@",
            "-va",
            "v",
            "vx",
            "wx a-",
            "微信a-",
            "wxid_a",
            "qq1",
            "扣扣1 ",
            "￥abc123￥ ",
            "$",
            "加.",
            "哈.",
            "哈",
            "a\u0301",
            "\u0301",
            "a\u200b",
            "加*",
            "加微信",
            "jiaweixin ",
            "jwx ",
            "加威信",
            "+",
            "身份证110105");

    @Test
    void theDetectorsReadsAreCounted() {
        // Without -Dredline.text.countWork=true (redline-text's surefire configuration) the detectors'
        // reads would not be counted and these tests would prove nothing about them.
        assertThat(Boolean.getBoolean("redline.text.countWork"))
                .as("-Dredline.text.countWork=true")
                .isTrue();
        assertThat(STARTER.workOf("a.b.c.d.e.f.g.h.i.j")).isGreaterThan(STARTER.workOf("abcdefghijklmnopqrs"));
    }

    @Test
    void theInputsOfIssue11CostLinearWork() {
        for (Screener screener : SCREENERS) {
            for (String unit : KNOWN_UNITS) {
                assertLinear(screener, unit);
            }
        }
    }

    @Property(tries = 150)
    void anyRepeatedPatternCostsLinearWork(@ForAll("units") String unit) {
        for (Screener screener : SCREENERS) {
            assertLinear(screener, unit);
        }
    }

    @Property(tries = 100)
    void noiseBetweenEveryCharacterCostsLinearWork(@ForAll("words") String word, @ForAll("noise") String noise) {
        StringBuilder unit = new StringBuilder();
        word.codePoints().forEach(cp -> unit.appendCodePoint(cp).append(noise));
        for (Screener screener : SCREENERS) {
            assertLinear(screener, unit.toString());
        }
    }

    @Property(tries = 60)
    void aLongRunOfOneCharacterThenAPatternCostsLinearWork(@ForAll("pieces") String run, @ForAll("units") String tail) {
        for (Screener screener : SCREENERS) {
            long small = screener.workOf(run.repeat(LENGTH / 2) + tail.repeat(LENGTH / 2 / tail.length() + 1));
            long large = screener.workOf(run.repeat(4 * LENGTH / 2) + tail.repeat(4 * LENGTH / 2 / tail.length() + 1));
            assertThat(large).as("run %s then %s", run, tail).isLessThanOrEqualTo(small * 9 / 2 + 1_000);
        }
    }

    /**
     * The same pattern repeated to n and to 4n characters: the longer text may cost at most 4.5
     * times the shorter (4 plus room for the edges), and at most {@link #WORK_PER_CHAR_MAX} a character.
     */
    static void assertLinear(Screener screener, String unit) {
        String small = repeatTo(unit, LENGTH);
        String large = repeatTo(unit, 4 * LENGTH);
        long smallWork = screener.workOf(small);
        long largeWork = screener.workOf(large);
        assertThat(largeWork)
                .as("work for 4x the text %s… (%d at %d chars)", abbreviate(unit), smallWork, LENGTH)
                .isLessThanOrEqualTo(smallWork * 9 / 2 + 1_000);
        assertThat(largeWork)
                .as("work per character for %s…", abbreviate(unit))
                .isLessThanOrEqualTo(WORK_PER_CHAR_MAX * large.length());
    }

    static String repeatTo(String unit, int length) {
        StringBuilder sb = new StringBuilder(length + unit.length());
        while (sb.length() < length) {
            sb.append(unit);
        }
        return sb.toString();
    }

    static String abbreviate(String unit) {
        return unit.length() > 24 ? unit.substring(0, 24) : unit;
    }

    /** Pieces an attacker repeats: separators, digits, '@', URL prefixes, cues, currency signs, marks, letters. */
    static final List<String> PIECES = List.of(
            "、",
            "|",
            "女",
            "昌",
            "a",
            "b",
            "x",
            "v",
            "w",
            "q",
            "d",
            "o",
            "t",
            "dot",
            "com",
            "cn",
            "today",
            "1",
            "3",
            "8",
            "0",
            "一",
            "①",
            ".",
            "。",
            "点",
            "·",
            "(.)",
            "[.]",
            "(",
            ")",
            "[",
            "{",
            " ",
            "  ",
            "-",
            "_",
            "/",
            ":",
            "，",
            "@",
            "＠",
            "http://",
            "https://",
            "www.",
            "￥",
            "$",
            "€",
            "复制",
            "微信",
            "vx",
            "wxid_",
            "qq",
            "扣扣",
            "号",
            "加",
            "+",
            "哈",
            "大",
            "麻",
            "\u0301",
            "\u200b",
            "😀",
            "★",
            "Ａ",
            "１",
            "X");

    @Provide
    Arbitrary<String> pieces() {
        return Arbitraries.of(PIECES);
    }

    @Provide
    Arbitrary<String> units() {
        Arbitrary<String> mixed = pieces().list().ofMinSize(1).ofMaxSize(6).map(list -> String.join("", list));
        Arbitrary<String> alternating = Combinators.combine(pieces(), pieces()).as((x, y) -> x + y);
        return Arbitraries.oneOf(Arbitraries.of(KNOWN_UNITS), mixed, alternating);
    }

    @Provide
    Arbitrary<String> words() {
        return Arbitraries.of(
                "加微信", "casino", "wechat", "13812345678", "abc.com", "a@b.cn", "哈哈", "网赌", "jiaweixin", "wxid_abc12");
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.of(".", "。", " ", "*", "\u200b", "\u0301", "😀", "-", "·", "点", "@", "  ", " . ");
    }
}
