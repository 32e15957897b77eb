package io.redline.text.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.text.Hit;
import io.redline.text.Screener;
import io.redline.text.normalize.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** A message one author spreads over several lines of a stream is found, and nothing else is joined. */
class StreamScreeningTest {
    static final Screener SCREENER = Screener.starter();
    static final Normalizer NORMALIZER = Normalizer.full();
    static final List<String> MESSAGES = List.of("加微信", "加我微信", "大麻", "网赌", "刷单返利", "13800138000");

    /** Feeds lines by one author into a context and returns the cross-line hits of each line. */
    static List<List<CrossLineHit>> feed(List<String> lines) {
        StreamContext context = new StreamContext();
        List<List<CrossLineHit>> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String id = Integer.toString(i + 1);
            out.add(StreamScreening.across(SCREENER, context.prior("s1", "u1", null), id, lines.get(i)));
            context.add("s1", "u1", null, id, lines.get(i));
        }
        return out;
    }

    @Test
    void aContactSpreadOverFiveLinesIsReportedOnTheLastNamingTheLinesItSpans() {
        List<List<CrossLineHit>> hits = feed(List.of("加", "我", "V", "abc", "123"));
        assertThat(hits.subList(0, 4)).allSatisfy(h -> assertThat(h).isEmpty());
        assertThat(hits.get(4)).singleElement().satisfies(c -> {
            assertThat(c.hit().detector()).isEqualTo("wechat");
            assertThat(c.hit().term()).isEqualTo("abc123");
            assertThat(c.lineIds()).containsExactly("4", "5");
            assertThat(c.hit().start()).isZero();
            assertThat(c.hit().end()).isEqualTo(3);
        });
    }

    @Test
    void aPhoneNumberAndATermCutIntoPiecesAreFound() {
        assertThat(feed(List.of("138", "0013", "8000")).get(2))
                .singleElement()
                .satisfies(c -> assertThat(c.lineIds()).containsExactly("1", "2", "3"));
        assertThat(feed(List.of("加微", "信")).get(1))
                .singleElement()
                .satisfies(c -> assertThat(c.hit().term()).isEqualTo("加微信"));
    }

    @Test
    void twoSentencesThatHappenToMeetAtALineBreakAreNotJoined() {
        assertThat(feed(List.of("今天雨太大", "麻烦师傅开慢点")))
                .allSatisfy(h -> assertThat(h).isEmpty());
        assertThat(feed(List.of("我们去网", "赌场那边的公园")))
                .allSatisfy(h -> assertThat(h).isEmpty());
    }

    @Test
    void otherAuthorsOtherStreamsOldLinesAndLinesBeyondTheCountAreNotContext() {
        StreamContext context = new StreamContext(8, Duration.ofSeconds(120), 1000);
        Instant t0 = Instant.parse("2026-12-02T10:00:00Z");
        context.add("s1", "u1", t0, "1", "加微");
        assertThat(context.prior("s1", "u2", t0.plusSeconds(1))).isEmpty();
        assertThat(context.prior("s2", "u1", t0.plusSeconds(1))).isEmpty();
        assertThat(context.prior(null, "u1", t0.plusSeconds(1))).isEmpty();
        assertThat(context.prior("s1", "u1", t0.plusSeconds(121))).isEmpty();
        assertThat(context.prior("s1", "u1", t0.plusSeconds(120))).hasSize(1);
        assertThat(context.prior("s1", "u1", null)).hasSize(1);
        for (int i = 2; i <= 9; i++) {
            context.add("s1", "u1", t0, Integer.toString(i), "好");
        }
        assertThat(context.prior("s1", "u1", t0))
                .extracting(PriorLine::id)
                .containsExactly("2", "3", "4", "5", "6", "7", "8", "9");
    }

    @Test
    void theContextForgetsTheLeastRecentlyActiveStreamsBeyondItsBound() {
        StreamContext context = new StreamContext(8, Duration.ofSeconds(120), 2);
        context.add("a", "u", null, "1", "x");
        context.add("b", "u", null, "2", "x");
        context.add("c", "u", null, "3", "x");
        assertThat(context.prior("a", "u", null)).isEmpty();
        assertThat(context.prior("c", "u", null)).hasSize(1);
    }

    @Test
    void aLongEarlierLineKeepsOnlyItsTailWithOffsetsIntoTheWholeLine() {
        String longLine = "好".repeat(1000) + "加微";
        List<List<CrossLineHit>> hits = feed(List.of(longLine, "信"));
        // The long line is not a fragment, but the new line is: the hit stands, with offsets in the whole line.
        assertThat(hits.get(1)).singleElement().satisfies(c -> {
            assertThat(c.parts().getFirst()).isEqualTo(new LinePart("1", 1000, 1002));
            assertThat(c.lineIds()).containsExactly("1", "2");
        });
    }

    /**
     * A message cut at random places into lines, each line maybe padded with noise: the hit names
     * exactly the lines holding a piece of it, and its parts spell the message.
     */
    @Property(tries = 300)
    void aMessageCutIntoLinesIsFoundOnTheLastPieceNamingExactlyTheLinesUsed(
            @ForAll("messages") String message,
            @ForAll("cuts") List<Integer> cuts,
            @ForAll @IntRange(max = 2) int pad) {
        List<String> pieces = new ArrayList<>();
        int from = 0;
        for (int cut : cuts.stream().sorted().distinct().toList()) {
            if (cut > from && cut < message.length()) {
                pieces.add(message.substring(from, cut));
                from = cut;
            }
        }
        pieces.add(message.substring(from));
        if (pieces.size() < 2) {
            return;
        }
        List<String> lines = pieces.stream().map(p -> " ".repeat(pad) + p).toList();
        List<List<CrossLineHit>> hits = feed(lines);
        for (int i = 0; i < hits.size(); i++) {
            int line = i + 1;
            // A shorter term inside the message may complete earlier: it too names consecutive lines ending here.
            assertThat(hits.get(i)).allSatisfy(c -> {
                List<String> ids = c.lineIds();
                int first = Integer.parseInt(ids.getFirst());
                assertThat(ids).hasSizeGreaterThan(1);
                for (int k = 0; k < ids.size(); k++) {
                    assertThat(ids.get(k)).isEqualTo(Integer.toString(first + k));
                }
                assertThat(ids.getLast()).isEqualTo(Integer.toString(line));
            });
        }
        CrossLineHit found = hits.getLast().stream()
                .filter(c -> c.lineIds().size() == lines.size())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no hit over all lines of " + lines + ": " + hits.getLast()));
        StringBuilder spelled = new StringBuilder();
        for (LinePart p : found.parts()) {
            String line = lines.get(Integer.parseInt(p.lineId()) - 1);
            assertThat(p.start()).isBetween(0, line.length());
            assertThat(p.end()).isBetween(p.start() + 1, line.length());
            spelled.append(line, p.start(), p.end());
        }
        Hit h = found.hit();
        if (h.detector().equals(Hit.LEXICON)) {
            assertThat(NORMALIZER.normalizeToString(spelled)).isEqualTo(h.normalized());
        } else {
            assertThat(spelled.toString().replace(" ", "")).isEqualTo(h.term());
        }
    }

    /** Lines by different authors (or in different streams) never combine, whatever they say. */
    @Property(tries = 200)
    void linesOfDifferentAuthorsOrStreamsNeverCombine(
            @ForAll("messages") String message,
            @ForAll @IntRange(min = 1, max = 10) int cut,
            @ForAll boolean otherStream) {
        if (cut >= message.length()) {
            return;
        }
        StreamContext context = new StreamContext();
        context.add("s1", "u1", null, "1", message.substring(0, cut));
        List<PriorLine> prior = otherStream ? context.prior("s2", "u1", null) : context.prior("s1", "u2", null);
        assertThat(StreamScreening.across(SCREENER, prior, "2", message.substring(cut)))
                .isEmpty();
    }

    @Provide
    Arbitrary<String> messages() {
        return Arbitraries.of(MESSAGES);
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(1, 10).list().ofMinSize(1).ofMaxSize(4);
    }
}
