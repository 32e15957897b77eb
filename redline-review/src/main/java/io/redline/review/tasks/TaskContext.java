package io.redline.review.tasks;

import io.redline.audit.AuditLog;
import io.redline.decision.Decisions;
import io.redline.intake.ContentReader;
import io.redline.review.webhooks.Webhooks;
import io.redline.store.Database;
import io.redline.store.GroupCommit;
import io.redline.store.Ids;
import java.time.Clock;

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
        ContentReader contents) {}
