package io.redline.server.console;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.redline.gateway.ExchangeLog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Recent AI gateway exchanges with the gateway's decisions on prompt and output, for staff. */
public final class GatewayPages {
    static final int SHOWN = 100;

    private final Console console;
    private final ExchangeLog exchanges;

    public GatewayPages(Console console, ExchangeLog exchanges) {
        this.console = console;
        this.exchanges = exchanges;
    }

    public List<ConsoleRoute> routes() {
        return List.of(ConsoleRoute.of(HandlerType.GET, "/console/gateway", OversightPages.STAFF, this::recent));
    }

    private void recent(Context ctx) {
        String user = ctx.queryParam("user");
        user = user == null || user.isBlank() ? null : user.trim();
        if (user != null && user.length() > 128) throw new IllegalArgumentException("user is at most 128 characters");
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("user", user == null ? "" : user);
        model.put("rows", exchanges.recent(user, SHOWN));
        console.render(ctx, "gateway", model);
    }
}
