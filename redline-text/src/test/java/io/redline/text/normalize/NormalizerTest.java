package io.redline.text.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The whole chain over a text, and the offset map back into what the author wrote. */
class NormalizerTest {
    private final Normalizer full = Normalizer.full();

    @Test
    void everyStageAppliesInOneGo() {
        assertThat(full.normalizeToString("線上 ＣＡЅＩＮＯ 加\u200B微*信")).isEqualTo("线上casino加微信");
    }

    @Test
    void positionsPointBackIntoTheOriginal() {
        String original = "加 *微\u200B信";
        NormalizedText nt = full.normalize(original);
        assertThat(nt.text()).isEqualTo("加微信");
        assertThat(nt.starts()).containsExactly(0, 3, 5);
        assertThat(nt.ends()).containsExactly(1, 4, 6);
        assertThat(nt.gaps()).containsExactly(0, 2, 0);
    }

    @Test
    void supplementaryCharactersUseTwoUtf16Units() {
        String original = "😀加😀";
        NormalizedText nt = full.normalize(original);
        assertThat(nt.text()).isEqualTo("加");
        assertThat(nt.starts()).containsExactly(2);
        assertThat(nt.ends()).containsExactly(3);
        assertThat(nt.gaps()).containsExactly(1);
    }

    @Test
    void oneCharacterCanExpandToSeveralPositionsSharingItsSpan() {
        NormalizedText nt = full.normalize("x㎏");
        assertThat(nt.text()).isEqualTo("xkg");
        assertThat(nt.starts()).containsExactly(0, 1, 1);
        assertThat(nt.ends()).containsExactly(1, 2, 2);
    }

    @Test
    void repeatsCollapseIntoOnePositionThatSpansTheRun() {
        NormalizedText nt = full.normalize("加加加微微信");
        assertThat(nt.text()).isEqualTo("加微信");
        assertThat(nt.runs()).containsExactly(3, 2, 1);
        assertThat(nt.ends()).containsExactly(3, 5, 6);
    }

    @Test
    void withoutNoiseSkippingSymbolsStay() {
        Normalizer keepNoise = new Normalizer(FoldTable.of(FoldTable.ALL), false, false);
        assertThat(keepNoise.normalizeToString("加*微")).isEqualTo("加*微");
    }

    @Test
    void rawModeChangesNothing() {
        Normalizer raw = new Normalizer(null, false, false);
        assertThat(raw.normalizeToString("ＡＢ 加\u200B")).isEqualTo("ＡＢ 加\u200B");
    }

    @Test
    void theFoldTableAgreesWithTheStagesForEveryBmpCharacter() {
        FoldTable t = FoldTable.of(FoldTable.ALL);
        for (int cp : "Ａ說ѕ\u200B①😀".codePoints().toArray()) {
            String viaStages = FoldTable.foldString(cp, FoldTable.ALL);
            int e = t.entry(cp);
            if (viaStages.isEmpty()) {
                assertThat(e & FoldTable.DROP).isNotZero();
            } else if (viaStages.codePointCount(0, viaStages.length()) == 1) {
                assertThat(e & FoldTable.VALUE_MASK).isEqualTo(viaStages.codePointAt(0));
            }
        }
    }
}
