package io.redline.server.console;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.redline.identity.Role;
import io.redline.server.http.RoutePath;
import java.util.Set;

/**
 * One console page or form action and who may use it: the console's counterpart of the API's
 * {@code Endpoint}. Being a Javalin {@code RouteRole}, the console's access check finds it on the
 * matched route, so a page cannot be registered without saying who may see it.
 *
 * @param roles empty means the page is public (login, static files)
 */
public record ConsoleRoute(HandlerType method, String path, Set<Role> roles, Handler handler) implements RoutePath {
    public ConsoleRoute {
        roles = Set.copyOf(roles);
    }

    public static ConsoleRoute open(HandlerType method, String path, Handler handler) {
        return new ConsoleRoute(method, path, Set.of(), handler);
    }

    public static ConsoleRoute of(HandlerType method, String path, Set<Role> roles, Handler handler) {
        if (roles.isEmpty())
            throw new IllegalArgumentException("a protected console route needs at least one role: " + path);
        return new ConsoleRoute(method, path, roles, handler);
    }

    public boolean isPublic() {
        return roles.isEmpty();
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
