package io.redline.review.webhooks;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A receiver of webhooks: where to POST, the secret that signs each request, and which events it wants.
 *
 * @param name   stable identifier stored with each delivery ({@code [a-z][a-z0-9_-]{0,63}}); the URL and secret are
 *               looked up by it at delivery time
 * @param secret HMAC-SHA256 key, {@value #SECRET_CHARS_MIN}..{@value #SECRET_CHARS_MAX} characters; never logged or listed
 */
public record WebhookSubscription(String name, URI url, String secret, Set<EventType> events) {
    public static final int SECRET_CHARS_MIN = 16;
    public static final int SECRET_CHARS_MAX = 512;
    public static final int URL_CHARS_MAX = 2_048;
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

    public WebhookSubscription {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("webhook name '" + name + "' must match " + NAME);
        }
        Objects.requireNonNull(url, "url");
        requireHttpUrl(url);
        if (secret == null || secret.length() < SECRET_CHARS_MIN || secret.length() > SECRET_CHARS_MAX) {
            throw new IllegalArgumentException("the secret of webhook '" + name + "' must have " + SECRET_CHARS_MIN
                    + ".." + SECRET_CHARS_MAX + " characters" + (secret == null ? "" : ", it has " + secret.length()));
        }
        if (events == null || events.isEmpty())
            throw new IllegalArgumentException("webhook '" + name + "' must want at least one event");
        events = Set.copyOf(events);
    }

    /** Every event type. */
    public static WebhookSubscription of(String name, String url, String secret) {
        return new WebhookSubscription(name, parseUrl(url), secret, Set.of(EventType.values()));
    }

    public boolean wants(EventType type) {
        return events.contains(type);
    }

    /**
     * An absolute {@code http} or {@code https} URL with a host and no credentials (deliveries are authenticated
     * by their signature; a password in a URL would end up in logs).
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static URI parseUrl(String url) {
        if (url == null || url.isBlank()) throw new IllegalArgumentException("a webhook needs a url");
        if (url.length() > URL_CHARS_MAX)
            throw new IllegalArgumentException("a webhook url has at most " + URL_CHARS_MAX + " characters");
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("webhook url '" + url + "' does not parse: " + e.getMessage());
        }
        requireHttpUrl(uri);
        return uri;
    }

    private static void requireHttpUrl(URI uri) {
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException("webhook url '" + uri + "' must start with http:// or https://");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("webhook url '" + uri + "' has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(
                    "webhook url '" + uri.getHost() + "' must not carry credentials; receivers check the signature");
        }
        if (uri.getRawFragment() != null)
            throw new IllegalArgumentException("webhook url '" + uri + "' must not have a #fragment");
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "WebhookSubscription[name=" + name + ", url=" + url + ", secret=***, events=" + events + "]";
    }
}
