package io.redline.server.console;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.SameSite;
import io.javalin.security.RouteRole;
import io.redline.audit.AuditLog;
import io.redline.identity.ConsoleSession;
import io.redline.identity.ConsoleSessions;
import io.redline.identity.Principal;
import io.redline.identity.Role;
import io.redline.identity.Tokens;
import io.redline.identity.Users;
import io.redline.server.admin.Actors;
import io.redline.server.http.ComputePool;
import io.redline.server.http.ErrorStatus;
import io.redline.server.http.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reviewer console: server-rendered pages under {@code /console}, in English and Simplified
 * Chinese. This class owns what every page shares — sign-in (API token or username and
 * password), the session cookie, CSRF checks, security headers, role checks and error pages —
 * and registers the page groups ({@link ReviewPages}, {@link OversightPages},
 * {@link CreatorPages}).
 *
 * <p>Defence in depth against hostile content: templates escape every value (jte's Html mode);
 * the Content-Security-Policy allows scripts, styles and images from this origin only, so an
 * injected tag could neither run nor load anything; the session cookie is HttpOnly and
 * SameSite=Strict; and every form post carries the session's CSRF token, compared in constant
 * time. The sign-in form, which has no session yet, uses a double-submit cookie instead.
 */
public final class Console {
    private static final Logger log = LoggerFactory.getLogger("redline.console");
    public static final String SESSION_COOKIE = "redline_session";
    static final String LOGIN_COOKIE = "redline_login";
    static final String LANG_COOKIE = "redline_lang";
    static final String CSRF_FIELD = "_csrf";
    private static final String STATIC_PREFIX = "/console/static/";
    private static final String VIEW = "redline.console.view";
    private static final String SESSION = "redline.console.session";
    /** No '%' in the path: nothing may decode into a dot segment after the check (/console/%2e%2e/v1/tokens). */
    private static final Pattern SAFE_NEXT_PATH = Pattern.compile("/console(/[A-Za-z0-9_\\-.]*)*");

    private static final Pattern SAFE_NEXT_QUERY = Pattern.compile("[A-Za-z0-9_\\-.=&%/:+,~]*");
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final Map<String, String> STATIC =
            Map.of("console.css", "text/css; charset=utf-8", "console.js", "text/javascript; charset=utf-8");

    private final boolean secureCookies;
    private final ConsoleSessions sessions;
    private final Tokens tokens;
    private final Users users;
    private final AuditLog audit;
    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
    private final SecureRandom random = new SecureRandom();
    /** Password checks run here, bounded, off the HTTP carriers; a sign-in beyond its bound is a 503 page. */
    private final ComputePool passwordWork;

    private final List<ConsoleRoute> routes = new ArrayList<>();
    private final Map<String, byte[]> staticFiles = new HashMap<>();

    /** @param secureCookies mark cookies Secure whatever the request's scheme (behind a TLS-terminating proxy) */
    public Console(
            ConsoleSessions sessions,
            Tokens tokens,
            Users users,
            AuditLog audit,
            boolean secureCookies,
            ComputePool passwordWork) {
        this.secureCookies = secureCookies;
        this.passwordWork = passwordWork;
        this.sessions = sessions;
        this.tokens = tokens;
        this.users = users;
        this.audit = audit;
        for (String name : STATIC.keySet()) staticFiles.put(name, resource("console/static/" + name));
        routes.add(ConsoleRoute.open(HandlerType.GET, "/console", this::home));
        routes.add(ConsoleRoute.open(HandlerType.GET, "/console/login", this::loginPage));
        routes.add(ConsoleRoute.open(HandlerType.POST, "/console/login", this::login));
        routes.add(ConsoleRoute.open(HandlerType.GET, "/console/lang/{lang}", this::language));
        routes.add(ConsoleRoute.open(HandlerType.GET, STATIC_PREFIX + "{file}", this::staticFile));
        routes.add(ConsoleRoute.of(
                HandlerType.POST, "/console/logout", java.util.EnumSet.allOf(Role.class), this::logout));
    }

    /** Adds a page group's routes. */
    public Console with(List<ConsoleRoute> pages) {
        routes.addAll(pages);
        return this;
    }

    public List<ConsoleRoute> routes() {
        return List.copyOf(routes);
    }

    public void register(Javalin app) {
        app.beforeMatched(this::access);
        for (ConsoleRoute r : routes) app.addHttpHandler(r.method(), r.path(), pageErrors(r.handler()), r);
        // Registered last, so it only answers console paths no page matched: a page, not the API's problem+json.
        ConsoleRoute unknown = ConsoleRoute.open(
                HandlerType.GET,
                "/console/<rest>",
                ctx -> renderError(ctx, 404, view(ctx).t("error.noPage")));
        app.addHttpHandler(unknown.method(), unknown.path(), unknown.handler(), unknown);
    }

    // ---------------------------------------------------------------- access

    private void access(Context ctx) {
        ConsoleRoute route = routeOf(ctx);
        if (route == null) return;
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("X-Frame-Options", "DENY");
        if (route.path().startsWith(STATIC_PREFIX)) return; // no session lookup for a stylesheet
        Messages messages = Messages.of(Messages.choose(ctx.cookie(LANG_COOKIE), ctx.header("Accept-Language")));
        Optional<ConsoleSession> session =
                Optional.ofNullable(ctx.cookie(SESSION_COOKIE)).flatMap(sessions::find);
        String flash = ctx.queryParam("flash");
        if (flash != null && !flash.matches("[a-z_]{1,40}")) flash = null;
        View view = new View(
                messages,
                session.map(ConsoleSession::principal).orElse(null),
                session.map(ConsoleSession::csrfToken).orElse(null),
                ctx.path(),
                flash,
                actorNames());
        ctx.attribute(VIEW, view);
        session.ifPresent(s -> ctx.attribute(SESSION, s));
        if (route.isPublic()) return;
        if (session.isEmpty()) {
            if (ctx.method() == HandlerType.GET) {
                ctx.redirect("/console/login?next="
                        + java.net.URLEncoder.encode(pathWithQuery(ctx), StandardCharsets.UTF_8));
            } else {
                renderError(ctx, 401, view.t("error.signedOut"));
            }
            ctx.skipRemainingHandlers();
            return;
        }
        if (ctx.method() == HandlerType.POST && !session.get().csrfMatches(ctx.formParam(CSRF_FIELD))) {
            log.atWarn()
                    .addKeyValue("path", ctx.path())
                    .addKeyValue("session", session.get().id())
                    .log("console form without a valid CSRF token");
            renderError(ctx, 403, view.t("error.csrf"));
            ctx.skipRemainingHandlers();
            return;
        }
        if (!route.roles().contains(session.get().principal().role())) {
            renderError(
                    ctx,
                    403,
                    view.t("error.role", session.get().principal().role().wireName()));
            ctx.skipRemainingHandlers();
        }
    }

    private static ConsoleRoute routeOf(Context ctx) {
        for (RouteRole role : ctx.routeRoles()) {
            if (role instanceof ConsoleRoute r) return r;
        }
        return null;
    }

    private static String pathWithQuery(Context ctx) {
        return ctx.queryString() == null ? ctx.path() : ctx.path() + "?" + ctx.queryString();
    }

    /**
     * Names for the actor ids pages show (reviewers, policy authors, audit actors), each looked up
     * at most once per page: a console user's display name or username, a token's name.
     */
    private java.util.function.Function<String, String> actorNames() {
        Map<String, String> seen = new HashMap<>();
        return id -> seen.computeIfAbsent(id, k -> {
            if (k.startsWith("usr_"))
                return users.find(k)
                        .map(u -> u.displayName() == null || u.displayName().isBlank() ? u.username() : u.displayName())
                        .orElse(k);
            if (k.startsWith("tok_"))
                return tokens.find(k).map(io.redline.identity.TokenInfo::name).orElse(k);
            return k;
        });
    }

    /** The sign-in form's double-submit check (no session yet): the form field must equal the cookie, compared in constant time. */
    static boolean sameToken(String given, String expected) {
        if (given == null || expected == null) return false;
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    /** The signed-in principal of a protected page. */
    static Principal principal(Context ctx) {
        ConsoleSession s = ctx.attribute(SESSION);
        if (s == null) throw new IllegalStateException("no console session on a protected route: " + ctx.path());
        return s.principal();
    }

    static View view(Context ctx) {
        return ctx.attribute(VIEW);
    }

    // ---------------------------------------------------------------- rendering

    /** Renders {@code console/<name>.jte} with the request's {@link View} as {@code v} plus the given parameters. */
    void render(Context ctx, String name, Map<String, Object> params) {
        Map<String, Object> all = new HashMap<>(params);
        all.put("v", view(ctx));
        StringOutput out = new StringOutput();
        templates.render("console/" + name + ".jte", all, out);
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("text/html; charset=utf-8").result(out.toString());
    }

    Handler renderer(String name) {
        return ctx -> render(ctx, name, Map.of());
    }

    void renderError(Context ctx, int status, String message) {
        ctx.status(status);
        render(ctx, "error", Map.of("status", status, "message", message == null ? "" : message));
    }

    /** Page handlers report failures as HTML pages, never as the API's problem+json. */
    private Handler pageErrors(Handler h) {
        return ctx -> {
            try {
                h.handle(ctx);
            } catch (PageException e) {
                renderError(ctx, e.status, e.getMessage());
            } catch (Exception e) {
                // The API's table (ErrorStatus): one mapping, rendered here as a page instead of problem+json.
                // An exception missing from it is a server error, still shown as a page.
                Problem p = ErrorStatus.problemOf(e).orElse(null);
                if (p == null) {
                    LoggerFactory.getLogger(Console.class)
                            .atError()
                            .setCause(e)
                            .addKeyValue("path", ctx.path())
                            .log("unhandled console error");
                    renderError(ctx, 500, "an unexpected error occurred; it has been logged");
                    return;
                }
                ErrorStatus.retryAfterSeconds(e).ifPresent(s -> ctx.header("Retry-After", Integer.toString(s)));
                renderError(ctx, p.status(), p.detail());
            }
        };
    }

    /** A page-level client error with a message for the reviewer. */
    static final class PageException extends RuntimeException {
        final int status;

        PageException(int status, String message) {
            super(message);
            this.status = status;
        }

        static PageException notFound(String message) {
            return new PageException(404, message);
        }
    }

    // ---------------------------------------------------------------- sign-in

    private void home(Context ctx) {
        View v = view(ctx);
        if (!v.signedIn()) ctx.redirect("/console/login");
        else ctx.redirect(homeOf(v.who()));
    }

    static String homeOf(Principal p) {
        return switch (p.role()) {
            case CREATOR, SERVICE -> "/console/mine";
            case REVIEWER -> "/console/queues";
            default -> "/console/dashboard";
        };
    }

    private void loginPage(Context ctx) {
        String formToken = randomToken();
        ctx.cookie(cookie(ctx, LOGIN_COOKIE, formToken, 600));
        ctx.status(ctx.queryParam("failed") != null ? 401 : 200);
        render(
                ctx,
                "login",
                Map.of(
                        "formToken",
                        formToken,
                        "next",
                        safeNext(ctx.queryParam("next")),
                        "failed",
                        ctx.queryParam("failed") != null));
    }

    private void login(Context ctx) {
        View v = view(ctx);
        if (!sameToken(ctx.formParam(CSRF_FIELD), ctx.cookie(LOGIN_COOKIE))) {
            renderError(ctx, 403, v.t("error.csrf"));
            return;
        }
        String next = safeNext(ctx.formParam("next"));
        Optional<Principal> who;
        String how;
        String token = ctx.formParam("token");
        if (token != null && !token.isBlank()) {
            who = tokens.authenticate(token.trim());
            how = "token";
        } else {
            String username = ctx.formParam("username");
            String password = ctx.formParam("password");
            if (username == null || password == null || username.isBlank()) {
                who = Optional.empty();
            } else {
                // Every password check costs a deliberate ~0.15 s of CPU, even for unknown names: without a bound,
                // a flood of sign-ins would starve everything else. People retry; scripts get told when.
                try {
                    // Failures lock the username out for this address only: a stranger cannot lock its owner out.
                    String client = ctx.ip();
                    who = passwordWork.call(
                            client, () -> users.authenticate(username.trim(), password.toCharArray(), client));
                } catch (ComputePool.Busy e) {
                    ctx.header("Retry-After", Integer.toString(e.retryAfterSeconds()));
                    renderError(ctx, 503, v.t("login.busy"));
                    return;
                }
            }
            how = "password";
        }
        if (who.isEmpty()) {
            log.atInfo().addKeyValue("how", how).log("console sign-in refused");
            ctx.redirect("/console/login?failed=1"
                    + (next.isEmpty() ? "" : "&next=" + java.net.URLEncoder.encode(next, StandardCharsets.UTF_8)));
            return;
        }
        // Signing in again replaces this browser's session: the old secret stops working (no stale or fixated session).
        String previous = ctx.cookie(SESSION_COOKIE);
        if (previous != null) sessions.end(previous);
        ConsoleSessions.Issued issued = sessions.create(who.get());
        audit.append(Actors.event(
                who.get(), "console.login", "session", issued.session().id(), Map.of("method", how)));
        ctx.removeCookie(LOGIN_COOKIE, "/console");
        ctx.cookie(cookie(ctx, SESSION_COOKIE, issued.secret(), -1));
        ctx.redirect(next.isEmpty() ? homeOf(who.get()) : next);
    }

    private void logout(Context ctx) {
        ConsoleSession s = ctx.attribute(SESSION);
        String secret = ctx.cookie(SESSION_COOKIE);
        if (secret != null) sessions.end(secret);
        if (s != null) audit.append(Actors.event(s.principal(), "console.logout", "session", s.id(), Map.of()));
        ctx.removeCookie(SESSION_COOKIE, "/console");
        ctx.redirect("/console/login");
    }

    private void language(Context ctx) {
        String lang = ctx.pathParam("lang");
        if (!Messages.LANGUAGES.contains(lang)) throw new PageException(404, "no console language '" + lang + "'");
        ctx.cookie(cookie(ctx, LANG_COOKIE, lang, 365 * 24 * 3600));
        ctx.redirect(safeNext(ctx.queryParam("next")).isEmpty() ? "/console" : safeNext(ctx.queryParam("next")));
    }

    private void staticFile(Context ctx) {
        String name = ctx.pathParam("file");
        byte[] bytes = staticFiles.get(name);
        if (bytes == null) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("no static file " + name);
            return;
        }
        ctx.header("Cache-Control", "max-age=300");
        ctx.contentType(STATIC.get(name)).result(bytes);
    }

    /** Only console paths on this origin: an open redirect through the sign-in form is a phishing tool. */
    static String safeNext(String next) {
        if (next == null || next.length() > 2_000) return "";
        int q = next.indexOf('?');
        String path = q < 0 ? next : next.substring(0, q);
        if (!SAFE_NEXT_PATH.matcher(path).matches() || path.contains("//")) return "";
        for (String segment : path.split("/")) {
            if (segment.equals(".") || segment.equals("..")) return "";
        }
        if (q >= 0 && !SAFE_NEXT_QUERY.matcher(next.substring(q + 1)).matches()) return "";
        return next;
    }

    private Cookie cookie(Context ctx, String name, String value, int maxAgeSeconds) {
        boolean secure = secureCookies || "https".equals(ctx.scheme());
        return new Cookie(name, value, "/console", maxAgeSeconds, secure, 0, true, null, null, SameSite.STRICT);
    }

    private String randomToken() {
        byte[] b = new byte[24];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static byte[] resource(String path) {
        try (InputStream in = Console.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("missing console resource " + path);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
