package io.redline.store;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongFunction;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * The "rows still waiting, above a low watermark" loop: the decision worker finds undecided
 * content with it, the review sweep finds review decisions without a task and rescreens that made
 * a task moot. Every row at or below the watermark is known handled, so a steady-state poll reads
 * only the newest rows by primary key instead of the whole table.
 *
 * <p>The watermark trails wall time by {@link #LAG_MS}, because an id (see {@link Ids}) is minted
 * before its transaction commits, so a row with a smaller id may still appear; and it drops to
 * zero every {@link #FULL_SCAN_INTERVAL_MS} as a safety net. A step reads only above the last row
 * it handled, except for two rescans of rows it already passed: every {@link #RESCAN_INTERVAL_MS}
 * (and once whenever a step drained what it found) the last {@link #RECENT_LAG_MS}, where nearly
 * every late commit lands, and every {@link #LAG_MS} everything from the watermark; while rows
 * found waiting hold the watermark back (a backlog), every rescan reads from it, so it settles
 * as soon as they are handled. Rescanning the
 * watermark's whole minute every few seconds read each row a dozen times: at 3,000 items/s that
 * was 180,000 rows of anti-join every 5 s, about 5% of the server's CPU with every item decided already
 * (docs/benchmarks.md, session 10). All of this lives in memory: losing it on
 * restart costs one full scan, nothing more. Steps of one sweep take turns (a lock), so within a
 * process two steps never handle the same rows at once; across processes the handlers' own
 * idempotence (unique keys) decides.
 */
public final class WatermarkSweep {
    /** How far the watermark trails wall time: far longer than any transaction holding a minted id stays open. */
    public static final long LAG_MS = 60_000;

    public static final long FULL_SCAN_INTERVAL_MS = 10 * 60_000;

    /**
     * How often a step scans from the watermark although it has rows of its own to look at: a row
     * whose id was minted before a step passed it, and committed after, is found within this time.
     */
    public static final long RESCAN_INTERVAL_MS = 5_000;

    /**
     * How far below the newest ids the frequent rescan reads: a transaction that commits later
     * than this after minting its ids is found by the rescan from the watermark, within
     * {@link #LAG_MS}.
     */
    public static final long RECENT_LAG_MS = 10_000;

    /** What the rows a step found mean for the watermark. */
    public enum Found {
        /** Still waiting until handled (a failed batch stays pending): the watermark stops below the first. */
        STILL_WAITING,
        /** Done once seen, whatever the handler made of them: the watermark may pass the last. */
        DONE_WHEN_SEEN
    }

    private final Clock clock;
    private final Found found;
    private final ReentrantLock lock = new ReentrantLock();
    private long floor; // guarded by lock: every row with id <= floor is handled
    private long fullScanAtMs;
    private long
            seen; // guarded by lock: every row committed below it when a step looked was handled; 0 after a full scan
    private long rescanAtMs; // guarded by lock: when a step next rescans the last RECENT_LAG_MS
    private long floorScanAtMs; // guarded by lock: when a step next scans from the watermark
    // guarded by lock: the last scan from the watermark found rows still waiting, which hold it
    // below them; then every rescan reads from the watermark, so it settles once they are handled
    private boolean floorHeld;
    private boolean handledSinceScan; // guarded by lock

    public WatermarkSweep(Clock clock, Found found) {
        this.clock = clock;
        this.found = found;
        this.fullScanAtMs = clock.millis();
    }

    /**
     * One step: {@code find} reads up to {@code limit} rows with ids above the watermark, oldest
     * first; the watermark advances; {@code handle} acts on the rows (when there are any) and
     * returns what it counts. Returns that count, 0 when nothing was found.
     */
    public <T> int step(int limit, LongFunction<List<T>> find, ToLongFunction<T> idOf, ToIntFunction<List<T>> handle) {
        lock.lock();
        try {
            long nowMs = clock.millis();
            if (nowMs - fullScanAtMs >= FULL_SCAN_INTERVAL_MS) {
                floor = 0;
                seen = 0;
                fullScanAtMs = nowMs;
            }
            // Between scans from the watermark, steps read only above the last row they handled:
            // the watermark trails by a minute, so a scan from it reads a minute of rows, and
            // polling that several times a second cost about as much as deciding them.
            // Every row committed before this moment is among what the scan below reads. Ids' own
            // clock (the wall), not the injected one: a row's id carries the wall time it was minted.
            long wallMs = System.currentTimeMillis();
            long scannedTo = Ids.lowestAt(wallMs) - 1;
            long recentFrom = Math.max(floor, Math.min(seen, Ids.lowestAt(wallMs - RECENT_LAG_MS) - 1));
            boolean due = nowMs >= rescanAtMs;
            boolean fromFloor = seen <= floor || nowMs >= floorScanAtMs || (floorHeld && due);
            boolean rescan = !fromFloor && due;
            List<T> rows = find.apply(fromFloor ? floor : rescan ? recentFrom : seen);
            if (!fromFloor && !rescan && rows.isEmpty() && handledSinceScan) {
                // Just drained: look for late commits now rather than at the next rescan (and
                // settle a held watermark).
                if (floorHeld) fromFloor = true;
                else rescan = true;
                rows = find.apply(fromFloor ? floor : recentFrom);
            }
            if (rescan) {
                rescanAtMs = nowMs + RESCAN_INTERVAL_MS;
                handledSinceScan = false;
            }
            if (fromFloor) {
                long settled = Ids.lowestAt(nowMs - LAG_MS) - 1;
                long next = switch (found) {
                    case STILL_WAITING ->
                        rows.isEmpty() ? settled : Math.min(settled, idOf.applyAsLong(rows.getFirst()) - 1);
                    case DONE_WHEN_SEEN ->
                        rows.size() < limit ? settled : Math.min(settled, idOf.applyAsLong(rows.getLast()));
                };
                floor = Math.max(floor, next);
                floorHeld = found == Found.STILL_WAITING && !rows.isEmpty();
                floorScanAtMs = nowMs + LAG_MS;
                rescanAtMs = nowMs + RESCAN_INTERVAL_MS;
                handledSinceScan = false;
            }
            if (rows.isEmpty()) {
                seen = Math.max(seen, scannedTo); // rows committed later with smaller ids: the next rescan
                return 0;
            }
            int handled = handle.applyAsInt(rows);
            // Only once handled: a failed batch stays above `seen` and the next step finds it again.
            seen = Math.max(seen, rows.size() < limit ? scannedTo : idOf.applyAsLong(rows.getLast()));
            handledSinceScan = true;
            return handled;
        } finally {
            lock.unlock();
        }
    }

    /** The watermark now (for tests): every row id at or below it is handled. */
    public long floor() {
        lock.lock();
        try {
            return floor;
        } finally {
            lock.unlock();
        }
    }
}
