package io.redline.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.policy.Action;
import io.redline.text.Hit;
import io.redline.text.Screener;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The streaming guard against the whole-text screener: however the output is cut into chunks,
 * the guard stops exactly when screening the whole text finds a hit, never releases a character
 * of that hit, releases everything when the text is clean, and screens each character a bounded
 * number of times.
 */
class OutputGuardTest {
    private static final Screener SCREENER = Screener.starter();
    /** The strictest judge: any hit stops. */
    private static final OutputGuard.Judge ANY_HIT =
            (hits, length) -> new Judgement(Action.BLOCK, "hit", null, !hits.isEmpty());

    private static final String[] TERMS = {"网上赌场", "百家乐", "加微信", "真人荷官", "澳门赌场", "六合彩"};
    private static final String[] NOISE = {" ", "*", "·", "\u200b", "-", "💥", "。", ""};
    private static final String FILLER = "今天天气很好我们去公园散步吧看看花草树木然后回家做饭读书写字The quick brown fox jumps over the lazy dog ";

    record Run(String released, OutputGuard.Step last, OutputGuard guard) {}

    private static Run feed(List<String> chunks, OutputGuard.Judge judge, int step) {
        OutputGuard g = new OutputGuard(SCREENER, HoldBack.of(SCREENER, step), judge, 1_000_000);
        StringBuilder released = new StringBuilder();
        OutputGuard.Step s = null;
        for (String c : chunks) {
            s = g.append(c);
            released.append(s.released());
            if (s.stopped()) return new Run(released.toString(), s, g);
        }
        s = g.finish();
        released.append(s.released());
        return new Run(released.toString(), s, g);
    }

    @Property(tries = 400)
    void anyChunkingStopsExactlyWhenTheWholeTextHasAHitAndNeverReleasesIt(
            @ForAll("outputs") String text, @ForAll("cuts") List<Integer> cuts, @ForAll("steps") int step) {
        List<String> chunks = cut(text, cuts);
        Run run = feed(chunks, ANY_HIT, step);
        List<Hit> whole = SCREENER.screen(text).hits();
        assertThat(text).startsWith(run.released());
        if (whole.isEmpty()) {
            assertThat(run.last().stopped())
                    .as("clean text %s in %s", text, chunks)
                    .isFalse();
            assertThat(run.released()).isEqualTo(text);
        } else {
            assertThat(run.last().stopped())
                    .as("hits %s in %s cut %s", whole, text, chunks)
                    .isTrue();
            int firstStart = whole.stream().mapToInt(Hit::start).min().orElseThrow();
            assertThat(run.released().length())
                    .as("released %s of %s", run.released(), text)
                    .isLessThanOrEqualTo(firstStart);
        }
    }

    @Property(tries = 200)
    void eachCharacterIsScreenedABoundedNumberOfTimes(
            @ForAll("cleanOutputs") String text, @ForAll("cuts") List<Integer> cuts) {
        HoldBack hb = HoldBack.of(SCREENER, 0);
        Run run = feed(cut(text, cuts), ANY_HIT, 0);
        // Each screening reads at most overlap + step + (the last chunk's excess) new characters; a chunk
        // longer than a step is read once whole. So the total stays linear in the text, never quadratic.
        long bound = (long) text.length() * (1 + (hb.overlapChars() + hb.stepChars()) / hb.stepChars())
                + hb.overlapChars()
                + 2;
        assertThat(run.guard().screenedChars()).isLessThanOrEqualTo(bound);
    }

    @Test
    void aTermSplitAcrossTwoChunksIsCaughtAndNothingOfItIsReleased() {
        Run run = feed(List.of("今天我们聊聊", "网上赌", "场的事情"), ANY_HIT, 1);
        assertThat(run.last().stopped()).isTrue();
        assertThat(run.released()).doesNotContain("网").doesNotContain("赌");
        assertThat(run.guard().hits()).extracting(Hit::term).contains("网上赌场");
    }

    @Test
    void aNoisePaddedTermCutInsideItsPaddingIsCaught() {
        Run run = feed(List.of("好的，你可以试试 百 * 家", " * 乐 今晚开始"), ANY_HIT, 1);
        assertThat(run.last().stopped()).isTrue();
        assertThat(run.released()).doesNotContain("百");
    }

    @Test
    void cleanTextIsReleasedWholeAtTheEndAndHeldBackAtMostTheWindowBefore() {
        HoldBack hb = HoldBack.of(SCREENER, 0);
        OutputGuard g = new OutputGuard(SCREENER, hb, ANY_HIT, 1_000_000);
        StringBuilder sent = new StringBuilder();
        String text = FILLER.repeat(20);
        for (int i = 0; i < text.length(); i += 3) {
            sent.append(
                    g.append(text.substring(i, Math.min(text.length(), i + 3))).released());
            int received = Math.min(text.length(), i + 3);
            assertThat(received - sent.length()).isLessThanOrEqualTo(hb.holdCharsMax());
        }
        sent.append(g.finish().released());
        assertThat(sent.toString()).isEqualTo(text);
    }

    @Test
    void theWindowIsDerivedFromTheCompiledLexicon() {
        HoldBack hb = HoldBack.of(SCREENER, 0);
        int m = SCREENER.maxPatternLength();
        int gap = SCREENER.options().maxGap();
        assertThat(hb.spanChars()).isGreaterThanOrEqualTo(2 * (m + (m - 1) * gap));
        assertThat(hb.overlapChars()).isEqualTo(hb.spanChars() - 1);
        assertThat(hb.stepChars()).isEqualTo(Math.max(1, hb.overlapChars() / 4));
    }

    @Test
    void anOutputLongerThanTheLimitStopsWithLength() {
        OutputGuard g = new OutputGuard(SCREENER, HoldBack.of(SCREENER, 0), ANY_HIT, 1_000);
        OutputGuard.Step s = OutputGuard.Step.NOTHING;
        for (int i = 0; i < 20 && !s.stopped(); i++) s = g.append(FILLER);
        assertThat(s.stopped()).isTrue();
        assertThat(s.stop().finishReason()).isEqualTo("length");
    }

    private static List<String> cut(String text, List<Integer> cuts) {
        List<String> out = new ArrayList<>();
        int at = 0;
        for (int c : cuts) {
            if (at >= text.length()) break;
            int end = Math.min(text.length(), at + c);
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1)))
                end++; // SSE carries whole characters
            out.add(text.substring(at, end));
            at = end;
        }
        if (at < text.length()) out.add(text.substring(at));
        return out;
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(1, 12).list().ofMinSize(1).ofMaxSize(400);
    }

    @Provide
    Arbitrary<Integer> steps() {
        return Arbitraries.of(0, 1, 3, 17);
    }

    @Provide
    Arbitrary<String> cleanOutputs() {
        return Arbitraries.integers()
                .between(0, FILLER.length() - 1)
                .list()
                .ofMinSize(0)
                .ofMaxSize(300)
                .map(idx -> {
                    StringBuilder sb = new StringBuilder();
                    for (int i : idx) sb.append(FILLER.charAt(i));
                    return sb.toString();
                })
                .filter(s -> SCREENER.screen(s).clean());
    }

    @Provide
    Arbitrary<String> outputs() {
        Arbitrary<String> filler = Arbitraries.integers()
                .between(0, FILLER.length() - 10)
                .flatMap(from -> Arbitraries.integers()
                        .between(0, 60)
                        .map(len -> FILLER.substring(from, Math.min(FILLER.length(), from + len))));
        Arbitrary<String> padded = Combinators.combine(
                        Arbitraries.of(TERMS),
                        Arbitraries.of(NOISE),
                        Arbitraries.integers().between(0, 3))
                .as((term, noise, reps) -> {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; i < term.length(); i++) {
                        if (i > 0) sb.append(noise.repeat(reps));
                        sb.append(term.charAt(i));
                    }
                    return sb.toString();
                });
        Arbitrary<String> piece =
                Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, filler), net.jqwik.api.Tuple.of(1, padded));
        return piece.list().ofMinSize(1).ofMaxSize(12).map(l -> String.join("", l));
    }
}
