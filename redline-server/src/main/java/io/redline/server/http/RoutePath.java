package io.redline.server.http;

import io.javalin.security.RouteRole;

/** A route registered with its template (an API {@link Endpoint} or a console page): metrics label requests by it. */
public interface RoutePath extends RouteRole {
    String path();
}
