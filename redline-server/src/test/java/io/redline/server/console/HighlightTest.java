package io.redline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.decision.EvidenceHit;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The reviewer must see exactly what the author wrote, with every valid evidence span marked. */
class HighlightTest {

    @Property
    void segmentsAlwaysConcatenateToTheOriginal(@ForAll("texts") String text, @ForAll("hits") List<EvidenceHit> hits) {
        List<Highlight.Segment> segments = Highlight.segments(text, "text", hits);
        assertThat(String.join(
                        "", segments.stream().map(Highlight.Segment::text).toList()))
                .isEqualTo(text);
        assertThat(segments).allSatisfy(s -> assertThat(s.text()).isNotEmpty());
    }

    @Property
    void everyValidSpanIsMarkedAndNothingElseIs(@ForAll("texts") String text, @ForAll("hits") List<EvidenceHit> hits) {
        boolean[] expected = new boolean[text.length()];
        for (EvidenceHit h : hits) {
            if (h.field().equals("text") && h.start() >= 0 && h.start() < h.end() && h.end() <= text.length()) {
                for (int i = h.start(); i < h.end(); i++) expected[i] = true;
            }
        }
        boolean[] marked = new boolean[text.length()];
        int at = 0;
        for (Highlight.Segment s : Highlight.segments(text, "text", hits)) {
            for (int i = 0; i < s.text().length(); i++) marked[at + i] = s.marked();
            at += s.text().length();
        }
        for (int i = 0; i < text.length(); i++) {
            // A mark may widen by one unit to keep a surrogate pair whole, never shrink.
            if (expected[i])
                assertThat(marked[i]).as("offset %d of %s", i, text).isTrue();
            if (marked[i] && !expected[i]) {
                assertThat(Character.isSurrogate(text.charAt(i)))
                        .as("offset %d of %s", i, text)
                        .isTrue();
            }
        }
    }

    @Property
    void noBoundaryFallsInsideASurrogatePair(@ForAll("texts") String text, @ForAll("hits") List<EvidenceHit> hits) {
        int at = 0;
        for (Highlight.Segment s : Highlight.segments(text, "text", hits)) {
            at += s.text().length();
            if (at < text.length()) {
                assertThat(Character.isHighSurrogate(text.charAt(at - 1)) && Character.isLowSurrogate(text.charAt(at)))
                        .as("boundary at %d of %s", at, text)
                        .isFalse();
            }
        }
    }

    @Test
    void overlappingHitsMergeUnderTheDecisiveOne() {
        String text = "加我微信 abc123 谢谢";
        List<EvidenceHit> hits = List.of(
                new EvidenceHit("text", "lexicon", "drainage", 60, 0, 4, "加我微信", "加我微信", false),
                new EvidenceHit("text", "wechat", "drainage", 70, 2, 11, "abc123", "abc123", true),
                new EvidenceHit("title", "lexicon", "ads", 30, 0, 2, "x", "x", false));
        List<Highlight.Segment> segments = Highlight.segments(text, "text", hits);
        assertThat(segments).extracting(Highlight.Segment::text).containsExactly("加我微信 abc123", " 谢谢");
        assertThat(segments.get(0).decisive()).isTrue();
        assertThat(segments.get(0).terms()).isEqualTo("加我微信, abc123");
        assertThat(segments.get(1).marked()).isFalse();
    }

    @Test
    void spansOutsideTheTextAreIgnored() {
        List<EvidenceHit> hits = List.of(
                new EvidenceHit("text", "d", "c", 1, 3, 99, "t", "t", false),
                new EvidenceHit("text", "d", "c", 1, -1, 2, "t", "t", false));
        assertThat(Highlight.segments("abc", "text", hits))
                .extracting(Highlight.Segment::marked)
                .containsExactly(false);
        assertThat(Highlight.segments("", "text", hits)).isEmpty();
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMinLength(1).ofMaxLength(40),
                Arbitraries.strings().withChars("ab微信😀<>&\"").ofMinLength(1).ofMaxLength(30));
    }

    @Provide
    Arbitrary<List<EvidenceHit>> hits() {
        Arbitrary<EvidenceHit> hit = Combinators.combine(
                        Arbitraries.integers().between(-2, 45),
                        Arbitraries.integers().between(0, 12),
                        Arbitraries.of("text", "title"),
                        Arbitraries.integers().between(1, 99),
                        Arbitraries.of(true, false))
                .as((start, length, field, severity, decisive) -> new EvidenceHit(
                        field,
                        "d",
                        "c" + severity % 3,
                        severity,
                        start,
                        start + length,
                        "t" + severity,
                        "t",
                        decisive));
        return hit.list().ofMaxSize(6).map(ArrayList::new);
    }
}
