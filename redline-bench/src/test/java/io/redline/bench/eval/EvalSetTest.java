package io.redline.bench.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.text.AllowList;
import io.redline.text.Lexicon;
import io.redline.text.ScreenOptions;
import io.redline.text.Screener;
import java.io.StringReader;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class EvalSetTest {

    private static final List<EvalLine> LINES = EvalSet.load();

    @Test
    void theSetHasAtLeastAThousandLabelledLines() {
        assertThat(LINES).hasSizeGreaterThanOrEqualTo(1_000);
    }

    @Test
    void everyFamilyIsCoveredByEnoughLinesToMeasureIt() {
        Map<Family, Integer> counts = new EnumMap<>(Family.class);
        LINES.forEach(line -> counts.merge(line.family(), 1, Integer::sum));
        for (Family family : Family.values()) {
            assertThat(counts.getOrDefault(family, 0)).as(family.label()).isGreaterThanOrEqualTo(20);
        }
    }

    @Test
    void positivesAndHardNegativesAreBalancedEnoughForPrecisionToMean() {
        long negatives =
                LINES.stream().filter(line -> line.expected().isEmpty()).count();
        assertThat(negatives).isBetween(LINES.size() / 4L, LINES.size() * 3L / 4);
    }

    @Test
    void residentIdsAndCardsAreValidExactlyWhereTheLabelSaysSo() {
        Pattern id = Pattern.compile("\\d{17}[\\dX]");
        Pattern card = Pattern.compile("\\d[\\d -]{14,22}\\d");
        for (EvalLine line : LINES) {
            switch (line.family()) {
                case RESIDENT_ID ->
                    assertThat(PersonalNumbers.residentIdValid(find(id, line)))
                            .as(line.text())
                            .isTrue();
                case NEG_INVALID_ID ->
                    assertThat(PersonalNumbers.residentIdValid(find(id, line)))
                            .as(line.text())
                            .isFalse();
                case BANK_CARD ->
                    assertThat(PersonalNumbers.luhnValid(find(card, line).replaceAll("[ -]", "")))
                            .as(line.text())
                            .isTrue();
                case NEG_INVALID_CARD ->
                    assertThat(PersonalNumbers.luhnValid(find(card, line)))
                            .as(line.text())
                            .isFalse();
                default -> {}
            }
        }
    }

    @Test
    void aMalformedRowIsRejectedWithItsLineNumber() {
        String tsv = "# comment\ndrainage\tlexicon_plain\tok\nno-tabs-here\n";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EvalSet.parse(new StringReader(tsv)))
                .hasMessageContaining("line 3");
    }

    @Test
    void invisibleCharactersSurviveTheEscapedFileForm() {
        String text = "加\u200B微\u200D信";
        assertThat(EvalSet.unescape(EvalSet.escape(text))).isEqualTo(text);
        assertThat(EvalSet.escape(text)).doesNotContain("\u200B");
    }

    /** Prints the scores for the record; thresholds live in the engine's own tests, not here. */
    @Test
    void screeningTheSetPrintsPrecisionAndRecall() {
        Screener screener = Screener.compile(Lexicon.starter(), AllowList.starter(), ScreenOptions.defaults());
        EvalMain.Report report = EvalMain.evaluate(screener, LINES);
        EvalMain.print(report, 5);
        assertThat(report.outcomes()).hasSameSizeAs(LINES);
    }

    private static String find(Pattern pattern, EvalLine line) {
        Matcher matcher = pattern.matcher(line.text());
        assertThat(matcher.find()).as("a number in: " + line.text()).isTrue();
        return matcher.group();
    }
}
