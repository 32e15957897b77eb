package io.redline.gateway;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-token and per-end-user request rates (token buckets: a minute's allowance as burst, refilled
 * continuously) and the daily quota of minors (per UTC day). Held in memory, per process: a
 * restart forgets them, and several gateway processes each allow the full rate.
 */
final class RateLimits {
    /** Distinct keys kept before the tables are cleared; bounds memory under a flood of made-up user ids. */
    static final int KEYS_MAX = 200_000;

    private final int userPerMinute;
    private final int tokenPerMinute;
    private final int minorDailyMax;
    private final Clock clock;
    private final ConcurrentHashMap<String, Bucket> users = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Bucket> tokens = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Quota> minors = new ConcurrentHashMap<>();

    RateLimits(GatewayConfig.Limits limits, GatewayConfig.Minors minorsConfig, Clock clock) {
        this.userPerMinute = limits.userRequestsPerMinute();
        this.tokenPerMinute = limits.tokenRequestsPerMinute();
        this.minorDailyMax = minorsConfig.dailyRequestsMax();
        this.clock = clock;
    }

    /** Takes one request from every allowance that applies, or throws 429 naming the one that ran out. */
    void take(String tokenId, String user, boolean minor) {
        long nowMs = clock.millis();
        if (tokenPerMinute > 0) {
            long wait = bucket(tokens, tokenId, tokenPerMinute).take(nowMs);
            if (wait > 0)
                throw OpenAiError.rateLimited(
                        "this API token may send " + tokenPerMinute + " requests a minute", seconds(wait));
        }
        if (userPerMinute > 0) {
            long wait = bucket(users, user, userPerMinute).take(nowMs);
            if (wait > 0)
                throw OpenAiError.rateLimited(
                        "end user '" + user + "' may send " + userPerMinute + " requests a minute", seconds(wait));
        }
        if (minor && minorDailyMax > 0) {
            LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            if (minors.size() > KEYS_MAX) minors.clear();
            Quota q = minors.compute(
                    user,
                    (k, old) -> old == null || !old.day.equals(today)
                            ? new Quota(today, 1)
                            : new Quota(today, old.used + 1));
            if (q.used > minorDailyMax) {
                long untilMidnightMs = today.plusDays(1)
                                .atStartOfDay(ZoneOffset.UTC)
                                .toInstant()
                                .toEpochMilli()
                        - nowMs;
                throw OpenAiError.rateLimited(
                        "the daily quota of " + minorDailyMax + " requests for minors is used up",
                        seconds(untilMidnightMs));
            }
        }
    }

    private static long seconds(long ms) {
        return Math.max(1, (ms + 999) / 1000);
    }

    private Bucket bucket(ConcurrentHashMap<String, Bucket> table, String key, int perMinute) {
        if (table.size() > KEYS_MAX) table.clear();
        return table.computeIfAbsent(key, k -> new Bucket(perMinute, clock.millis()));
    }

    private record Quota(LocalDate day, int used) {}

    /** A token bucket holding at most a minute's allowance. */
    private static final class Bucket {
        private final double capacity;
        private final double perMs;
        private double available;
        private long atMs;

        Bucket(int perMinute, long nowMs) {
            this.capacity = perMinute;
            this.perMs = perMinute / 60_000.0;
            this.available = perMinute;
            this.atMs = nowMs;
        }

        /** 0 when a request may pass (and takes it), else the milliseconds until one may. */
        synchronized long take(long nowMs) {
            available = Math.min(capacity, available + Math.max(0, nowMs - atMs) * perMs);
            atMs = Math.max(atMs, nowMs);
            if (available >= 1) {
                available -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - available) / perMs);
        }
    }
}
