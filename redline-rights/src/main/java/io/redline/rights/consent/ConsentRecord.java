package io.redline.rights.consent;

import java.time.Instant;

/**
 * One change in the consent history.
 *
 * @param itemId null for the creator's default
 * @param state  null when an item override was cleared (the item follows the default again)
 */
public record ConsentRecord(
        long id,
        String authorId,
        String itemId,
        ConsentState state,
        String licenceTerms,
        Instant licenceExpiresAt,
        Instant changedAt,
        String changedBy,
        String changedByRole,
        String surface) {}
