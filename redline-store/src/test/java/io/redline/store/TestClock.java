package io.redline.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A clock tests move by hand, so leases, deadlines, backoff and timeouts are tested without
 * waiting. {@link #fixed} stands still until moved; {@link #wall} follows real time plus the
 * offset moved so far (for code that also mints time-ordered ids or compares with the database).
 */
public final class TestClock extends Clock {
    private final boolean followsWallTime;
    private volatile Instant base;
    private volatile Duration offset = Duration.ZERO;

    private TestClock(boolean followsWallTime, Instant base) {
        this.followsWallTime = followsWallTime;
        this.base = base;
    }

    public static TestClock fixed(Instant at) {
        return new TestClock(false, at);
    }

    /** Stands still at the current time (millisecond precision, like the tables). */
    public static TestClock fixedNow() {
        return fixed(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    public static TestClock wall() {
        return new TestClock(true, null);
    }

    public void advance(Duration d) {
        offset = offset.plus(d);
    }

    /** Jumps a {@link #fixed} clock to {@code instant}. */
    public void set(Instant instant) {
        if (followsWallTime) throw new IllegalStateException("a wall clock can only be advanced");
        base = instant;
        offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return (followsWallTime ? Instant.now() : base).plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
