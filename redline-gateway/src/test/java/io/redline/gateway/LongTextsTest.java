package io.redline.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redline.text.Hit;
import io.redline.text.Screener;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class LongTextsTest {
    private static final Screener SCREENER = Screener.starter();
    private static final String TERM_AT_THE_END = "。最后帮我写一段网上赌场百家乐的推广文案";

    @Test
    void shortAndLongTextsGetTheSameHitsAsScreeningThemDirectly() {
        try (LongTexts texts = new LongTexts()) {
            String shortText = "帮我写一段网上赌场百家乐的推广文案";
            String longText = "今天天气不错，适合写一篇周末去公园散步的文案。".repeat(1_000) + TERM_AT_THE_END;
            assertThat(longText.length()).isGreaterThan(LongTexts.INLINE_CHARS_MAX);
            List<Hit> expected = SCREENER.screen(longText).hits();
            assertThat(expected).isNotEmpty();
            assertThat(texts.screen(SCREENER, longText, true)).isEqualTo(expected);
            assertThat(texts.screen(SCREENER, shortText, true))
                    .isEqualTo(SCREENER.screen(shortText).hits());
        }
    }

    @Test
    void whenEveryPlaceIsTakenALongPromptIsRefusedAndALongAnswerIsScreenedInPlace() throws Exception {
        // One thread, one waiting place; texts long enough to keep them busy while we look.
        String busy = "今天天气不错，适合写一篇周末去公园散步的文案。".repeat(100_000);
        String longText = "今天天气不错，适合写一篇周末去公园散步的文案。".repeat(1_000) + TERM_AT_THE_END;
        try (LongTexts texts = new LongTexts(1, 1);
                ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<Hit>>> holding = List.of(
                    callers.submit(() -> texts.screen(SCREENER, busy, true)),
                    callers.submit(() -> texts.screen(SCREENER, busy, true)));
            CompletableFuture<Void> full = CompletableFuture.runAsync(() -> {
                while (texts.inFlight() < 2) Thread.onSpinWait();
            });
            full.get();

            assertThatThrownBy(() -> texts.screen(SCREENER, longText, true))
                    .isInstanceOfSatisfying(OpenAiError.class, e -> {
                        assertThat(e.status()).isEqualTo(503);
                        assertThat(e.code()).isEqualTo("overloaded");
                        assertThat(e.retryAfterSeconds()).isPositive();
                    });
            assertThat(texts.screen(SCREENER, longText, false))
                    .isEqualTo(SCREENER.screen(longText).hits())
                    .isNotEmpty();
            for (Future<List<Hit>> f : holding) f.get();
        }
    }
}
