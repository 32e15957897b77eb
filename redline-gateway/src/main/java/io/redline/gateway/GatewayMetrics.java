package io.redline.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's meters (Prometheus names in docs/gateway.md): added latency per request (the
 * gateway's time minus the time spent waiting for the upstream) and per streamed chunk, blocked
 * prompts and stopped outputs by reason code, upstream failures by kind. Reason codes come from
 * the policy, a small set, so the tag values stay bounded.
 */
final class GatewayMetrics {
    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Timer> added = new ConcurrentHashMap<>();
    private final Timer chunk;
    private final Counter recordFailed;

    GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.chunk = Timer.builder("redline.gateway.chunk.added")
                .description("Gateway time per streamed chunk: parse, screen the window, re-encode, write")
                .publishPercentiles(0.5, 0.99)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(1_000))
                .maximumExpectedValue(Duration.ofSeconds(1))
                .register(registry);
        this.recordFailed = Counter.builder("redline.gateway.records.failed")
                .description("Exchanges that could not be stored")
                .register(registry);
    }

    void added(Operation op, boolean stream, long nanos) {
        added.computeIfAbsent(
                        op.code() + stream,
                        k -> Timer.builder("redline.gateway.request.added")
                                .description("Latency the gateway adds to a call: its time minus the upstream's")
                                .tag("operation", op.code())
                                .tag("stream", Boolean.toString(stream))
                                .publishPercentiles(0.5, 0.99)
                                .publishPercentileHistogram()
                                // Buckets from 10 µs: the budget is 2 ms, so the default 1 ms floor would hide it.
                                .minimumExpectedValue(Duration.ofNanos(10_000))
                                .maximumExpectedValue(Duration.ofSeconds(60))
                                .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    void chunk(long nanos) {
        chunk.record(nanos, TimeUnit.NANOSECONDS);
    }

    void promptBlocked(String reason) {
        registry.counter("redline.gateway.prompts.blocked", "reason", reason).increment();
    }

    void streamStopped(String reason) {
        registry.counter("redline.gateway.outputs.stopped", "reason", reason).increment();
    }

    void upstreamFailed(String kind) {
        registry.counter("redline.gateway.upstream.failures", "kind", kind == null ? "other" : kind)
                .increment();
    }

    void recordFailed() {
        recordFailed.increment();
    }
}
