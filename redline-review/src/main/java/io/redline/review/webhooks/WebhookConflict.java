package io.redline.review.webhooks;

/** The delivery exists but its state does not allow the request (HTTP 409); the message says what it is in. */
public final class WebhookConflict extends RuntimeException {
    public WebhookConflict(String message) {
        super(message);
    }
}
