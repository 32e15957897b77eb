package io.redline.decision;

import io.redline.audit.AuditEvent;
import io.redline.audit.AuditLog;
import io.redline.vocabulary.Actor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntConsumer;
import org.jdbi.v3.core.Handle;

/**
 * The one writer of {@code decisions} and {@code decision_heads}. Whoever decides — the worker,
 * a client waiting with {@code ?wait=true}, a reviewer, an appeal, a rescreen, and next the AI
 * gateway and the Kafka worker — stores the decision through {@link #append}, which writes the
 * row, moves the content's head and appends the {@code content.decide} audit entry, all in the
 * caller's transaction. So a content's history is a fold of its decisions, and nothing changes a
 * decision behind the audit log's back.
 *
 * <p>Concurrency: seq {@code n} is unique per content ({@code ON CONFLICT (content_id, seq) DO
 * NOTHING}), so of two writers racing for the same seq one stores and the other's decision is
 * dropped (returned as not stored, never forced). Seq 1 creates the head; seq {@code n + 1}
 * moves it with a compare-and-set on {@code n}.
 */
public final class DecisionLog {
    /** A decision to append and the author of its content (the head keeps it for author facts). */
    public record Entry(Decision decision, String authorId) {
        public Entry {
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(authorId, "authorId");
        }
    }

    /**
     * A port for what else must commit with every stored decision: an outbox a host platform reads
     * (the Kafka decisions topic). It runs in the caller's transaction after the rows and the audit
     * entry, so the decision and its announcement commit together or not at all.
     */
    @FunctionalInterface
    public interface Announcer {
        /** {@code stored}: the entries this append stored, in order (never empty). */
        void announce(Handle h, List<Entry> stored);

        Announcer NONE = (h, stored) -> {};
    }

    private final AuditLog audit;
    private volatile Announcer announcer = Announcer.NONE;

    /** Plugs in the announcer the composition root chose (before any decision is made). */
    public void announceTo(Announcer announcer) {
        this.announcer = Objects.requireNonNull(announcer);
    }

    DecisionLog(AuditLog audit) {
        this.audit = Objects.requireNonNull(audit);
    }

    /**
     * Appends decisions, each as {@code seq = current + 1} of its content, with their audit
     * entries (actor {@code actor}), inside the caller's transaction. Returns the decisions
     * stored: one whose seq another writer took first is left out.
     *
     * @throws IllegalStateException when a content's head is not at {@code seq - 1} although seq was free (a broken invariant)
     */
    public List<Decision> append(Handle h, Actor actor, List<Entry> entries) {
        return append(h, actor, entries, i -> {});
    }

    /** {@link #append(Handle, Actor, List)} with a test seam run before each entry (throwing aborts the transaction). */
    List<Decision> append(Handle h, Actor actor, List<Entry> entries, IntConsumer beforeEach) {
        if (entries.isEmpty()) return List.of();
        audit.lockForAppend(h); // before the decision rows: see AuditLog#lockForAppend
        List<AuditEvent> events = new ArrayList<>(entries.size());
        List<Decision> stored = new ArrayList<>(entries.size());
        List<Entry> storedEntries = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            beforeEach.accept(i);
            Decision d = entries.get(i).decision();
            if (!DecisionRows.insert(h, d)) continue;
            if (d.seq() == 1) {
                DecisionRows.insertHead(h, d, entries.get(i).authorId());
            } else if (!DecisionRows.advanceHead(h, d, d.seq() - 1)) {
                throw new IllegalStateException("decision head of content " + d.contentId() + " moved past seq "
                        + (d.seq() - 1) + " while seq " + d.seq() + " was free");
            }
            events.add(decideEvent(actor, d));
            stored.add(d);
            storedEntries.add(entries.get(i));
        }
        if (!events.isEmpty()) {
            audit.appendAll(h, events);
            announcer.announce(h, storedEntries);
        }
        return stored;
    }

    private static AuditEvent decideEvent(Actor actor, Decision d) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("action", d.action().code());
        details.put("reasonCode", d.reasonCode());
        details.put("ruleId", d.ruleId());
        details.put("policyVersion", d.policyVersion());
        details.put("engineVersion", d.engineVersion());
        details.put("seq", d.seq());
        details.put("origin", d.origin().code());
        details.put("decisionId", Long.toString(d.id()));
        return new AuditEvent(
                actor,
                "content.decide",
                new AuditEvent.Target("content", Long.toString(d.contentId())),
                d.decidedAt(),
                details);
    }
}
