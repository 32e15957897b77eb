package io.redline.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.policy.DefaultPolicy;
import io.redline.policy.Policy;
import io.redline.text.Screener;
import io.redline.vocabulary.Surface;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The decider's promises for any content, not just the examples. */
class DeciderProperties {
    static final Screener SCREENER = Screener.starter();
    static final Policy POLICY = DefaultPolicy.load();
    static final String[] PIECES = {
        "加微信",
        "加 微 信",
        "ｗｅｃｈａｔ",
        "網賭",
        "网\u200b赌",
        "138 0013 8000",
        "bit.ly/x",
        "今天",
        "好看",
        "😀",
        " ",
        "，",
        "a",
        "Ｑ",
        "私信我",
        "主页",
        "\u200d"
    };

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.of(PIECES).list().ofMaxSize(12).map(l -> String.join("", l));
    }

    @Property(tries = 300)
    void everySpanPointsInsideTheFieldItNames(
            @ForAll("texts") String title, @ForAll("texts") String text, @ForAll("texts") String tag) {
        ContentSnapshot c = new ContentSnapshot(
                1,
                Surface.NOTE,
                "a",
                title,
                text,
                tag.isEmpty() ? List.of() : List.of(tag),
                Instant.EPOCH,
                AiSignals.NONE);
        Assessment a = Decider.decide(c, AuthorFactsSource.facts(30, 0, 0), POLICY, SCREENER);
        for (EvidenceHit h : a.evidence()) {
            String field = switch (h.field()) {
                case "title" -> title;
                case "text" -> text;
                case "tags[0]" -> tag;
                default -> throw new AssertionError("unknown field " + h.field());
            };
            assertThat(h.start()).isBetween(0, h.end());
            assertThat(h.end()).isLessThanOrEqualTo(field.length());
            assertThat(h.end()).isGreaterThan(h.start());
        }
        // Screening a field inside content finds exactly what screening it alone finds.
        assertThat(a.evidence().stream()
                        .filter(h -> h.field().equals("text"))
                        .map(h -> List.of(h.start(), h.end()))
                        .toList())
                .isEqualTo(SCREENER.screen(text).hits().stream()
                        .map(h -> List.of(h.start(), h.end()))
                        .toList());
        // Decisive hits are exactly the verdict's evidence indices.
        for (int i = 0; i < a.evidence().size(); i++) {
            assertThat(a.evidence().get(i).decisive())
                    .isEqualTo(a.verdict().evidenceHits().contains(i));
        }
        assertThat(a.screening().linksPresent())
                .isEqualTo(a.evidence().stream()
                        .anyMatch(
                                h -> h.detector().equals("url") || h.detector().equals("email")));
    }

    @Property(tries = 200)
    void aCreatorSeesTheOutcomeButNeverTheRuleOrEvidence(@ForAll("texts") String text) {
        ContentSnapshot c =
                new ContentSnapshot(2, Surface.COMMENT, "a", null, text, List.of(), Instant.EPOCH, AiSignals.NONE);
        Decision d = Decision.of(
                7,
                2,
                1,
                Origin.SYNC,
                Decider.decide(c, AuthorFactsSource.facts(0, 0, 0), POLICY, SCREENER),
                Instant.EPOCH,
                "tok");
        Decision.CreatorView view = d.creatorView();
        assertThat(view.action()).isEqualTo(d.action());
        assertThat(view.reasonCode()).isEqualTo(d.reasonCode());
        assertThat(view.labels()).isEqualTo(d.labels());
        assertThat(view.toString()).doesNotContain(d.policyVersion());
        if (d.ruleId() != null) assertThat(view.toString()).doesNotContain(d.ruleId());
    }
}
