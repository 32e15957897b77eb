package io.redline.server;

import io.redline.decision.Decision;
import io.redline.decision.Decisions;
import io.redline.intake.Content;
import io.redline.intake.ContentReader;
import io.redline.rights.datasets.Candidates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rights capability's {@link Candidates} port on intake's contents and the decision
 * capability's decisions: what a dataset export reads, as of its export time.
 */
final class DatasetCandidatesOnIntake implements Candidates {
    private final ContentReader contents;
    private final Decisions decisions;

    DatasetCandidatesOnIntake(ContentReader contents, Decisions decisions) {
        this.contents = contents;
        this.decisions = decisions;
    }

    @Override
    public List<Candidate> page(long afterId, Instant from, Instant until, Instant at, int limit) {
        long untilMs = Math.min(until.toEpochMilli(), at.toEpochMilli() + 1);
        if (untilMs <= from.toEpochMilli()) return List.of();
        List<Content> page = contents.window(afterId, from.toEpochMilli(), untilMs, limit);
        Map<Long, Decision> decided = page.isEmpty()
                ? Map.of()
                : decisions.asOf(page.stream().map(Content::id).toList(), at);
        List<Candidate> out = new ArrayList<>(page.size());
        for (Content c : page) {
            Decision d = decided.get(c.id());
            out.add(new Candidate(
                    c.id(),
                    c.surface().wireName(),
                    c.authorId(),
                    c.createdAt(),
                    c.title(),
                    c.text(),
                    c.tags(),
                    c.aiMark(),
                    d == null ? null : d.action().code()));
        }
        return out;
    }
}
