package io.redline.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.vocabulary.AiMark;
import io.redline.vocabulary.Surface;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The shipped policy parses and decides representative content as docs/policies.md describes. */
class DefaultPolicyTest {
    private static final Policy POLICY = DefaultPolicy.load();

    private static Verdict decide(In input) {
        return POLICY.evaluate(input.build());
    }

    @Test
    void parses() {
        assertThat(POLICY.name()).isEqualTo("redline-default");
        assertThat(POLICY.ruleCount()).isGreaterThan(15);
        assertThat(POLICY.defaultAction()).isEqualTo(Action.ALLOW);
    }

    @Test
    void cleanContentIsAllowed() {
        Verdict v = decide(In.on(Surface.NOTE).risk(5));

        assertThat(v.action()).isEqualTo(Action.ALLOW);
        assertThat(v.reasonCode()).isEqualTo("ok");
        assertThat(v.isDefault()).isTrue();
    }

    @Test
    void strongDrainageInCommentsIsBlocked() {
        Verdict v = decide(In.on(Surface.COMMENT).hit("wechat", "drainage", 85));

        assertThat(v.action()).isEqualTo(Action.BLOCK);
        assertThat(v.ruleId()).isEqualTo("drainage-chat-block");
        assertThat(v.reasonCode()).isEqualTo("off_platform_contact");
        assertThat(v.evidenceHits()).containsExactly(0);
    }

    @Test
    void weakDrainageInLiveChatGoesToAFastReview() {
        Verdict v = decide(In.on(Surface.LIVE).hit("phone", "drainage", 40));

        assertThat(v.action()).isEqualTo(Action.REVIEW);
        assertThat(v.review()).isEqualTo(new ReviewRouting("drainage", 2, Duration.ofMinutes(30)));
    }

    @Test
    void drainageInNotesIsReviewedNotBlocked() {
        Verdict v = decide(In.on(Surface.NOTE).hit("wechat", "drainage", 90));

        assertThat(v.action()).isEqualTo(Action.REVIEW);
        assertThat(v.ruleId()).isEqualTo("drainage-note-review");
        assertThat(v.review().deadline()).isEqualTo(Duration.ofHours(8));
    }

    @Test
    void highSeverityProhibitedContentIsBlockedEverywhere() {
        for (Surface surface : Surface.values()) {
            Verdict v = decide(In.on(surface).hit("lexicon", "gambling", 90));
            assertThat(v.action()).as(surface.wireName()).isEqualTo(Action.BLOCK);
        }
    }

    @Test
    void mediumSeverityHarmIsReviewedWithDeadlinesBySurface() {
        assertThat(decide(In.on(Surface.LIVE).hit("lexicon", "drugs", 50)).review())
                .isEqualTo(new ReviewRouting("live", 1, Duration.ofMinutes(5)));
        assertThat(decide(In.on(Surface.COMMENT).hit("lexicon", "drugs", 50)).review())
                .isEqualTo(new ReviewRouting("harm", 2, Duration.ofHours(1)));
        assertThat(decide(In.on(Surface.NOTE).hit("lexicon", "drugs", 50)).review())
                .isEqualTo(new ReviewRouting("harm", 3, Duration.ofHours(4)));
    }

    @Test
    void severePromptsAreRefused() {
        Verdict v = decide(In.on(Surface.PROMPT).hit("lexicon", "violence", 55));

        assertThat(v.action()).isEqualTo(Action.BLOCK);
        assertThat(v.reasonCode()).isEqualTo("prompt_not_allowed");
    }

    @Test
    void personalDataIsReviewedAndHiddenMeanwhile() {
        Verdict v = decide(In.on(Surface.NOTE).hit("id_card", "personal_data", 60));

        assertThat(v.action()).isEqualTo(Action.REVIEW);
        assertThat(v.ruleId()).isEqualTo("personal-data-review");
        assertThat(v.reach()).isEqualTo(Reach.AUTHOR_ONLY);
        assertThat(v.review().queue()).isEqualTo("privacy");
        assertThat(v.review().priority()).isEqualTo(4);
        assertThat(v.matchedRuleIds()).containsExactly("personal-data-review", "personal-data-limit");
    }

    @Test
    void undisclosedAdsAreLabelledAndReviewedInNotes() {
        Verdict v = decide(In.on(Surface.NOTE).hit("shop_token", "ads", 70));

        assertThat(v.action()).isEqualTo(Action.REVIEW);
        assertThat(v.reasonCode()).isEqualTo("undisclosed_ad");
        assertThat(v.labels()).containsExactly("ad");
    }

    @Test
    void adsInCommentsAreOnlyLabelled() {
        Verdict v = decide(In.on(Surface.COMMENT).hit("shop_token", "ads", 70));

        assertThat(v.action()).isEqualTo(Action.LABEL);
        assertThat(v.labels()).containsExactly("ad");
    }

    @Test
    void aiContentIsLabelled() {
        assertThat(decide(In.on(Surface.NOTE).aiDeclared()).labels()).containsExactly("ai_generated");
        assertThat(decide(In.on(Surface.PROFILE).aiMark(AiMark.CONFIRMED)).labels())
                .containsExactly("ai_generated");
        assertThat(decide(In.on(Surface.OUTPUT)).labels()).containsExactly("ai_generated");
        assertThat(decide(In.on(Surface.PROFILE).aiMark(AiMark.POSSIBLE)).labels())
                .containsExactly("ai_possible");
        assertThat(decide(In.on(Surface.PROFILE).aiMark(AiMark.SUSPECTED)).labels())
                .containsExactly("ai_suspected");
        assertThat(decide(In.on(Surface.PROFILE).aiDeclared().aiMark(AiMark.SUSPECTED))
                        .labels())
                .containsExactly("ai_generated");
    }

    @Test
    void newAccountsPostingLinksAreReviewed() {
        Verdict v = decide(In.on(Surface.COMMENT).links().author(3, 1, 0, 0));

        assertThat(v.action()).isEqualTo(Action.REVIEW);
        assertThat(v.ruleId()).isEqualTo("new-account-links");
        assertThat(decide(In.on(Surface.COMMENT).links().author(30, 1, 0, 0)).action())
                .isEqualTo(Action.ALLOW);
    }

    @Test
    void brandNewUntrustedNotesHaveReducedReach() {
        Verdict v = decide(In.on(Surface.NOTE).author(0, 0, 0, 0));

        assertThat(v.action()).isEqualTo(Action.LIMIT);
        assertThat(v.reach()).isEqualTo(Reach.REDUCED);
    }

    @Test
    void repeatOffendersGetAReviewOnAnyFlaggedContent() {
        assertThat(decide(In.on(Surface.NOTE).author(400, 2, 3, 0).hit("lexicon", "violence", 35))
                        .ruleId())
                .isEqualTo("repeat-offender");
        assertThat(decide(In.on(Surface.NOTE).author(400, 2, 0, 0).hit("lexicon", "violence", 35))
                        .action())
                .isEqualTo(Action.ALLOW);
    }

    @Test
    void veryHighRiskScoreBlocks() {
        assertThat(decide(In.on(Surface.NOTE).risk(96)).action()).isEqualTo(Action.BLOCK);
        assertThat(decide(In.on(Surface.NOTE).risk(75)).action()).isEqualTo(Action.REVIEW);
    }

    @Test
    void aTamperedCredentialClaimingACameraCaptureGoesToProvenanceReview() {
        Verdict v = decide(
                In.on(Surface.NOTE).credential(io.redline.vocabulary.CredentialStatus.TAMPERED, "digitalCapture"));

        assertThat(v.action()).isEqualTo(Action.REVIEW);
        assertThat(v.ruleId()).isEqualTo("tampered-capture-credential");
        assertThat(v.reasonCode()).isEqualTo("tampered_credential");
        assertThat(v.review().queue()).isEqualTo("provenance");
        // Untrusted signers and tampered credentials of generated pictures are not a review matter.
        assertThat(decide(In.on(Surface.NOTE)
                                .credential(io.redline.vocabulary.CredentialStatus.UNTRUSTED, "digitalCapture"))
                        .action())
                .isEqualTo(Action.ALLOW);
        assertThat(decide(In.on(Surface.NOTE)
                                .credential(io.redline.vocabulary.CredentialStatus.TAMPERED, "trainedAlgorithmicMedia"))
                        .action())
                .isEqualTo(Action.ALLOW);
    }
}
