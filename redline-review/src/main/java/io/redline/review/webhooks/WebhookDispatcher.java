package io.redline.review.webhooks;

import io.redline.store.DrainLoop;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers due webhook rows: a background thread claims up to {@link #BATCH_MAX} rows under a
 * lease, POSTs them all at once with the JDK HTTP client, and records each outcome. A 2xx answer
 * delivers; any other status, a timeout or a connection error schedules the next attempt with
 * exponential backoff ({@link #retryDelay}) until the subscription's attempts run out and the row
 * becomes a dead letter ({@code failed}).
 *
 * <p>Delivery is at least once: a crash between the receiver's 2xx and our commit of it, or a
 * lease that runs out mid-request, sends the row again with the same {@code Redline-Event-Id}.
 *
 * <p>All timing goes through the injected {@link Clock} (due times, leases, backoff, the
 * signature's timestamp), so tests advance time instead of waiting. {@link #stop} is graceful, as
 * the decision worker's: the batch in hand finishes (bounded by the timeouts) and the loop ends.
 */
public final class WebhookDispatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration BACKOFF_BASE = Duration.ofSeconds(10);
    public static final Duration BACKOFF_MAX = Duration.ofHours(1);
    /** Share of a backoff delay that jitter may take off, so receivers recovering from an outage are not hit in lockstep. */
    public static final double JITTER = 0.2;
    /**
     * How long a claim holds its rows: well past the slowest batch (connect plus response timeouts,
     * all requests of a batch in parallel) with room to record the outcomes. A lease that runs out
     * anyway lets another dispatcher send the row again: at least once, never silently dropped.
     */
    public static final Duration LEASE = Duration.ofSeconds(60);
    /** Rows one sweep sends at once; a full batch is followed by the next sweep at once. */
    public static final int BATCH_MAX = 32;

    static final long POLL_INTERVAL_MS = 500;

    private final Webhooks webhooks;
    private final Clock clock;
    private final Duration requestTimeout;
    private final String holder = "dispatcher-" + UUID.randomUUID();
    private final HttpClient http;
    private final DrainLoop loop;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();

    public WebhookDispatcher(Webhooks webhooks, Clock clock) {
        this(webhooks, clock, REQUEST_TIMEOUT, POLL_INTERVAL_MS);
    }

    /** Tests shorten the response timeout rather than wait 10 s for a silent receiver. */
    WebhookDispatcher(Webhooks webhooks, Clock clock, Duration requestTimeout, long pollIntervalMs) {
        this.webhooks = Objects.requireNonNull(webhooks);
        this.clock = Objects.requireNonNull(clock);
        if (requestTimeout.isNegative() || requestTimeout.isZero() || requestTimeout.compareTo(REQUEST_TIMEOUT) > 0) {
            throw new IllegalArgumentException("requestTimeout must be positive and at most " + REQUEST_TIMEOUT);
        }
        this.requestTimeout = requestTimeout;
        // Claims or outcomes that did not commit are retried by the loop: their leases run out and the rows are claimed
        // again.
        this.loop = new DrainLoop("redline-webhook-dispatcher", pollIntervalMs, BATCH_MAX, this::deliverDue);
        // Redirects are not followed: a signed body must reach the configured URL or fail visibly.
        this.http = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * The wait after {@code attemptsMade} failed attempts: {@code 10 s × 2^(attemptsMade − 1)},
     * capped at 1 h, minus up to {@link #JITTER} of it ({@code random01} in [0, 1)).
     */
    public static Duration retryDelay(int attemptsMade, double random01) {
        if (attemptsMade < 1) throw new IllegalArgumentException("attemptsMade starts at 1, was " + attemptsMade);
        if (!(random01 >= 0 && random01 < 1))
            throw new IllegalArgumentException("random01 must be in [0, 1), was " + random01);
        long baseMs = BACKOFF_BASE.toMillis();
        // 2^9 × 10 s is past the cap already; stop doubling there so large attempt counts cannot overflow.
        long delayMs = Math.min(BACKOFF_MAX.toMillis(), baseMs << Math.min(attemptsMade - 1, 12));
        return Duration.ofMillis(delayMs - (long) (delayMs * JITTER * random01));
    }

    /**
     * One sweep: claims up to {@link #BATCH_MAX} due rows, sends them concurrently, records the
     * outcomes. Returns how many rows it attempted (0 when nothing was due or another dispatcher
     * holds them).
     */
    public int deliverDue() {
        List<Webhooks.Due> due = webhooks.claimDue(holder, BATCH_MAX, LEASE.toMillis());
        if (due.isEmpty()) return 0;
        List<CompletableFuture<Webhooks.Attempt>> inFlight = new ArrayList<>(due.size());
        for (Webhooks.Due d : due) inFlight.add(send(d));
        List<Webhooks.Attempt> attempts = new ArrayList<>(due.size());
        for (CompletableFuture<Webhooks.Attempt> f : inFlight)
            attempts.add(f.join()); // send() never completes exceptionally
        int recorded = webhooks.record(holder, attempts);
        if (recorded < attempts.size()) {
            log.atWarn()
                    .addKeyValue("lost", attempts.size() - recorded)
                    .log("webhook leases ran out before outcomes were recorded");
        }
        for (Webhooks.Attempt a : attempts) {
            if (a.delivered()) {
                delivered.incrementAndGet();
            } else {
                failedAttempts.incrementAndGet();
                log.atInfo()
                        .addKeyValue("delivery", a.due().id())
                        .addKeyValue("subscription", a.due().subscription())
                        .addKeyValue("attempt", a.due().attempts() + 1)
                        .addKeyValue("status", a.status())
                        .addKeyValue("error", a.error())
                        .log("webhook attempt failed");
            }
        }
        return attempts.size();
    }

    /** Never completes exceptionally: every failure becomes a failed attempt. */
    private CompletableFuture<Webhooks.Attempt> send(Webhooks.Due d) {
        try {
            return sendAsync(d);
        } catch (RuntimeException e) {
            long atMs = clock.millis();
            long retryAtMs = atMs
                    + retryDelay(d.attempts() + 1, ThreadLocalRandom.current().nextDouble())
                            .toMillis();
            return CompletableFuture.completedFuture(
                    new Webhooks.Attempt(d, false, null, describe(e), atMs, retryAtMs));
        }
    }

    private CompletableFuture<Webhooks.Attempt> sendAsync(Webhooks.Due d) {
        WebhookSubscription s =
                webhooks.subscription(d.subscription()).orElseThrow(); // claimDue only takes configured ones
        byte[] body = d.payload().getBytes(StandardCharsets.UTF_8);
        long sentAtSeconds = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(s.url())
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Redline-Webhooks/1")
                .header("Redline-Event", d.eventType().code())
                .header("Redline-Delivery", Long.toString(d.id()))
                .header("Redline-Event-Id", Long.toString(d.eventId()))
                .header(WebhookSignature.HEADER, WebhookSignature.header(s.secret(), sentAtSeconds, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        // The request timeout covers the response headers only; this bounds a body that trickles in too.
        long overallMs = CONNECT_TIMEOUT.plus(requestTimeout).toMillis() + 1_000;
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .orTimeout(overallMs, TimeUnit.MILLISECONDS)
                .handle((response, failure) -> {
                    long atMs = clock.millis();
                    if (failure == null && response.statusCode() / 100 == 2) {
                        return new Webhooks.Attempt(d, true, response.statusCode(), null, atMs, atMs);
                    }
                    long retryAtMs = atMs
                            + retryDelay(
                                            d.attempts() + 1,
                                            ThreadLocalRandom.current().nextDouble())
                                    .toMillis();
                    if (failure == null) {
                        return new Webhooks.Attempt(
                                d, false, response.statusCode(), "HTTP " + response.statusCode(), atMs, retryAtMs);
                    }
                    return new Webhooks.Attempt(d, false, null, describe(failure), atMs, retryAtMs);
                });
    }

    /** What went wrong, for the admin listing: no stack traces, the cause an operator can act on. */
    private String describe(Throwable failure) {
        Throwable e = failure;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null)
            e = e.getCause();
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        return switch (e) {
            case HttpConnectTimeoutException t -> "connect timed out after " + CONNECT_TIMEOUT.toSeconds() + " s";
            case HttpTimeoutException t -> "no response within " + requestTimeout.toMillis() + " ms";
            case TimeoutException t ->
                "response not complete within "
                        + CONNECT_TIMEOUT.plus(requestTimeout).toMillis() + " ms";
            case ConnectException t -> "connection failed (" + e.getClass().getSimpleName() + message + ")";
            default -> e.getClass().getSimpleName() + message;
        };
    }

    public WebhookDispatcher start() {
        Set<String> orphaned = webhooks.unconfiguredWithPending();
        if (!orphaned.isEmpty()) {
            log.atWarn()
                    .addKeyValue("subscriptions", orphaned)
                    .log(
                            "pending webhook deliveries name subscriptions this server does not configure; they wait until one does");
        }
        loop.start();
        return this;
    }

    /** Finishes the batch in hand, then stops and closes the HTTP client; waits up to {@code timeoutMs}. Returns whether it stopped. */
    public boolean stop(long timeoutMs) {
        boolean stopped = loop.stop(timeoutMs);
        if (stopped) http.close();
        return stopped;
    }

    @Override
    public void close() {
        stop(TimeUnit.SECONDS.toMillis(30));
    }

    /** Rows this dispatcher delivered since start. */
    public long deliveredCount() {
        return delivered.get();
    }

    /** Attempts that failed (non-2xx, timeout, connection error) since start. */
    public long failedAttemptCount() {
        return failedAttempts.get();
    }
}
