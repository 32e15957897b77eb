package io.redline.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The sweep over a table of pending rows (ids from {@link Ids}, so time-ordered), as the decision
 * worker uses it: what each step reads from, and that no pending row is ever lost.
 */
class WatermarkSweepTest {
    private final TestClock clock = TestClock.fixedNow();
    private final Ids ids = new Ids();
    /** Rows still pending: what an anti-join of content against decisions would return. */
    private final TreeSet<Long> pending = new TreeSet<>();
    /** The lower bound of every find, in order. */
    private final List<Long> reads = new ArrayList<>();

    private final WatermarkSweep sweep = new WatermarkSweep(clock, WatermarkSweep.Found.STILL_WAITING);

    private int step(int limit) {
        return sweep.step(
                limit,
                from -> {
                    reads.add(from);
                    return pending.tailSet(from, false).stream().limit(limit).toList();
                },
                id -> id,
                rows -> {
                    rows.forEach(pending::remove);
                    return rows.size();
                });
    }

    @Test
    void betweenRescansAPollReadsOnlyAboveWhatItAlreadyLookedAt() {
        for (int i = 0; i < 5; i++) pending.add(ids.next());
        assertThat(step(100)).isEqualTo(5);
        reads.clear();
        // Idle polls (every row decided elsewhere, as with ?wait=true): none reads the watermark's minute again.
        for (int i = 0; i < 10; i++) assertThat(step(100)).isZero();
        long afterDrain = reads.get(1); // the first idle poll settles the watermark once
        assertThat(reads.subList(2, reads.size()))
                .allSatisfy(from -> assertThat(from).isGreaterThan(sweep.floor()));
        assertThat(afterDrain).isEqualTo(sweep.floor());
        long fresh = ids.next();
        pending.add(fresh);
        assertThat(step(100)).isEqualTo(1);
        assertThat(pending).isEmpty();
    }

    @Test
    void aRowCommittedAfterAPollPassedItsIdIsFoundByTheNextRescan() {
        long late = ids.next(); // minted now, committed only after the next polls passed it
        pending.add(ids.next());
        // A poll in the millisecond the ids were minted reads them again anyway; let that pass.
        long minted = System.currentTimeMillis();
        while (System.currentTimeMillis() == minted) Thread.onSpinWait();
        assertThat(step(100)).isEqualTo(1);
        assertThat(step(100)).isZero();
        pending.add(late);
        assertThat(step(100))
                .as("not yet: the poll reads above what it looked at")
                .isZero();
        clock.advance(Duration.ofMillis(WatermarkSweep.RESCAN_INTERVAL_MS));
        assertThat(step(100)).isEqualTo(1);
        assertThat(pending).isEmpty();
    }

    @Test
    void withEveryRowHandledElsewhereTheRescansReadOnlyTheLastSecondsUntilTheMinuteIsUp() {
        // As with ?wait=true: every item is decided in its own request, the worker finds nothing.
        assertThat(step(100)).isZero();
        long floorRead = reads.getFirst();
        reads.clear();
        long recent = Ids.lowestAt(System.currentTimeMillis() - WatermarkSweep.RECENT_LAG_MS - 1_000) - 1;
        for (long t = 0; t + WatermarkSweep.RESCAN_INTERVAL_MS < WatermarkSweep.LAG_MS; t += 1_000) {
            clock.advance(Duration.ofMillis(1_000));
            assertThat(step(100)).isZero();
        }
        assertThat(reads)
                .as(
                        "polls and the rescans every %d ms: never the watermark's minute",
                        WatermarkSweep.RESCAN_INTERVAL_MS)
                .allSatisfy(from -> assertThat(from).isGreaterThanOrEqualTo(recent));
        reads.clear();
        clock.advance(Duration.ofMillis(WatermarkSweep.RESCAN_INTERVAL_MS));
        long watermark = sweep.floor();
        assertThat(watermark).isGreaterThanOrEqualTo(floorRead);
        assertThat(step(100)).isZero();
        assertThat(reads).as("once a minute, from the watermark").containsExactly(watermark);
    }

    @Test
    void aRowCommittedLongAfterItsIdWasMintedIsFoundByTheScanFromTheWatermark() {
        pending.add(ids.next());
        assertThat(step(100)).isEqualTo(1);
        for (int i = 0; i < 3; i++) assertThat(step(100)).isZero();
        // An id minted 30 s ago whose transaction commits only now: older than the frequent rescan reads.
        long slow = Ids.lowestAt(System.currentTimeMillis() - 30_000) + 1;
        assertThat(slow).isGreaterThan(sweep.floor());
        pending.add(slow);
        clock.advance(Duration.ofMillis(WatermarkSweep.RESCAN_INTERVAL_MS));
        assertThat(step(100))
                .as("the rescan every few seconds reads only the last %d ms", WatermarkSweep.RECENT_LAG_MS)
                .isZero();
        clock.advance(Duration.ofMillis(WatermarkSweep.LAG_MS));
        assertThat(step(100))
                .as("the scan from the watermark, once a minute, finds it")
                .isEqualTo(1);
        assertThat(pending).isEmpty();
    }

    @Test
    void aFailedBatchIsReadAgainByTheNextStep() {
        for (int i = 0; i < 3; i++) pending.add(ids.next());
        assertThatThrownBy(() -> sweep.step(
                        100, from -> pending.tailSet(from, false).stream().toList(), id -> id, rows -> {
                            throw new IllegalStateException("the batch's transaction failed");
                        }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(step(100)).isEqualTo(3);
    }

    @Test
    void fullBatchesAreReadOneAfterAnother() {
        for (int i = 0; i < 250; i++) pending.add(ids.next());
        assertThat(step(100)).isEqualTo(100);
        assertThat(step(100)).isEqualTo(100);
        assertThat(step(100)).isEqualTo(50);
        assertThat(pending).isEmpty();
    }
}
