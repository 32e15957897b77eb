package io.redline.rights.consent;

import java.time.Instant;

/**
 * The consent in force for an item (or a creator's default) at a time, and where it comes from.
 *
 * @param recordId the history row that decided it; null when nothing was ever recorded (the default, denied)
 * @param source   {@code item} (the item's override), {@code creator} (the creator's default),
 *                 {@code default} (nothing recorded), {@code original} (inherited: the item is a
 *                 copy and its original allows less), {@code licence_expired}
 * @param copyOf   the original this item copies, when linked
 */
public record Consent(
        String itemId,
        String authorId,
        ConsentState state,
        String source,
        Long recordId,
        String licenceTerms,
        Instant licenceExpiresAt,
        String copyOf,
        Instant at) {

    public boolean trainable() {
        return state != ConsentState.DENIED;
    }
}
