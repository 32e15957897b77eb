package io.redline.review.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WebhookSubscriptionTest {
    private static final String SECRET = "0123456789abcdef";

    @Test
    void onlyHttpAndHttpsUrlsWithAHostAndNoCredentials() {
        assertThat(WebhookSubscription.of("platform", "https://hooks.example.com/redline?x=1", SECRET)
                        .url()
                        .getHost())
                .isEqualTo("hooks.example.com");
        assertThat(WebhookSubscription.of("local", "http://127.0.0.1:9000/hook", SECRET)
                        .url()
                        .getPort())
                .isEqualTo(9000);
        assertThatThrownBy(() -> WebhookSubscription.of("p", "ftp://hooks.example.com/", SECRET))
                .hasMessageContaining("http:// or https://");
        assertThatThrownBy(() -> WebhookSubscription.of("p", "hooks.example.com/in", SECRET))
                .hasMessageContaining("http:// or https://");
        assertThatThrownBy(() -> WebhookSubscription.of("p", "https:///in", SECRET))
                .hasMessageContaining("no host");
        assertThatThrownBy(() -> WebhookSubscription.of("p", "https://user:pw@hooks.example.com/", SECRET))
                .hasMessageContaining("credentials")
                .hasMessageNotContaining("pw");
        assertThatThrownBy(() -> WebhookSubscription.of("p", "https://exa mple.com/", SECRET))
                .hasMessageContaining("does not parse");
    }

    @Test
    void secretsAreLongEnoughAndNeverPrinted() {
        assertThatThrownBy(() -> WebhookSubscription.of("p", "https://h.example/", "short"))
                .hasMessageContaining("16..512 characters, it has 5")
                .hasMessageNotContaining("short");
        WebhookSubscription s = WebhookSubscription.of("p", "https://h.example/", SECRET);
        assertThat(s.toString()).doesNotContain(SECRET).contains("secret=***");
    }

    @Test
    void namesAndEventsAreChecked() {
        assertThatThrownBy(() -> WebhookSubscription.of("Platform One", "https://h.example/", SECRET))
                .hasMessageContaining("must match");
        assertThatThrownBy(() -> new WebhookSubscription("p", URI.create("https://h.example/"), SECRET, Set.of()))
                .hasMessageContaining("at least one event");
        assertThat(EventType.fromCode("appeal.resolved")).isEqualTo(EventType.APPEAL_RESOLVED);
        assertThatThrownBy(() -> EventType.fromCode("decision.made"))
                .hasMessageContaining("decision.final, appeal.resolved");
    }
}
