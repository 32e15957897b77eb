package io.redline.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redline.decision.Decision;
import io.redline.decision.DecisionLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Handle;

/**
 * Every stored decision as a message on the decisions topic, keyed by author, written to the
 * {@link Outbox} in the decision's own transaction (plugged into {@link DecisionLog#announceTo}).
 * Whoever decides — a Kafka worker, {@code ?wait=true}, a reviewer, an appeal, a rescreen — the
 * host platform reads one stream. A {@code review} decision carries its queue, priority and
 * deadline; the task a reviewer works on is announced on the review-tasks topic when it opens
 * ({@link TaskEvents}).
 */
public final class DecisionEvents implements DecisionLog.Announcer {
    static final String CONTENT_ID_HEADER = "redline-content-id";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Outbox outbox;
    private final KafkaSettings.Topics topics;

    public DecisionEvents(Outbox outbox, KafkaSettings.Topics topics) {
        this.outbox = Objects.requireNonNull(outbox);
        this.topics = Objects.requireNonNull(topics);
    }

    @Override
    public void announce(Handle h, List<DecisionLog.Entry> stored) {
        List<Outbox.Message> messages = new ArrayList<>(stored.size());
        for (DecisionLog.Entry e : stored) {
            Decision d = e.decision();
            Map<String, String> headers = Map.of(CONTENT_ID_HEADER, Long.toString(d.contentId()));
            messages.add(new Outbox.Message(topics.decisions(), e.authorId(), json(payload(d, e.authorId())), headers));
        }
        outbox.enqueue(h, messages);
    }

    /** The decision event: ids as decimal strings, as everywhere in the API. */
    static Map<String, Object> payload(Decision d, String authorId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "decision");
        body.put("decisionId", Long.toString(d.id()));
        body.put("contentId", Long.toString(d.contentId()));
        body.put("authorId", authorId);
        body.put("seq", d.seq());
        body.put("action", d.action().code());
        body.put("reasonCode", d.reasonCode());
        body.put("ruleId", d.ruleId());
        body.put("labels", d.labels());
        body.put("origin", d.origin().code());
        body.put("riskScore", d.riskScore());
        body.put("policyVersion", d.policyVersion());
        body.put("engineVersion", d.engineVersion());
        body.put("decidedAt", d.decidedAt().toString());
        if (d.review() != null) {
            Map<String, Object> review = new LinkedHashMap<>();
            review.put("queue", d.review().queue());
            review.put("priority", d.review().priority());
            review.put("deadlineAt", d.review().deadlineAt().toString());
            body.put("review", review);
        }
        return body;
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings and numbers always serialise", e);
        }
    }
}
