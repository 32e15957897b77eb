package io.redline.review.webhooks;

import java.util.Locale;

/** Where a delivery stands. {@code failed} is the dead letter: it stays until an admin retries it. */
public enum DeliveryState {
    /** Waiting for its next attempt (the first one is due at once). */
    PENDING,
    /** A 2xx answer was received. */
    DELIVERED,
    /** Every attempt up to the maximum failed; no more attempts until an admin retries it. */
    FAILED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException when the code is none of pending, delivered, failed */
    public static DeliveryState fromCode(String code) {
        for (DeliveryState s : values()) {
            if (s.code().equals(code)) return s;
        }
        throw new IllegalArgumentException("state must be pending, delivered or failed, was '" + code + "'");
    }
}
