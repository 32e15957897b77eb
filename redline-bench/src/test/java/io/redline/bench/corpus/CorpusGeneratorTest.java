package io.redline.bench.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CorpusGeneratorTest {

    @Test
    void theSameSeedGivesTheSameCorpus() {
        assertThat(CorpusGenerator.generate(7, 200_000)).isEqualTo(CorpusGenerator.generate(7, 200_000));
        assertThat(CorpusGenerator.generate(7, 200_000)).isNotEqualTo(CorpusGenerator.generate(8, 200_000));
    }

    @Test
    void theDefaultCorpusIsAtLeastTenMegabytesOfMixedText() {
        List<String> lines = CorpusGenerator.defaultCorpus();
        long bytes = lines.stream()
                .mapToLong(line -> CorpusGenerator.utf8Length(line) + 1)
                .sum();
        assertThat(bytes).isGreaterThanOrEqualTo(10L * 1024 * 1024);
        String all = String.join("\n", lines);
        assertThat(all)
                .contains("#")
                .contains("@")
                .containsPattern("[A-Za-z]{4,}")
                .containsPattern("\\p{IsHan}{4,}");
        assertThat(all.codePoints().filter(cp -> cp >= 0x1F300).count())
                .as("emoji")
                .isGreaterThan(10_000);
        assertThat(lines).noneMatch(line -> line.contains("\n") || line.isBlank());
    }

    @Test
    void drainageAttemptsAppearAtALowRate() {
        List<String> lines = CorpusGenerator.generate(CorpusGenerator.DEFAULT_SEED, 2_000_000);
        long attempts = lines.stream()
                .filter(line -> line.matches(".*(电话|网址|链接：|邮箱|复制这段内容|qq|QQ|扣扣|企鹅号|Ｑ Ｑ|q q|戳).*"))
                .count();
        double rate = (double) attempts / lines.size();
        assertThat(rate).isBetween(0.005, 0.05);
    }

    @Test
    void utf8LengthCountsBytesAsTheEncoderDoes() {
        String text = "a¢中😀";
        assertThat(CorpusGenerator.utf8Length(text))
                .isEqualTo(text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }
}
