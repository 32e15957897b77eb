package io.redline.text.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.text.normalize.DigitForms;
import io.redline.text.normalize.FoldTable;
import org.junit.jupiter.api.Test;

/** The folded stream as the detectors read it. */
class FoldedViewTest {

    /**
     * {@link FoldedView#digit} answers "no digit" from an entry without the trigger mark, so every
     * entry that folds to a digit form must carry the mark, in every combination of stages (the
     * pool's expansions too: ⑩ → 1 0).
     */
    @Test
    void everyEntryThatFoldsToADigitIsMarkedAsATrigger() {
        for (int stages = 0; stages <= FoldTable.ALL; stages++) {
            FoldTable table = FoldTable.of(stages);
            for (int cp = 0; cp < FoldTable.SIZE; cp++) {
                int e = table.entry(cp);
                if ((e & FoldTable.EXPAND) != 0) {
                    int at = e & FoldTable.VALUE_MASK;
                    for (int k = 1; k <= table.pool()[at]; k++) {
                        assertMarkedIfDigit(table.pool()[at + k], cp, stages);
                    }
                } else if ((e & FoldTable.DROP) == 0) {
                    assertMarkedIfDigit(e, cp, stages);
                }
            }
        }
    }

    private static void assertMarkedIfDigit(int entry, int cp, int stages) {
        if (DigitForms.value(entry & FoldTable.VALUE_MASK) >= 0) {
            assertThat(entry & FoldTable.TRIGGER)
                    .as("U+%04X under stages %d folds to a digit", cp, stages)
                    .isNotZero();
        }
    }

    @Test
    void digitReadsEveryDigitFormAndNothingElse() {
        StringBuilder all = new StringBuilder();
        for (int cp = 0; cp < FoldTable.SIZE; cp++) {
            if (!Character.isSurrogate((char) cp) || cp >= 0x10000) {
                all.appendCodePoint(cp);
            }
        }
        FoldedView v = FoldedView.of(all, FoldTable.of(FoldTable.ALL));
        int digits = 0;
        for (int k = 0; k < v.size(); k++) {
            assertThat(v.digit(k)).as("at %d", k).isEqualTo(DigitForms.value(v.cp(k)));
            digits += v.digit(k) >= 0 ? 1 : 0;
        }
        assertThat(digits).isGreaterThan(100); // ASCII, full-width, circled, Chinese numerals
        assertThat(v.digit(-1)).isEqualTo(-1);
        assertThat(v.digit(v.size())).isEqualTo(-1);
    }
}
