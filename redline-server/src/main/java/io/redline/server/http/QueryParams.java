package io.redline.server.http;

import io.javalin.http.Context;
import io.redline.vocabulary.AsciiDecimal;

/** Query parameters shared by the listing routes, refused with a 400 problem that says what is allowed. */
final class QueryParams {
    private QueryParams() {}

    /** {@code ?limit=}: {@code dflt} when absent, else a number from 1 to {@code max}. */
    static int limit(Context ctx, int dflt, int max) {
        String raw = ctx.queryParam("limit");
        if (raw == null) return dflt;
        long limit = AsciiDecimal.parse(raw).orElse(-1); // never an int cast: 4294967346 must not wrap to 50
        if (limit < 1 || limit > max) throw ApiException.badRequest("limit must be a number from 1 to " + max);
        return (int) limit;
    }
}
