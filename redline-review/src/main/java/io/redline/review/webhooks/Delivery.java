package io.redline.review.webhooks;

import java.time.Instant;

/**
 * One event's delivery to one subscription, as the admin listing shows it. Carries no secret and no URL
 * (both stay in configuration).
 *
 * @param attempts      attempts made so far (reset to 0 by an admin retry)
 * @param nextAttemptAt when a pending delivery is due; null once delivered or failed
 * @param lastStatus    HTTP status of the last attempt; null when it got no response or none was made
 * @param payload       the JSON body sent, byte for byte
 */
public record Delivery(
        long id,
        long eventId,
        EventType eventType,
        String subscription,
        long contentId,
        DeliveryState state,
        int attempts,
        Instant createdAt,
        Instant nextAttemptAt,
        Instant lastAttemptAt,
        Integer lastStatus,
        String lastError,
        Instant deliveredAt,
        String payload) {}
