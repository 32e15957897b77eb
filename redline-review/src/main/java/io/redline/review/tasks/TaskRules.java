package io.redline.review.tasks;

import static io.redline.review.tasks.ReviewTasks.LIST_MAX;
import static io.redline.review.tasks.ReviewTasks.NOTE_CHARS_MAX;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redline.audit.AuditEvent;
import io.redline.decision.EvidenceHit;
import io.redline.identity.Principal;
import io.redline.identity.Role;
import io.redline.review.ReviewException;
import io.redline.vocabulary.Actor;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/** The checks and audit events every part of the review queue shares. */
final class TaskRules {
    static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    static final Principal SWEEP = Principal.system("review-sweep");
    static final ObjectMapper JSON = new ObjectMapper();

    private TaskRules() {}

    /** The task, when the actor holds a live lease on it. */
    static ReviewTask leased(Handle h, long taskId, Actor actor, long nowMs) {
        ReviewTask t =
                TaskRows.find(h, taskId).orElseThrow(() -> new ReviewException.NotFound("no task has id " + taskId));
        if (!t.open()) throw new TaskConflict("task " + taskId + " was decided already");
        if (!t.leasedTo(actor.id(), Instant.ofEpochMilli(nowMs))) {
            throw new TaskConflict("you hold no lease on task " + taskId + "; claim a task first (leases expire)");
        }
        return t;
    }

    /**
     * The row count of an update guarded by {@code claimed_by = me}: 0 means another process took
     * the task over between our read and our write (our lease ran out in between).
     */
    static void requireStillHeld(int updated, long taskId) {
        if (updated != 1)
            throw new TaskConflict("task " + taskId + " changed meanwhile (your lease ran out); reload it");
    }

    static AuditEvent openEvent(TaskRows.NewTask t) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kind", t.kind().code());
        details.put("queue", t.queue());
        details.put("contentId", Long.toString(t.contentId()));
        details.put("seq", t.decisionSeq());
        details.put("priority", t.priority());
        return event(SWEEP.actor(), "task.open", t.id(), t.createdAtMs(), details);
    }

    static AuditEvent event(Actor actor, String action, long taskId, long atMs, Map<String, Object> details) {
        return new AuditEvent(
                actor,
                action,
                new AuditEvent.Target("task", Long.toString(taskId)),
                Instant.ofEpochMilli(atMs),
                details);
    }

    /** The category a task is counted under: the first decisive hit's, else the first hit's, else {@code fallback}. */
    static String category(List<EvidenceHit> evidence, String fallback) {
        return evidence.stream()
                .filter(EvidenceHit::decisive)
                .findFirst()
                .or(() -> evidence.stream().findFirst())
                .map(EvidenceHit::category)
                .orElse(fallback);
    }

    static String category(String evidenceJson, String fallback) {
        try {
            JsonNode hits = JSON.readTree(evidenceJson);
            String first = null;
            for (JsonNode hit : hits) {
                String c = hit.path("category").asText(null);
                if (hit.path("decisive").asBoolean(false) && c != null) return c;
                if (first == null) first = c;
            }
            return first == null ? fallback : first;
        } catch (JsonProcessingException e) {
            return fallback; // a task is better filed under a generic category than not opened
        }
    }

    static List<String> labels(String json) {
        try {
            return List.of(JSON.readValue(json, String[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt labels JSON in decisions row", e);
        }
    }

    static void requireReviewer(Principal p) {
        if (p.role() != Role.REVIEWER && p.role() != Role.ADMIN) {
            throw new ReviewException.Forbidden("reviewing tasks needs the reviewer or admin role, not "
                    + p.role().wireName());
        }
    }

    /** Shortest lease a claim may ask for; the longest is {@link TaskConfig#leaseMax()}. The HTTP API checks against both. */
    static final Duration LEASE_MIN = Duration.ofSeconds(1);

    static void requireLease(Duration lease, TaskConfig config) {
        if (lease.compareTo(LEASE_MIN) < 0 || lease.compareTo(config.leaseMax()) > 0) {
            throw new IllegalArgumentException("lease must be 1 s .. " + config.leaseMax() + ", was " + lease);
        }
    }

    static void requireCode(String reasonCode) {
        if (reasonCode == null || !CODE.matcher(reasonCode).matches()) {
            throw new IllegalArgumentException("reasonCode '" + reasonCode + "' must match " + CODE);
        }
    }

    static void requireNote(String note) {
        if (note != null && note.length() > NOTE_CHARS_MAX) {
            throw new IllegalArgumentException(
                    "a note holds at most " + NOTE_CHARS_MAX + " characters, got " + note.length());
        }
    }

    static void requireName(String value, String what) {
        if (value == null || !TaskConfig.NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + value + "' must match " + TaskConfig.NAME);
        }
    }

    /** Queue names follow the policy's one rule ({@link io.redline.policy.ReviewRouting#QUEUE_NAME}). */
    static void requireQueue(String queue) {
        if (!io.redline.policy.ReviewRouting.isQueueName(queue)) {
            throw new IllegalArgumentException(
                    "queue '" + queue + "' must be " + io.redline.policy.ReviewRouting.QUEUE_NAME_RULE);
        }
    }

    static void requireLimit(int limit) {
        if (limit < 1 || limit > LIST_MAX)
            throw new IllegalArgumentException("limit must be 1.." + LIST_MAX + ", was " + limit);
    }
}
