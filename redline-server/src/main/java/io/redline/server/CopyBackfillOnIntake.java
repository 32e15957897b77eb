package io.redline.server;

import io.redline.decision.Decision;
import io.redline.decision.Decisions;
import io.redline.intake.Content;
import io.redline.intake.ContentReader;
import io.redline.rights.copies.Backfill;
import io.redline.rights.copies.CopyRegister;
import io.redline.store.Ids;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rights backfill's {@link Backfill.Source} on intake's contents and the decision capability's
 * decisions: content stored up to now, decided items only (an undecided one is looked up by its
 * decision), as {@link RepostsOnRights} turns contents into register items.
 */
public final class CopyBackfillOnIntake implements Backfill.Source {
    private static final int DECISIONS_PER_READ = 1_000;

    private final ContentReader contents;
    private final Decisions decisions;
    private final RepostsOnRights items;
    private final Clock clock;

    CopyBackfillOnIntake(ContentReader contents, Decisions decisions, RepostsOnRights items, Clock clock) {
        this.contents = contents;
        this.decisions = decisions;
        this.items = items;
        this.clock = clock;
    }

    /** Ids grow with time: every item stored before this millisecond has a lower id. Later ones go through intake's copy detection. */
    @Override
    public long lastId() {
        return Ids.lowestAt(clock.millis()) - 1;
    }

    @Override
    public Backfill.Page page(long afterId, long untilId, int limit) {
        List<Content> page = contents.window(afterId, 0, Long.MAX_VALUE, limit);
        List<Content> inRange = new ArrayList<>(page.size());
        for (Content c : page) if (c.id() <= untilId) inRange.add(c);
        List<CopyRegister.Item> out = new ArrayList<>(inRange.size());
        for (int from = 0; from < inRange.size(); from += DECISIONS_PER_READ) {
            List<Content> chunk = inRange.subList(from, Math.min(inRange.size(), from + DECISIONS_PER_READ));
            Map<Long, Decision> decided =
                    decisions.currentOf(chunk.stream().map(Content::id).toList());
            for (Content c : chunk) if (decided.containsKey(c.id())) out.add(items.item(c));
        }
        long last = inRange.isEmpty() ? afterId : inRange.getLast().id();
        // A page cut short by the range end reports fewer rows than asked: the backfill is done.
        return new Backfill.Page(out, last, inRange.size());
    }
}
