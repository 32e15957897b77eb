package io.redline.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.redline.identity.Role;
import io.redline.review.webhooks.Delivery;
import io.redline.review.webhooks.DeliveryState;
import io.redline.review.webhooks.WebhookConflict;
import io.redline.review.webhooks.Webhooks;
import io.redline.vocabulary.AsciiDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Webhook deliveries for admins: list them by state (never a secret or a receiver URL) and put a
 * dead letter back in line. Delivery itself runs in the background ({@code WebhookDispatcher}).
 */
public final class WebhookEndpoints {
    static final Set<Role> ADMIN = EnumSet.of(Role.ADMIN);
    static final int LIMIT_DEFAULT = 50;

    private final Webhooks webhooks;
    private final ObjectMapper json;

    public WebhookEndpoints(Webhooks webhooks, ObjectMapper json) {
        this.webhooks = webhooks;
        this.json = json;
    }

    public List<Endpoint> endpoints() {
        return Stream.of(
                        Endpoint.of(
                                HandlerType.GET,
                                "/v1/webhooks/deliveries",
                                ADMIN,
                                "Webhook deliveries, newest first (never their secrets)",
                                this::list),
                        Endpoint.of(
                                HandlerType.POST,
                                "/v1/webhooks/deliveries/{id}/retry",
                                ADMIN,
                                "Retry a failed webhook delivery now (audited)",
                                this::retry))
                .map(e -> new Endpoint(e.method(), e.path(), e.roles(), e.summary(), clientErrors(e.handler())))
                .toList();
    }

    private static Handler clientErrors(Handler h) {
        return ctx -> {
            try {
                h.handle(ctx);
            } catch (WebhookConflict e) {
                throw new ApiException(409, "Conflict", e.getMessage());
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage());
            }
        };
    }

    /** A delivery as admins see it: ids as strings, the payload as the JSON object that was sent. */
    record DeliveryView(
            String id,
            String eventId,
            String eventType,
            String subscription,
            String contentId,
            String state,
            int attempts,
            String createdAt,
            String nextAttemptAt,
            String lastAttemptAt,
            Integer lastStatus,
            String lastError,
            String deliveredAt,
            JsonNode payload) {}

    private DeliveryView view(Delivery d) {
        JsonNode payload;
        try {
            payload = json.readTree(d.payload());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("delivery " + d.id() + " holds a payload that is not JSON", e);
        }
        return new DeliveryView(
                Long.toString(d.id()),
                Long.toString(d.eventId()),
                d.eventType().code(),
                d.subscription(),
                Long.toString(d.contentId()),
                d.state().code(),
                d.attempts(),
                str(d.createdAt()),
                str(d.nextAttemptAt()),
                str(d.lastAttemptAt()),
                d.lastStatus(),
                d.lastError(),
                str(d.deliveredAt()),
                payload);
    }

    private void list(Context ctx) {
        String stateParam = ctx.queryParam("state");
        DeliveryState state = stateParam == null ? null : DeliveryState.fromCode(stateParam);
        int limit = QueryParams.limit(ctx, LIMIT_DEFAULT, Webhooks.LIST_MAX);
        ctx.json(Map.of(
                "items",
                webhooks.deliveries(state, limit).stream().map(this::view).toList()));
    }

    private void retry(Context ctx) {
        String raw = ctx.pathParam("id");
        long id = AsciiDecimal.parse(raw)
                .orElseThrow(() -> ApiException.badRequest("'" + (raw.length() > 40 ? raw.substring(0, 40) + "…" : raw)
                        + "' is not a delivery id; ids are positive decimal numbers sent as strings"));
        ctx.json(view(webhooks.retry(id, HttpApi.principal(ctx))));
    }

    private static String str(Instant t) {
        return t == null ? null : t.toString();
    }
}
