package io.redline.review.tasks;

import io.redline.store.HotStatements;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The SQL shape of {@link ReviewTask}, and the one writer of {@code review_tasks}: every insert
 * and update of a task is a method here (leases, verdicts, the sweep and reports call them), so
 * each state change a task can go through is listed in one file. Updates are compare-and-set:
 * they return the rows changed, 0 when another writer got there first.
 */
final class TaskRows {
    private TaskRows() {}

    /** A task to insert; {@code firstVerdict}/{@code firstDecider} only for quality samples. */
    record NewTask(
            long id,
            TaskKind kind,
            long contentId,
            int decisionSeq,
            String authorId,
            String category,
            String queue,
            int priority,
            long deadlineAtMs,
            long createdAtMs,
            String excludedReviewer,
            TaskVerdict firstVerdict,
            String firstDecider,
            Long sourceTaskId,
            String note) {}

    private static final String INSERT = """
            INSERT INTO review_tasks (id, kind, content_id, decision_seq, author_id, category, queue, priority,
                deadline_at_ms, created_at_ms, state, excluded_reviewer, first_verdict, first_decider, source_task_id,
                note, escalations)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, 0)
            ON CONFLICT (kind, content_id, decision_seq) DO NOTHING""";

    /**
     * Inserts unless a task of this kind exists for the same decision; true when this call stored it.
     * On the group-commit writer for every review decision: plain JDBC ({@link HotStatements}).
     */
    static boolean insert(Handle h, NewTask t) {
        return HotStatements.with(h, INSERT, ps -> {
                    ps.setLong(1, t.id());
                    ps.setString(2, t.kind().code());
                    ps.setLong(3, t.contentId());
                    ps.setInt(4, t.decisionSeq());
                    ps.setString(5, t.authorId());
                    ps.setString(6, t.category());
                    ps.setString(7, t.queue());
                    ps.setInt(8, t.priority());
                    ps.setLong(9, t.deadlineAtMs());
                    ps.setLong(10, t.createdAtMs());
                    ps.setString(11, t.excludedReviewer());
                    ps.setString(
                            12,
                            t.firstVerdict() == null ? null : t.firstVerdict().code());
                    ps.setString(13, t.firstDecider());
                    if (t.sourceTaskId() == null) ps.setNull(14, java.sql.Types.BIGINT);
                    else ps.setLong(14, t.sourceTaskId());
                    ps.setString(15, t.note());
                    return ps.executeUpdate();
                })
                == 1;
    }

    /**
     * Leases an open task to {@code me} until {@code untilMs} when it is free or its lease expired
     * at {@code nowMs}; with {@code unlessExcluded}, not when {@code me} may not review it.
     */
    static int claim(Handle h, long id, String me, long untilMs, long nowMs, boolean unlessExcluded) {
        return h.createUpdate(
                        """
                        UPDATE review_tasks SET claimed_by = :me, lease_until_ms = :until
                         WHERE id = :id AND state = 'open' AND (claimed_by IS NULL OR lease_until_ms < :now)""" + (unlessExcluded ? " AND (excluded_reviewer IS NULL OR excluded_reviewer <> :me)" : ""))
                .bind("me", me)
                .bind("until", untilMs)
                .bind("id", id)
                .bind("now", nowMs)
                .execute();
    }

    /** Moves the lease {@code me} holds to {@code untilMs}. */
    static int extend(Handle h, long id, String me, long untilMs) {
        return h.createUpdate(
                        "UPDATE review_tasks SET lease_until_ms = :until WHERE id = :id AND claimed_by = :me AND state = 'open'")
                .bind("until", untilMs)
                .bind("id", id)
                .bind("me", me)
                .execute();
    }

    /** Gives the task {@code me} holds back to its queue. */
    static int release(Handle h, long id, String me) {
        return h.createUpdate("""
                        UPDATE review_tasks SET claimed_by = NULL, lease_until_ms = NULL
                         WHERE id = :id AND claimed_by = :me AND state = 'open'""").bind("id", id).bind("me", me).execute();
    }

    /** A report raised the task: a higher priority and an earlier deadline. */
    static int raise(Handle h, long id, int priority, long deadlineMs) {
        return h.createUpdate("UPDATE review_tasks SET priority = :priority, deadline_at_ms = :deadline WHERE id = :id")
                .bind("priority", priority)
                .bind("deadline", deadlineMs)
                .bind("id", id)
                .execute();
    }

    /** Closes an open task whose decision a newer one (seq {@code seq}) replaced. */
    static int closeSuperseded(Handle h, long id, String by, long nowMs, int seq) {
        return h.createUpdate("""
                        UPDATE review_tasks SET state = 'done', reason_code = 'superseded', decided_by = :by,
                               decided_at_ms = :now, result_seq = :seq, claimed_by = NULL, lease_until_ms = NULL
                         WHERE id = :id AND state = 'open'""")
                .bind("by", by)
                .bind("now", nowMs)
                .bind("seq", seq)
                .bind("id", id)
                .execute();
    }

    /** Closes the task {@code me} holds with its verdict; {@code resultSeq} is the decision it appended, if any. */
    static int decide(
            Handle h, long id, String me, TaskVerdict verdict, String reasonCode, long nowMs, Integer resultSeq) {
        return h.createUpdate("""
                        UPDATE review_tasks SET state = 'done', verdict = :verdict, reason_code = :reason, decided_by = :me,
                               decided_at_ms = :now, result_seq = :result, claimed_by = NULL, lease_until_ms = NULL
                         WHERE id = :id AND state = 'open' AND claimed_by = :me""")
                .bind("verdict", verdict.code())
                .bind("reason", reasonCode)
                .bind("me", me)
                .bind("now", nowMs)
                .bind("result", resultSeq)
                .bind("id", id)
                .execute();
    }

    /** Moves the task {@code me} holds to the senior queue, unleased, with the escalation note. */
    static int escalate(Handle h, long id, String me, String seniorQueue, String note) {
        return h.createUpdate("""
                        UPDATE review_tasks SET queue = :senior, claimed_by = NULL, lease_until_ms = NULL, note = :note,
                               escalations = escalations + 1
                         WHERE id = :id AND claimed_by = :me AND state = 'open'""")
                .bind("senior", seniorQueue)
                .bind("note", note)
                .bind("id", id)
                .bind("me", me)
                .execute();
    }

    static Optional<ReviewTask> find(Handle h, long id) {
        return h.createQuery("SELECT * FROM review_tasks WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    static ReviewTask map(ResultSet rs) throws SQLException {
        String verdict = rs.getString("verdict");
        int resultSeq = rs.getInt("result_seq");
        Integer result = rs.wasNull() ? null : resultSeq;
        return new ReviewTask(
                rs.getLong("id"),
                TaskKind.fromCode(rs.getString("kind")),
                rs.getLong("content_id"),
                rs.getInt("decision_seq"),
                rs.getString("author_id"),
                rs.getString("category"),
                rs.getString("queue"),
                rs.getInt("priority"),
                instant(rs, "deadline_at_ms"),
                instant(rs, "created_at_ms"),
                "open".equals(rs.getString("state")),
                rs.getString("claimed_by"),
                instant(rs, "lease_until_ms"),
                rs.getString("note"),
                rs.getInt("escalations"),
                verdict == null ? null : TaskVerdict.fromCode(verdict),
                rs.getString("reason_code"),
                rs.getString("decided_by"),
                instant(rs, "decided_at_ms"),
                result);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        long ms = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(ms);
    }
}
