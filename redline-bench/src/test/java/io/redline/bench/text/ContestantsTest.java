package io.redline.bench.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.houbb.sensitive.word.support.result.WordResultHandlers;
import io.redline.text.Hit;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Guards the benchmark against silently measuring nothing: every contestant sees the same terms. */
class ContestantsTest {

    private static List<String> terms;

    @BeforeAll
    static void load() {
        terms = PeerDictionary.terms();
    }

    @Test
    void thePeerDictionaryIsTheBundledSixtyFourThousandTerms() {
        assertThat(terms).hasSizeBetween(60_000, 70_000).doesNotHaveDuplicates().noneMatch(String::isBlank);
    }

    @Test
    void everyContestantFindsADictionaryTermWrittenPlainly() {
        String term = terms.stream()
                .filter(t -> t.codePoints().allMatch(Character::isIdeographic) && t.length() >= 3)
                .findFirst()
                .orElseThrow();
        String text = "今天看到一句话：" + term + "，然后就关掉了";

        assertThat(Contestants.redlineFull(terms).screen(text).hits())
                .extracting(Hit::term)
                .contains(term);
        assertThat(Contestants.redlineExact(terms).screen(text).hits())
                .extracting(Hit::term)
                .contains(term);
        assertThat(Contestants.sensitiveWord(terms).findAll(text, WordResultHandlers.word()))
                .contains(term);
        assertThat(Contestants.acdat(terms).parseText(text)).anyMatch(hit -> hit.value.equals(term));
        assertThat(Contestants.toolGood(terms).FindAll(text)).anyMatch(hit -> hit.Keyword.equals(term));
    }

    @Test
    void onlyTheFullChainSeesThroughNoise() {
        String term = terms.stream()
                .filter(t -> t.codePoints().allMatch(Character::isIdeographic) && t.length() >= 3)
                .findFirst()
                .orElseThrow();
        String spaced = String.join("*", term.split(""));

        assertThat(Contestants.redlineFull(terms).screen(spaced).hits())
                .extracting(Hit::term)
                .contains(term);
        assertThat(Contestants.redlineExact(terms).screen(spaced).hits())
                .extracting(Hit::term)
                .doesNotContain(term);
        assertThat(Contestants.acdat(terms).parseText(spaced)).noneMatch(hit -> hit.value.equals(term));
    }
}
