package io.redline.server.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.redline.identity.Role;
import io.redline.text.Hit;
import io.redline.text.ScreenerHolder;
import io.redline.text.Screening;
import java.util.EnumSet;
import java.util.List;

/** {@code POST /v1/screen}: run the text engine on a text without storing anything. */
public final class ScreenEndpoints {
    private final ScreenerHolder screener;
    private final Bodies bodies;
    private final int textCharsMax;
    private final ComputePool screening;

    public ScreenEndpoints(ScreenerHolder screener, Bodies bodies, int textCharsMax, ComputePool screening) {
        this.screener = screener;
        this.bodies = bodies;
        this.textCharsMax = textCharsMax;
        this.screening = screening;
    }

    public List<Endpoint> endpoints() {
        return List.of(Endpoint.of(
                HandlerType.POST,
                "/v1/screen",
                EnumSet.of(Role.ADMIN, Role.SERVICE, Role.POLICY_EDITOR, Role.REVIEWER),
                "Screen a text with the engine (nothing is stored)",
                this::screen));
    }

    record ScreenBody(String text) {}

    /** One hit, as the CLI prints it too: offsets are UTF-16 indices into the text sent, end exclusive. */
    public record HitView(
            String detector, String category, int severity, int start, int end, String term, String normalized) {
        public static HitView of(Hit h) {
            return new HitView(h.detector(), h.category(), h.severity(), h.start(), h.end(), h.term(), h.normalized());
        }
    }

    record ScreenView(int riskScore, List<HitView> hits, String engineVersion) {}

    private void screen(Context ctx) {
        ScreenBody body = bodies.json(ctx, ScreenBody.class);
        if (body.text() == null) throw ApiException.unprocessable("field 'text' is required");
        if (body.text().length() > textCharsMax) {
            throw ApiException.unprocessable(
                    "text is " + body.text().length() + " characters; the limit is " + textCharsMax);
        }
        var current = screener.current();
        Screening s = screening.call(HttpApi.principal(ctx).tokenId(), () -> current.screen(body.text()));
        ctx.json(
                new ScreenView(s.riskScore(), s.hits().stream().map(HitView::of).toList(), current.version()));
    }
}
