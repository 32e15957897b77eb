package io.redline.server.http;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.security.RouteRole;
import io.redline.identity.Role;
import java.util.EnumSet;
import java.util.Set;

/**
 * One HTTP route and who may call it. The route table is the single source for registration,
 * access control, the OpenAPI check and the role-matrix test. An endpoint is also its own
 * Javalin {@link RouteRole}, so the access check finds it on the matched route.
 *
 * @param roles empty means public (no token needed)
 */
public record Endpoint(HandlerType method, String path, Set<Role> roles, String summary, Handler handler)
        implements RoutePath {

    public static Endpoint open(HandlerType method, String path, String summary, Handler handler) {
        return new Endpoint(method, path, Set.of(), summary, handler);
    }

    public static Endpoint of(HandlerType method, String path, Set<Role> roles, String summary, Handler handler) {
        if (roles.isEmpty())
            throw new IllegalArgumentException("a protected endpoint needs at least one role: " + path);
        return new Endpoint(method, path, Set.copyOf(roles), summary, handler);
    }

    public boolean isPublic() {
        return roles.isEmpty();
    }

    /** Every role, for routes any authenticated caller may use. */
    public static Set<Role> anyRole() {
        return EnumSet.allOf(Role.class);
    }

    /** This route's OpenAPI {@code operationId}, derived from the method and path (see {@link #operationId(HandlerType, String)}). */
    public String operationId() {
        return operationId(method, path);
    }

    /**
     * A stable, unique name for a route, so generated clients get usable method names and the
     * document cannot drift from the table: the method, then each path word capitalised, without
     * the {@code v1} prefix; {@code {id}} becomes {@code ById}; {@code :batch} becomes {@code Batch}.
     * {@code POST /v1/contents:batch} is {@code postContentsBatch}, {@code GET /v1/contents/{id}}
     * is {@code getContentsById}.
     */
    public static String operationId(HandlerType method, String path) {
        StringBuilder id = new StringBuilder(method.name().toLowerCase(java.util.Locale.ROOT));
        String rest = path.startsWith("/v1/") ? path.substring(3) : path;
        if (rest.equals("/")) return id.append("Root").toString();
        for (String segment : rest.split("[/:]")) {
            if (segment.isEmpty()) continue;
            boolean parameter = segment.startsWith("{") && segment.endsWith("}");
            if (parameter) {
                id.append("By");
                segment = segment.substring(1, segment.length() - 1);
            }
            for (String word : segment.split("[^A-Za-z0-9]+")) {
                if (!word.isEmpty())
                    id.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return id.toString();
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
