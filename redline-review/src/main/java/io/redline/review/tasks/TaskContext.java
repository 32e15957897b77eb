package io.redline.review.tasks;

import io.redline.audit.AuditLog;
import io.redline.decision.Decisions;
import io.redline.intake.ContentReader;
import io.redline.review.webhooks.Webhooks;
import io.redline.store.Database;
import io.redline.store.GroupCommit;
import io.redline.store.Ids;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** What every part of the review queue works with, built once by {@link ReviewTasks}. */
record TaskContext(
        Database db,
        GroupCommit writes,
        AuditLog audit,
        TaskConfig config,
        Clock clock,
        Ids ids,
        Webhooks webhooks,
        Decisions decisions,
        ContentReader contents,
        java.util.concurrent.atomic.AtomicReference<OpenedTasks> announcer) {

    /**
     * Opens a task: inserts it unless a task of this kind exists for the same decision, and when
     * this call stored it, announces it in the same transaction. True when this call stored it.
     */
    boolean open(Handle h, TaskRows.NewTask t) {
        if (!TaskRows.insert(h, t)) return false;
        OpenedTasks to = announcer.get();
        if (to == OpenedTasks.NONE) return true;
        List<String> reasons = new ArrayList<>(2);
        h.createQuery("SELECT reason_code FROM decisions WHERE content_id = :c AND seq = :s")
                .bind("c", t.contentId())
                .bind("s", t.decisionSeq())
                .mapTo(String.class)
                .findOne()
                .ifPresent(reasons::add);
        if (t.category() != null && !reasons.contains(t.category())) reasons.add(t.category());
        to.opened(
                h,
                new OpenedTasks.Opened(
                        t.id(),
                        t.kind(),
                        t.contentId(),
                        t.decisionSeq(),
                        t.authorId(),
                        t.queue(),
                        t.priority(),
                        Instant.ofEpochMilli(t.deadlineAtMs()),
                        Instant.ofEpochMilli(t.createdAtMs()),
                        reasons));
        return true;
    }
}
