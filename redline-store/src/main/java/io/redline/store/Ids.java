package io.redline.store;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time-ordered 63-bit ids: 41 bits of milliseconds since 2025-01-01, 10 bits of node, 12 bits of
 * sequence. Ordered ids make cursor pagination a simple {@code WHERE id < ?}; generating them in
 * the application keeps the DDL identical on SQLite and PostgreSQL. The node bits are random per
 * process so workers sharing one PostgreSQL do not collide (a collision is still caught by the
 * primary key).
 */
public final class Ids {
    private static final long EPOCH_MS = 1_735_689_600_000L; // 2025-01-01T00:00:00Z
    private static final int NODE_BITS = 10;
    private static final int SEQUENCE_BITS = 12;
    private static final long SEQUENCE_MASK = (1L << SEQUENCE_BITS) - 1;

    private final long node;
    private final AtomicLong last = new AtomicLong();

    public Ids() {
        this(new SecureRandom().nextInt(1 << NODE_BITS));
    }

    public Ids(long node) {
        if (node < 0 || node >= (1L << NODE_BITS)) throw new IllegalArgumentException("node out of range: " + node);
        this.node = node;
    }

    public long next() {
        while (true) {
            long prev = last.get();
            long nowPart = (System.currentTimeMillis() - EPOCH_MS) << (NODE_BITS + SEQUENCE_BITS);
            long prevTime = prev & ~((1L << (NODE_BITS + SEQUENCE_BITS)) - 1);
            long candidate;
            if (nowPart > prevTime) {
                candidate = nowPart | (node << SEQUENCE_BITS);
            } else {
                // Same millisecond (or the clock stepped back): advance the sequence, borrowing
                // from the time part when it overflows, so ids stay strictly increasing.
                long seq = (prev & SEQUENCE_MASK) + 1;
                candidate = seq > SEQUENCE_MASK
                        ? prevTime + (1L << (NODE_BITS + SEQUENCE_BITS)) | (node << SEQUENCE_BITS)
                        : prevTime | (node << SEQUENCE_BITS) | seq;
            }
            if (last.compareAndSet(prev, candidate)) return candidate;
        }
    }

    /** The creation time encoded in an id. */
    public static long epochMsOf(long id) {
        return (id >>> (NODE_BITS + SEQUENCE_BITS)) + EPOCH_MS;
    }

    /** The smallest id minted at or after {@code epochMs}: a time range becomes a primary-key range. */
    public static long lowestAt(long epochMs) {
        return Math.max(0, epochMs - EPOCH_MS) << (NODE_BITS + SEQUENCE_BITS);
    }
}
