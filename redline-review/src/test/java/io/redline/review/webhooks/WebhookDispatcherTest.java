package io.redline.review.webhooks;

import static io.redline.review.webhooks.WebhookFixture.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redline.audit.AuditEntry;
import io.redline.audit.AuditQuery;
import io.redline.identity.Principal;
import io.redline.identity.Role;
import io.redline.review.ReviewException;
import io.redline.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Delivery of the outbox: signed requests, retries with backoff on the test's clock, dead letters, leases. */
class WebhookDispatcherTest {
    private static final Principal ADMIN = new Principal("tok_admin", Role.ADMIN, null, "ops");
    private static final Principal REVIEWER = new Principal("tok_rev", Role.REVIEWER, null, "rev");

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aDeliveryIsSignedWithTheSecretAndTheReceiverVerifiesIt(Supplier<Database> factory) throws Exception {
        try (Receiver receiver = new Receiver(SECRET);
                WebhookFixture f = new WebhookFixture(factory.get(), receiver.url(), 10)) {
            Delivery d = f.enqueue();
            WebhookDispatcher dispatcher = f.dispatcher();

            assertThat(dispatcher.deliverDue()).isEqualTo(1);

            Receiver.Request request = receiver.requests().getFirst();
            assertThat(request.signatureValid())
                    .as(request.header("Redline-Signature"))
                    .isTrue();
            assertThat(request.signedAtSeconds()).isEqualTo(f.clock.instant().getEpochSecond());
            assertThat(request.header("Redline-Event")).isEqualTo("decision.final");
            assertThat(request.header("Redline-Delivery")).isEqualTo(Long.toString(d.id()));
            assertThat(request.header("Redline-Event-Id")).isEqualTo(Long.toString(d.eventId()));
            assertThat(request.header("Content-Type")).isEqualTo("application/json");
            assertThat(request.bodyText()).isEqualTo(d.payload());
            // The receiver's check is real: a changed body or another secret does not verify.
            byte[] tampered =
                    request.bodyText().replace("\"block\"", "\"allow\"").getBytes(StandardCharsets.UTF_8);
            assertThat(receiver.verify(request.header("Redline-Signature"), tampered))
                    .isFalse();
            assertThat(WebhookSignature.header("another-secret-0123", request.signedAtSeconds(), request.body()))
                    .isNotEqualTo(request.header("Redline-Signature"));

            Delivery done = f.reload(d);
            assertThat(done.state()).isEqualTo(DeliveryState.DELIVERED);
            assertThat(done.attempts()).isEqualTo(1);
            assertThat(done.lastStatus()).isEqualTo(204);
            assertThat(done.lastError()).isNull();
            assertThat(done.deliveredAt()).isEqualTo(f.clock.instant());
            assertThat(done.nextAttemptAt()).isNull();

            assertThat(dispatcher.deliverDue()).isZero();
            assertThat(receiver.requests()).hasSize(1);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void serverErrorsAreRetriedWithExponentialBackoff(Supplier<Database> factory) throws Exception {
        try (Receiver receiver = new Receiver(SECRET).answer(500, 503);
                WebhookFixture f = new WebhookFixture(factory.get(), receiver.url(), 10)) {
            Delivery d = f.enqueue();
            WebhookDispatcher dispatcher = f.dispatcher();

            Instant first = f.clock.instant();
            assertThat(dispatcher.deliverDue()).isEqualTo(1);
            Delivery a1 = f.reload(d);
            assertThat(a1.state()).isEqualTo(DeliveryState.PENDING);
            assertThat(a1.attempts()).isEqualTo(1);
            assertThat(a1.lastStatus()).isEqualTo(500);
            assertThat(a1.lastError()).isEqualTo("HTTP 500");
            assertThat(a1.lastAttemptAt()).isEqualTo(first);
            assertThat(a1.nextAttemptAt()).isBetween(first.plusSeconds(8), first.plusSeconds(10));

            assertThat(dispatcher.deliverDue()).as("not due yet").isZero();
            f.clock.set(a1.nextAttemptAt().minusMillis(1));
            assertThat(dispatcher.deliverDue()).as("not due yet").isZero();

            f.clock.set(a1.nextAttemptAt());
            Instant second = f.clock.instant();
            assertThat(dispatcher.deliverDue()).isEqualTo(1);
            Delivery a2 = f.reload(d);
            assertThat(a2.attempts()).isEqualTo(2);
            assertThat(a2.lastStatus()).isEqualTo(503);
            assertThat(a2.nextAttemptAt()).isBetween(second.plusSeconds(16), second.plusSeconds(20));

            f.clock.set(a2.nextAttemptAt());
            assertThat(dispatcher.deliverDue()).isEqualTo(1);
            Delivery done = f.reload(d);
            assertThat(done.state()).isEqualTo(DeliveryState.DELIVERED);
            assertThat(done.attempts()).isEqualTo(3);
            assertThat(done.lastStatus()).isEqualTo(204);

            // Every attempt carries the same ids and a fresh, valid signature.
            List<Receiver.Request> requests = receiver.requests();
            assertThat(requests).hasSize(3).allSatisfy(r -> {
                assertThat(r.signatureValid()).isTrue();
                assertThat(r.header("Redline-Event-Id")).isEqualTo(Long.toString(d.eventId()));
                assertThat(r.header("Redline-Delivery")).isEqualTo(Long.toString(d.id()));
            });
            assertThat(requests)
                    .extracting(Receiver.Request::signedAtSeconds)
                    .containsExactly(
                            first.getEpochSecond(),
                            second.getEpochSecond(),
                            a2.nextAttemptAt().getEpochSecond());
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aClosedPortIsRetriedUntilTheReceiverListensAgain(Supplier<Database> factory) throws Exception {
        int port = closedPort();
        try (WebhookFixture f = new WebhookFixture(factory.get(), "http://127.0.0.1:" + port + "/hook", 10)) {
            Delivery d = f.enqueue();
            WebhookDispatcher dispatcher = f.dispatcher();

            Instant first = f.clock.instant();
            assertThat(dispatcher.deliverDue()).isEqualTo(1);
            Delivery a1 = f.reload(d);
            assertThat(a1.state()).isEqualTo(DeliveryState.PENDING);
            assertThat(a1.lastStatus()).as("no response, no status").isNull();
            assertThat(a1.lastError()).startsWith("connection failed");
            assertThat(a1.nextAttemptAt()).isBetween(first.plusSeconds(8), first.plusSeconds(10));

            f.clock.set(a1.nextAttemptAt());
            assertThat(dispatcher.deliverDue()).isEqualTo(1);
            Delivery a2 = f.reload(d);
            assertThat(a2.attempts()).isEqualTo(2);
            assertThat(a2.nextAttemptAt())
                    .isBetween(
                            a1.nextAttemptAt().plusSeconds(16),
                            a1.nextAttemptAt().plusSeconds(20));

            try (Receiver receiver = new Receiver(SECRET, port)) {
                f.clock.set(a2.nextAttemptAt());
                assertThat(dispatcher.deliverDue()).isEqualTo(1);
                assertThat(f.reload(d).state()).isEqualTo(DeliveryState.DELIVERED);
                assertThat(receiver.requests())
                        .singleElement()
                        .satisfies(r -> assertThat(r.signatureValid()).isTrue());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aReceiverThatDoesNotAnswerInTimeIsRetried(Supplier<Database> factory) throws Exception {
        try (Receiver receiver = new Receiver(SECRET);
                WebhookFixture f = new WebhookFixture(factory.get(), receiver.url(), 10)) {
            receiver.holdNext();
            Delivery d = f.enqueue();

            assertThat(f.dispatcher(Duration.ofMillis(300)).deliverDue()).isEqualTo(1);

            Delivery a1 = f.reload(d);
            assertThat(a1.state()).isEqualTo(DeliveryState.PENDING);
            assertThat(a1.attempts()).isEqualTo(1);
            assertThat(a1.lastStatus()).isNull();
            assertThat(a1.lastError()).isEqualTo("no response within 300 ms");
            receiver.open();
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void afterTheLastAttemptADeliveryIsADeadLetterUntilAnAdminRetriesIt(Supplier<Database> factory) throws Exception {
        try (Receiver receiver = new Receiver(SECRET).answer(500, 502, 500);
                WebhookFixture f = new WebhookFixture(factory.get(), receiver.url(), 3)) {
            Delivery d = f.enqueue();
            WebhookDispatcher dispatcher = f.dispatcher();
            for (int attempt = 1; attempt <= 3; attempt++) {
                assertThat(dispatcher.deliverDue()).isEqualTo(1);
                Delivery now = f.reload(d);
                if (attempt < 3) f.clock.set(now.nextAttemptAt());
            }
            Delivery dead = f.reload(d);
            assertThat(dead.state()).isEqualTo(DeliveryState.FAILED);
            assertThat(dead.attempts()).isEqualTo(3);
            assertThat(dead.lastStatus()).isEqualTo(500);
            assertThat(dead.nextAttemptAt()).isNull();
            f.clock.advance(Duration.ofDays(1));
            assertThat(dispatcher.deliverDue())
                    .as("a dead letter is never retried by itself")
                    .isZero();
            assertThat(f.webhooks.deliveries(DeliveryState.FAILED, 10))
                    .extracting(Delivery::id)
                    .containsExactly(d.id());

            assertThatThrownBy(() -> f.webhooks.retry(d.id(), REVIEWER)).isInstanceOf(ReviewException.Forbidden.class);
            assertThatThrownBy(() -> f.webhooks.retry(42, ADMIN)).isInstanceOf(ReviewException.NotFound.class);
            Delivery retried = f.webhooks.retry(d.id(), ADMIN);
            assertThat(retried.state()).isEqualTo(DeliveryState.PENDING);
            assertThat(retried.attempts()).isZero();
            assertThat(retried.nextAttemptAt()).isEqualTo(f.clock.instant());
            List<AuditEntry> audited = f.audit.search(AuditQuery.latest().withActionPrefix("webhook.retry"));
            assertThat(audited).singleElement().satisfies(e -> {
                assertThat(e.event().actor().id()).isEqualTo("tok_admin");
                assertThat(e.event().target().id()).isEqualTo(Long.toString(d.id()));
                assertThat(e.event().details())
                        .containsEntry("previousAttempts", 3L)
                        .containsEntry("subscription", "platform");
            });

            assertThat(dispatcher.deliverDue()).isEqualTo(1);
            Delivery done = f.reload(d);
            assertThat(done.state()).isEqualTo(DeliveryState.DELIVERED);
            assertThat(done.attempts()).isEqualTo(1);
            assertThat(receiver.requests())
                    .hasSize(4)
                    .allSatisfy(r -> assertThat(r.signatureValid()).isTrue());
            assertThatThrownBy(() -> f.webhooks.retry(d.id(), ADMIN))
                    .isInstanceOf(WebhookConflict.class)
                    .hasMessageContaining("is delivered");
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aLeasedDeliveryIsNotSentByASecondDispatcher(Supplier<Database> factory) throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Receiver receiver = new Receiver(SECRET);
                WebhookFixture f = new WebhookFixture(factory.get(), receiver.url(), 10)) {
            receiver.holdNext();
            Delivery d = f.enqueue();
            WebhookDispatcher first = f.dispatcher();
            WebhookDispatcher second = f.otherProcessDispatcher();

            Future<Integer> sending = pool.submit(first::deliverDue);
            assertThat(receiver.arrived.tryAcquire(10, TimeUnit.SECONDS))
                    .as("the first request reached the receiver")
                    .isTrue();
            assertThat(second.deliverDue())
                    .as("the row is leased to the first dispatcher")
                    .isZero();

            receiver.open();
            assertThat(sending.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(second.deliverDue()).isZero();
            assertThat(receiver.requests()).hasSize(1);
            assertThat(f.reload(d).state()).isEqualTo(DeliveryState.DELIVERED);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void anExpiredLeaseLetsAnotherDispatcherSendAgainAndTheStaleOutcomeIsIgnored(Supplier<Database> factory)
            throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Receiver receiver = new Receiver(SECRET);
                WebhookFixture f = new WebhookFixture(factory.get(), receiver.url(), 10)) {
            receiver.holdNext();
            Delivery d = f.enqueue();
            WebhookDispatcher stuck = f.dispatcher();
            WebhookDispatcher other = f.otherProcessDispatcher();

            Future<Integer> sending = pool.submit(stuck::deliverDue);
            assertThat(receiver.arrived.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
            f.clock.advance(WebhookDispatcher.LEASE.plusSeconds(1));
            assertThat(other.deliverDue()).isEqualTo(1);
            Delivery byOther = f.reload(d);
            assertThat(byOther.state()).isEqualTo(DeliveryState.DELIVERED);

            // The first request is answered only now; its dispatcher no longer holds the lease, so its outcome changes
            // nothing.
            receiver.open();
            assertThat(sending.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(f.reload(d)).isEqualTo(byOther);
            // At least once: the receiver saw the event twice and deduplicates on its id.
            assertThat(receiver.requests())
                    .hasSize(2)
                    .extracting(r -> r.header("Redline-Event-Id"))
                    .containsOnly(Long.toString(d.eventId()));
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void twoDispatchersSweepingAtOnceSendEveryDeliveryOnce(Supplier<Database> factory) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Receiver receiver = new Receiver(SECRET);
                WebhookFixture f = new WebhookFixture(factory.get(), receiver.url(), 10)) {
            int n = 80;
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) ids.add(f.enqueue().id());
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> sweeps = new ArrayList<>();
            for (WebhookDispatcher dispatcher : List.of(f.dispatcher(), f.otherProcessDispatcher())) {
                sweeps.add(pool.submit(() -> {
                    start.await();
                    int sent = 0, k;
                    while ((k = dispatcher.deliverDue()) > 0) sent += k;
                    return sent;
                }));
            }
            start.countDown();
            int sent = 0;
            for (Future<Integer> s : sweeps) sent += s.get(60, TimeUnit.SECONDS);

            assertThat(sent).isEqualTo(n);
            assertThat(receiver.requests())
                    .extracting(r -> Long.parseLong(r.header("Redline-Delivery")))
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(ids);
            assertThat(f.webhooks.deliveries(DeliveryState.DELIVERED, Webhooks.LIST_MAX))
                    .hasSize(n);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void backoffDoublesFromTenSecondsUpToAnHourMinusUpToAFifthOfJitter() {
        assertThat(WebhookDispatcher.retryDelay(1, 0)).isEqualTo(Duration.ofSeconds(10));
        assertThat(WebhookDispatcher.retryDelay(2, 0)).isEqualTo(Duration.ofSeconds(20));
        assertThat(WebhookDispatcher.retryDelay(3, 0)).isEqualTo(Duration.ofSeconds(40));
        assertThat(WebhookDispatcher.retryDelay(9, 0)).isEqualTo(Duration.ofSeconds(2_560));
        assertThat(WebhookDispatcher.retryDelay(10, 0)).isEqualTo(Duration.ofHours(1));
        assertThat(WebhookDispatcher.retryDelay(50, 0)).isEqualTo(Duration.ofHours(1));
        assertThat(WebhookDispatcher.retryDelay(10, 0.5)).isEqualTo(Duration.ofSeconds(3_240));
        assertThat(WebhookDispatcher.retryDelay(1, 0.999_999)).isGreaterThan(Duration.ofSeconds(8));
        assertThatThrownBy(() -> WebhookDispatcher.retryDelay(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookDispatcher.retryDelay(1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static int closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
