package io.redline.review.tasks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The SQL shape of {@link ReviewTask}: insert, read, map. */
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

    /** Inserts unless a task of this kind exists for the same decision; true when this call stored it. */
    static boolean insert(Handle h, NewTask t) {
        return h.createUpdate("""
                INSERT INTO review_tasks (id, kind, content_id, decision_seq, author_id, category, queue, priority,
                    deadline_at_ms, created_at_ms, state, excluded_reviewer, first_verdict, first_decider, source_task_id,
                    note, escalations)
                VALUES (:id, :kind, :content, :seq, :author, :category, :queue, :priority, :deadline, :created, 'open',
                    :excluded, :firstVerdict, :firstDecider, :source, :note, 0)
                ON CONFLICT (kind, content_id, decision_seq) DO NOTHING""")
                        .bind("id", t.id())
                        .bind("kind", t.kind().code())
                        .bind("content", t.contentId())
                        .bind("seq", t.decisionSeq())
                        .bind("author", t.authorId())
                        .bind("category", t.category())
                        .bind("queue", t.queue())
                        .bind("priority", t.priority())
                        .bind("deadline", t.deadlineAtMs())
                        .bind("created", t.createdAtMs())
                        .bind("excluded", t.excludedReviewer())
                        .bind(
                                "firstVerdict",
                                t.firstVerdict() == null
                                        ? null
                                        : t.firstVerdict().code())
                        .bind("firstDecider", t.firstDecider())
                        .bind("source", t.sourceTaskId())
                        .bind("note", t.note())
                        .execute()
                == 1;
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
