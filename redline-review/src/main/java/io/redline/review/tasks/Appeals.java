package io.redline.review.tasks;

import static io.redline.review.tasks.ReviewTasks.*;
import static io.redline.review.tasks.TaskRules.*;

import io.redline.audit.AuditEvent;
import io.redline.decision.Decision;
import io.redline.identity.Principal;
import io.redline.identity.Role;
import io.redline.policy.Action;
import io.redline.review.ReviewException;
import io.redline.vocabulary.Actor;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Creators' appeals: one per decision, in the appeals queue, never claimable by whoever made the appealed decision. Part of {@link ReviewTasks}. */
final class Appeals {

    private final TaskContext context;

    Appeals(TaskContext c) {
        this.context = c;
    }

    /**
     * A creator appeals the current decision on their own content, once per decision. The appeal
     * task goes to the appeals queue and may not be claimed by whoever made the appealed decision.
     *
     * @throws ReviewException.Forbidden when the caller is not the content's author (or not a creator)
     * @throws ReviewException.NotFound  when the content has no decision
     * @throws TaskConflict              when this decision was appealed already, allows the content unconditionally,
     *                                   or is still waiting for a reviewer
     */
    public Appeal appeal(long contentId, Principal creator, String message) {
        if (creator.role() != Role.CREATOR)
            throw new ReviewException.Forbidden("only the author's creator token can appeal");
        if (message == null || message.isBlank() || message.length() > NOTE_CHARS_MAX) {
            throw new IllegalArgumentException("an appeal needs a message of 1.." + NOTE_CHARS_MAX + " characters");
        }
        Actor actor = creator.actor();
        return context.writes().write(h -> {
            long nowMs = context.clock().millis();
            record Current(String author, int seq, String action, String labels, String decidedBy, String evidence) {}
            Current c = h.createQuery("""
                            SELECT hd.author_id, d.seq, d.action, d.labels_json, d.decided_by, d.evidence_json
                              FROM decision_heads hd JOIN decisions d ON d.content_id = hd.content_id AND d.seq = hd.seq
                             WHERE hd.content_id = :c""")
                    .bind("c", contentId)
                    .map((rs, ctx) -> new Current(
                            rs.getString(1),
                            rs.getInt(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6)))
                    .findOne()
                    .orElseThrow(
                            () -> new ReviewException.NotFound("content " + contentId + " has no decision to appeal"));
            if (!creator.canActFor(c.author())) {
                throw new ReviewException.Forbidden("you can appeal decisions on your own content only");
            }
            Action action = Action.fromCode(c.action());
            if (action == Action.ALLOW && "[]".equals(c.labels())) {
                throw new TaskConflict(
                        "content " + contentId + " is allowed without labels; there is nothing to appeal");
            }
            if (action == Action.REVIEW) {
                throw new TaskConflict(
                        "content " + contentId + " is waiting for a reviewer; appeal the outcome once it is decided");
            }
            TaskRows.NewTask t = new TaskRows.NewTask(
                    context.ids().next(),
                    TaskKind.APPEAL,
                    contentId,
                    c.seq(),
                    c.author(),
                    category(c.evidence(), "appeal"),
                    context.config().appealsQueue(),
                    context.config().appealPriority(),
                    nowMs + context.config().appealResponse().toMillis(),
                    nowMs,
                    c.decidedBy(),
                    null,
                    null,
                    null,
                    message);
            if (!context.open(h, t)) {
                throw new TaskConflict("decision " + c.seq() + " on content " + contentId
                        + " was appealed already; one appeal per decision");
            }
            context.audit()
                    .append(
                            h,
                            new AuditEvent(
                                    actor,
                                    "content.appeal",
                                    new AuditEvent.Target("content", Long.toString(contentId)),
                                    Instant.ofEpochMilli(nowMs),
                                    Map.of("taskId", Long.toString(t.id()), "seq", c.seq())));
            return new Appeal(
                    t.id(),
                    contentId,
                    c.seq(),
                    message,
                    Instant.ofEpochMilli(nowMs),
                    Instant.ofEpochMilli(t.deadlineAtMs()),
                    null);
        });
    }

    /** The creator's appeals, newest first, with the outcome once decided. */
    public List<Appeal> appeals(Principal creator, int limit) {
        if (creator.role() != Role.CREATOR)
            throw new ReviewException.Forbidden("appeals are listed for creator tokens");
        requireLimit(limit);
        return context.db()
                .jdbi()
                .withHandle(h -> h.createQuery("""
                        SELECT t.id, t.content_id, t.decision_seq, t.note, t.created_at_ms, t.deadline_at_ms,
                               d.action, d.reason_code, d.labels_json, d.decided_at_ms
                          FROM review_tasks t LEFT JOIN decisions d ON d.content_id = t.content_id AND d.seq = t.result_seq
                         WHERE t.author_id = :a AND t.kind = 'appeal' ORDER BY t.id DESC LIMIT :n""")
                        .bind("a", creator.authorId())
                        .bind("n", limit)
                        .map((rs, ctx) -> {
                            String action = rs.getString(7);
                            Decision.CreatorView outcome = action == null
                                    ? null
                                    : new Decision.CreatorView(
                                            Action.fromCode(action),
                                            rs.getString(8),
                                            labels(rs.getString(9)),
                                            Instant.ofEpochMilli(rs.getLong(10)));
                            return new Appeal(
                                    rs.getLong(1),
                                    rs.getLong(2),
                                    rs.getInt(3),
                                    rs.getString(4),
                                    Instant.ofEpochMilli(rs.getLong(5)),
                                    Instant.ofEpochMilli(rs.getLong(6)),
                                    outcome);
                        })
                        .list());
    }
}
