package io.redline.server.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.redline.identity.IssuedToken;
import io.redline.identity.Principal;
import io.redline.identity.Role;
import io.redline.identity.TokenInfo;
import io.redline.identity.TokenRequest;
import io.redline.server.admin.TokenAdmin;
import java.util.EnumSet;
import java.util.List;

/** {@code /v1/tokens} (admin only) and {@code /v1/me} (any token). */
public final class TokenEndpoints {
    private final TokenAdmin admin;
    private final Bodies bodies;

    public TokenEndpoints(TokenAdmin admin, Bodies bodies) {
        this.admin = admin;
        this.bodies = bodies;
    }

    public List<Endpoint> endpoints() {
        var admin = EnumSet.of(Role.ADMIN);
        return List.of(
                Endpoint.of(
                        HandlerType.POST,
                        "/v1/tokens",
                        admin,
                        "Create an API token (the secret is returned once)",
                        this::create),
                Endpoint.of(HandlerType.GET, "/v1/tokens", admin, "List API tokens (never their secrets)", this::list),
                Endpoint.of(HandlerType.DELETE, "/v1/tokens/{id}", admin, "Revoke an API token", this::revoke),
                Endpoint.of(
                        HandlerType.GET,
                        "/v1/me",
                        Endpoint.anyRole(),
                        "Who am I: the calling token's id, role and author",
                        this::me));
    }

    record CreateBody(String role, String authorId, String name) {}

    record TokenView(
            String id,
            String role,
            String authorId,
            String name,
            String createdBy,
            String createdAt,
            String revokedAt) {
        static TokenView of(TokenInfo t) {
            return new TokenView(
                    t.id(),
                    t.role().wireName(),
                    t.authorId(),
                    t.name(),
                    t.createdBy(),
                    t.createdAt().toString(),
                    t.revokedAt() == null ? null : t.revokedAt().toString());
        }
    }

    record IssuedView(TokenView token, String secret) {}

    record MeView(String tokenId, String role, String authorId, String name) {}

    private void create(Context ctx) {
        CreateBody body = bodies.json(ctx, CreateBody.class);
        Role role;
        try {
            role = body.role() == null ? null : Role.parse(body.role());
        } catch (IllegalArgumentException e) {
            throw ApiException.unprocessable(e.getMessage());
        }
        TokenRequest request = new TokenRequest(role, body.authorId(), body.name());
        String problem = request.problem();
        if (problem != null) throw ApiException.unprocessable(problem);
        IssuedToken issued = admin.issue(request, HttpApi.principal(ctx));
        ctx.status(201)
                .header("Cache-Control", "no-store")
                .json(new IssuedView(TokenView.of(issued.info()), issued.secret()));
    }

    private void list(Context ctx) {
        ctx.json(admin.tokens().list().stream().map(TokenView::of).toList());
    }

    private void revoke(Context ctx) {
        String id = ctx.pathParam("id");
        boolean revoked = admin.revoke(id, HttpApi.principal(ctx));
        if (!revoked) throw ApiException.notFound("no active token with id " + id);
        ctx.status(204);
    }

    private void me(Context ctx) {
        Principal p = HttpApi.principal(ctx);
        ctx.json(new MeView(p.tokenId(), p.role().wireName(), p.authorId(), p.name()));
    }
}
