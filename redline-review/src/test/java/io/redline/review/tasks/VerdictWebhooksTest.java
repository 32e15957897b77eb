package io.redline.review.tasks;

import static io.redline.review.tasks.TasksFixture.ANNA;
import static io.redline.review.tasks.TasksFixture.BORIS;
import static io.redline.review.tasks.TasksFixture.CHEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redline.decision.Decision;
import io.redline.review.webhooks.Delivery;
import io.redline.review.webhooks.DeliveryState;
import io.redline.review.webhooks.EventType;
import io.redline.review.webhooks.WebhookSubscription;
import io.redline.store.Database;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A verdict that appends a decision enqueues its webhook event in the same transaction: both or neither. */
class VerdictWebhooksTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final WebhookSubscription PLATFORM =
            WebhookSubscription.of("platform", "https://platform.example/hooks", "0123456789abcdef");
    private static final WebhookSubscription APPEALS_ONLY = new WebhookSubscription(
            "appeals-desk",
            URI.create("http://appeals.example/in"),
            "fedcba9876543210",
            Set.of(EventType.APPEAL_RESOLVED));

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aReviewerVerdictEnqueuesDecisionFinalForEachSubscriptionThatWantsIt(Supplier<Database> factory)
            throws Exception {
        try (TasksFixture f = new TasksFixture(factory.get(), List.of(PLATFORM, APPEALS_ONLY))) {
            Decision review = f.reviewNote("alice");
            f.sweep();
            ReviewTask task = f.claim("drainage", ANNA);
            assertThat(f.webhooks.deliveries(null, 10))
                    .as("a claim is no decision")
                    .isEmpty();

            ReviewTask done =
                    f.tasks.decide(task.id(), ANNA, TaskVerdict.REJECT, "off_platform_contact", "phone number");

            List<Delivery> deliveries = f.webhooks.deliveries(null, 10);
            assertThat(deliveries).singleElement().satisfies(d -> {
                assertThat(d.subscription()).isEqualTo("platform");
                assertThat(d.eventType()).isEqualTo(EventType.DECISION_FINAL);
                assertThat(d.state()).isEqualTo(DeliveryState.PENDING);
                assertThat(d.attempts()).isZero();
                assertThat(d.contentId()).isEqualTo(review.contentId());
                assertThat(d.nextAttemptAt()).isEqualTo(d.createdAt()); // due at once
            });
            JsonNode payload = JSON.readTree(deliveries.getFirst().payload());
            assertThat(payload.path("id").asText())
                    .isEqualTo(Long.toString(deliveries.getFirst().eventId()));
            assertThat(payload.path("type").asText()).isEqualTo("decision.final");
            assertThat(payload.path("occurredAt").asText())
                    .isEqualTo(done.decidedAt().toString());
            assertThat(payload.path("contentId").isTextual()).isTrue();
            assertThat(payload.path("contentId").asText()).isEqualTo(Long.toString(review.contentId()));
            assertThat(payload.path("authorId").asText()).isEqualTo("alice");
            JsonNode decision = payload.path("decision");
            assertThat(decision.path("seq").asInt()).isEqualTo(2);
            assertThat(decision.path("action").asText()).isEqualTo("block");
            assertThat(decision.path("reasonCode").asText()).isEqualTo("off_platform_contact");
            assertThat(decision.path("origin").asText()).isEqualTo("review");
            assertThat(decision.path("decidedAt").asText())
                    .isEqualTo(done.decidedAt().toString());
            assertThat(payload.has("appeal")).isFalse();
            assertThat(payload.toString())
                    .doesNotContain("phone number", "evidence", "tok_anna"); // no note, evidence or reviewer
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void anAppealOutcomeEnqueuesAppealResolvedSayingWhetherItOverturnedTheDecision(Supplier<Database> factory)
            throws Exception {
        try (TasksFixture f = new TasksFixture(factory.get(), List.of(PLATFORM, APPEALS_ONLY))) {
            Decision overturned = f.blockedComment("bob");
            Decision upheld = f.blockedComment("bob");
            Appeal first = f.tasks.appeal(
                    overturned.contentId(), TasksFixture.creator("bob"), "it was a joke between friends");
            Appeal second = f.tasks.appeal(upheld.contentId(), TasksFixture.creator("bob"), "please look again");

            f.tasks.decide(f.claim("appeals", CHEN).id(), CHEN, TaskVerdict.APPROVE, "appeal_granted", null);
            f.tasks.decide(f.claim("appeals", CHEN).id(), CHEN, TaskVerdict.REJECT, "gambling_promotion", null);

            List<Delivery> deliveries = f.webhooks.deliveries(DeliveryState.PENDING, 10);
            assertThat(deliveries)
                    .hasSize(4)
                    .allSatisfy(d -> assertThat(d.eventType()).isEqualTo(EventType.APPEAL_RESOLVED));
            assertThat(deliveries)
                    .extracting(Delivery::subscription)
                    .containsExactlyInAnyOrder("platform", "appeals-desk", "platform", "appeals-desk");
            // One event per appeal, shared by its deliveries (receivers deduplicate on it).
            assertThat(deliveries.stream().map(Delivery::eventId).distinct()).hasSize(2);

            JsonNode granted = payloadFor(deliveries, overturned.contentId());
            assertThat(granted.path("type").asText()).isEqualTo("appeal.resolved");
            assertThat(granted.path("decision").path("origin").asText()).isEqualTo("appeal");
            assertThat(granted.path("decision").path("action").asText()).isEqualTo("allow");
            assertThat(granted.path("decision").path("seq").asInt()).isEqualTo(2);
            assertThat(granted.path("appeal").path("id").asText()).isEqualTo(Long.toString(first.taskId()));
            assertThat(granted.path("appeal").path("appealedSeq").asInt()).isEqualTo(1);
            assertThat(granted.path("appeal").path("appealedAction").asText()).isEqualTo("block");
            assertThat(granted.path("appeal").path("outcome").asText()).isEqualTo("overturned");

            JsonNode refused = payloadFor(deliveries, upheld.contentId());
            assertThat(refused.path("decision").path("action").asText()).isEqualTo("block");
            assertThat(refused.path("decision").path("reasonCode").asText()).isEqualTo("gambling_promotion");
            assertThat(refused.path("appeal").path("id").asText()).isEqualTo(Long.toString(second.taskId()));
            assertThat(refused.path("appeal").path("outcome").asText()).isEqualTo("upheld");
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void noEventExistsWhenTheDecisionRollsBack(Supplier<Database> factory) {
        try (TasksFixture f = new TasksFixture(factory.get(), List.of(PLATFORM))) {
            Decision a = f.reviewNote("a1");
            Decision b = f.reviewNote("a2");
            f.sweep();
            long mine = f.claim("drainage", ANNA).id();
            long borisTask = f.claim("drainage", BORIS).id();

            // The first verdict (and its event) is written, then the second fails: the transaction rolls back whole.
            assertThatThrownBy(
                            () -> f.tasks.decideAll(List.of(mine, borisTask), ANNA, TaskVerdict.REJECT, "spam", null))
                    .isInstanceOf(TaskConflict.class);
            assertThat(f.decisions.history(a.contentId())).hasSize(1);
            assertThat(f.decisions.history(b.contentId())).hasSize(1);
            assertThat(f.webhooks.deliveries(null, 10)).isEmpty();

            f.tasks.decide(mine, ANNA, TaskVerdict.REJECT, "spam", null);
            assertThat(f.webhooks.deliveries(null, 10))
                    .singleElement()
                    .satisfies(d -> assertThat(d.contentId()).isIn(a.contentId(), b.contentId()));
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void withoutSubscriptionsVerdictsEnqueueNothing(Supplier<Database> factory) {
        try (TasksFixture f = new TasksFixture(factory.get())) {
            Decision d = f.reviewNote("alice");
            f.sweep();
            f.tasks.decide(f.claim("drainage", ANNA).id(), ANNA, TaskVerdict.APPROVE, "looks_fine", null);
            assertThat(f.decisions.history(d.contentId())).hasSize(2);
            assertThat(f.webhooks.deliveries(null, 10)).isEmpty();
        }
    }

    private static JsonNode payloadFor(List<Delivery> deliveries, long contentId) throws Exception {
        Delivery d = deliveries.stream()
                .filter(x -> x.contentId() == contentId)
                .findFirst()
                .orElseThrow();
        return JSON.readTree(d.payload());
    }
}
