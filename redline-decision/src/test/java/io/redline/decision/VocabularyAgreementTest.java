package io.redline.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.text.Detector;
import io.redline.text.Hit;
import io.redline.text.Screener;
import io.redline.vocabulary.DetectorIds;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The text engine names its hits' detectors itself; policies name them through the shared
 * vocabulary. They must be the same set, or a policy rule on a detector silently never matches
 * (or a policy refuses a detector the engine has).
 */
class VocabularyAgreementTest {

    @Test
    void theTextEngineAndThePoliciesKnowTheSameDetectors() {
        List<String> engine = new ArrayList<>();
        engine.add(Hit.LEXICON);
        for (Detector d : Detector.values()) engine.add(d.id());
        engine.addAll(DetectorIds.PICTURES);
        assertThat(engine).containsExactlyInAnyOrderElementsOf(DetectorIds.ALL);
    }

    @Test
    void hitsTheDeciderSeesUseOnlyVocabularyDetectors() {
        Screener s = Screener.starter();
        for (String text : List.of(
                "加 微 信 xiaomei_8866", "电话 138 0013 8000", "网赌 稳赚", "点击 bit.ly/abc", "身份证号 110101199003077777")) {
            for (Hit h : s.screen(text).hits()) assertThat(DetectorIds.ALL).contains(h.detector());
        }
    }

    /** Intake stores the media engine's verdict by name; policies read it through the vocabulary. */
    @Test
    void theMediaEngineAndThePoliciesKnowTheSameCredentialStatuses() {
        assertThat(java.util.Arrays.stream(io.redline.media.C2paValidation.Status.values())
                        .map(st -> st.name().toLowerCase(java.util.Locale.ROOT))
                        .toList())
                .containsExactlyElementsOf(java.util.Arrays.stream(io.redline.vocabulary.CredentialStatus.values())
                        .map(io.redline.vocabulary.CredentialStatus::code)
                        .toList());
    }
}
