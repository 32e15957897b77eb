package io.redline.kafka;

import io.redline.intake.Content;
import io.redline.intake.Intake;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Intake mode: each item {@code POST /v1/contents} accepts is published to the contents topic
 * through the {@link Outbox}, written in intake's own transaction (an {@link Intake.Companion}),
 * so it is published after it is durable and never lost between the commit and the publish. The
 * record carries the stored content id in a header: workers decide that content instead of
 * storing it again.
 */
public final class AcceptedItems implements Intake.Companion {
    private final Outbox outbox;
    private final String topic;

    public AcceptedItems(Outbox outbox, String topic) {
        this.outbox = Objects.requireNonNull(outbox);
        this.topic = Objects.requireNonNull(topic);
    }

    @Override
    public org.jdbi.v3.core.HandleConsumer<RuntimeException> prepare(List<Content> items) {
        List<Outbox.Message> messages = new ArrayList<>(items.size());
        for (Content c : items) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("surface", c.surface().wireName());
            body.put("authorId", c.authorId());
            if (c.externalId() != null) body.put("externalId", c.externalId());
            if (c.title() != null) body.put("title", c.title());
            body.put("text", c.text());
            body.put("tags", c.tags());
            body.put("images", c.images());
            body.put("aiGenerated", c.aiDeclared());
            messages.add(new Outbox.Message(
                    topic,
                    c.authorId(),
                    DecisionEvents.json(body),
                    Map.of(DecisionEvents.CONTENT_ID_HEADER, Long.toString(c.id()))));
        }
        return h -> outbox.enqueue(h, messages);
    }
}
