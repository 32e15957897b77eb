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
public record Endpoint(HandlerType method, String path, Set<Role> roles, String summary, Handler handler) implements RoutePath {

    public static Endpoint open(HandlerType method, String path, String summary, Handler handler) {
        return new Endpoint(method, path, Set.of(), summary, handler);
    }

    public static Endpoint of(HandlerType method, String path, Set<Role> roles, String summary, Handler handler) {
        if (roles.isEmpty()) throw new IllegalArgumentException("a protected endpoint needs at least one role: " + path);
        return new Endpoint(method, path, Set.copyOf(roles), summary, handler);
    }

    public boolean isPublic() {
        return roles.isEmpty();
    }

    /** Every role, for routes any authenticated caller may use. */
    public static Set<Role> anyRole() {
        return EnumSet.allOf(Role.class);
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
