package io.redline.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.redline.identity.Passwords;
import io.redline.identity.Role;
import io.redline.identity.UserInfo;
import io.redline.identity.UserRequest;
import io.redline.identity.Users;
import io.redline.server.admin.UserAdmin;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;

/** {@code /v1/users}: console users (people who sign in to the web console), admin only. */
public final class UserEndpoints {
    private final UserAdmin admin;
    private final Bodies bodies;
    private final ComputePool passwordWork;

    /** @param passwordWork where a new user's password is hashed: the sign-in pool, off the HTTP carriers */
    public UserEndpoints(UserAdmin admin, Bodies bodies, ComputePool passwordWork) {
        this.admin = admin;
        this.bodies = bodies;
        this.passwordWork = passwordWork;
    }

    public List<Endpoint> endpoints() {
        var admin = EnumSet.of(Role.ADMIN);
        return List.of(
                Endpoint.of(
                        HandlerType.POST,
                        "/v1/users",
                        admin,
                        "Create a console user (a generated password is returned once)",
                        this::create),
                Endpoint.of(
                        HandlerType.GET, "/v1/users", admin, "List console users (never their passwords)", this::list),
                Endpoint.of(
                        HandlerType.POST,
                        "/v1/users/{id}/disable",
                        admin,
                        "Disable a console user and end their sessions",
                        this::disable));
    }

    record CreateBody(String username, String role, String authorId, String displayName, String password) {}

    record UserView(
            String id,
            String username,
            String role,
            String authorId,
            String displayName,
            String createdBy,
            String createdAt,
            String disabledAt) {
        static UserView of(UserInfo u) {
            return new UserView(
                    u.id(),
                    u.username(),
                    u.role().wireName(),
                    u.authorId(),
                    u.displayName(),
                    u.createdBy(),
                    u.createdAt().toString(),
                    u.disabledAt() == null ? null : u.disabledAt().toString());
        }
    }

    /** {@code password} is present only when the server generated it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CreatedView(UserView user, String password) {}

    private void create(Context ctx) {
        CreateBody body = bodies.json(ctx, CreateBody.class);
        Role role;
        try {
            role = body.role() == null ? null : Role.parse(body.role());
        } catch (IllegalArgumentException e) {
            throw ApiException.unprocessable(e.getMessage());
        }
        UserRequest request = new UserRequest(body.username(), role, body.authorId(), body.displayName());
        String problem = request.problem();
        if (problem != null) throw ApiException.unprocessable(problem);
        String generated = body.password() == null ? Passwords.generate() : null;
        char[] password = (body.password() == null ? generated : body.password()).toCharArray();
        String passwordProblem = Passwords.problem(password);
        if (passwordProblem != null) throw ApiException.unprocessable(passwordProblem);
        UserInfo created;
        try {
            var by = HttpApi.principal(ctx);
            created = passwordWork.call(by.tokenId(), () -> admin.create(request, password, by));
        } catch (Users.UsernameTaken e) {
            throw new ApiException(409, "Conflict", e.getMessage());
        } finally {
            Arrays.fill(password, '\0');
        }
        ctx.status(201).header("Cache-Control", "no-store").json(new CreatedView(UserView.of(created), generated));
    }

    private void list(Context ctx) {
        ctx.json(admin.users().list().stream().map(UserView::of).toList());
    }

    private void disable(Context ctx) {
        String id = ctx.pathParam("id");
        if (!admin.disable(id, HttpApi.principal(ctx))) throw ApiException.notFound("no active user with id " + id);
        ctx.json(UserView.of(admin.users().find(id).orElseThrow()));
    }
}
