package io.redline.server.http;

import io.redline.decision.DecisionException;
import io.redline.intake.IntakeException;
import io.redline.review.ReviewException;
import io.redline.review.tasks.TaskConflict;
import io.redline.review.webhooks.WebhookConflict;
import io.redline.store.GroupCommit;
import java.util.Optional;
import org.jdbi.v3.core.ConnectionException;

/**
 * The one table from the exceptions capabilities throw to HTTP statuses: the API renders the
 * result as problem+json, the console as an HTML error page, so a case added here reaches both.
 * Anything not listed is a server error (500, logged).
 */
public final class ErrorStatus {
    private ErrorStatus() {}

    /** The problem a capability's exception means for the client, or empty for an unexpected error. */
    public static Optional<Problem> problemOf(Throwable e) {
        Problem p = switch (e) {
            case ApiException a -> a.problem(null);
            case IntakeException.Invalid i ->
                new Problem(
                        "about:blank",
                        "Unprocessable Content",
                        422,
                        i.getMessage(),
                        null,
                        i.errors().stream()
                                .map(f -> new Problem.FieldProblem(f.field(), f.message()))
                                .toList());
            case IntakeException.Conflict c -> Problem.of(409, "Conflict", c.getMessage());
            case IntakeException.Forbidden f -> Problem.of(403, "Forbidden", f.getMessage());
            case DecisionException.InvalidPolicy i ->
                new Problem(
                        "about:blank",
                        "Unprocessable Content",
                        422,
                        i.getMessage(),
                        null,
                        i.errors().stream().map(PolicyEndpoints::problem).toList());
            case DecisionException.NotFound n -> Problem.of(404, "Not Found", n.getMessage());
            case DecisionException.Forbidden f -> Problem.of(403, "Forbidden", f.getMessage());
            case ReviewException.NotFound n -> Problem.of(404, "Not Found", n.getMessage());
            case ReviewException.Forbidden f -> Problem.of(403, "Forbidden", f.getMessage());
            case ReviewException.TooMany t -> Problem.of(429, "Too Many Requests", t.getMessage());
            case ReviewException.NotDecidedYet n -> Problem.of(409, "Conflict", n.getMessage());
            case io.redline.rights.datasets.DatasetException.Invalid i ->
                Problem.of(422, "Unprocessable Content", i.getMessage());
            case io.redline.rights.datasets.DatasetException.Conflict c -> Problem.of(409, "Conflict", c.getMessage());
            case io.redline.rights.datasets.DatasetException.NotFound n -> Problem.of(404, "Not Found", n.getMessage());
            case io.redline.rights.datasets.DatasetException.Forbidden f ->
                Problem.of(403, "Forbidden", f.getMessage());
            case TaskConflict c -> Problem.of(409, "Conflict", c.getMessage());
            case WebhookConflict c -> Problem.of(409, "Conflict", c.getMessage());
            case GroupCommit.Overloaded o -> Problem.of(503, "Service Unavailable", o.getMessage());
            case ComputePool.Busy b -> Problem.of(503, "Service Unavailable", b.getMessage());
            case ConnectionException c -> Problem.of(503, "Service Unavailable", "storage is unavailable; retry later");
            // Capabilities refuse impossible requests (an unknown queue, a limit out of range) this way.
            case IllegalArgumentException i -> Problem.of(400, "Bad Request", i.getMessage());
            case Throwable t
            when storageUnavailable(t) -> Problem.of(503, "Service Unavailable", "storage is unavailable; retry later");
            default -> null;
        };
        return Optional.ofNullable(p);
    }

    /**
     * A write or read that failed because the database connection broke or the database is going
     * down (SQLSTATE class 08, connection exception; 57P, operator intervention: PostgreSQL
     * restarting or shutting down). Found by the soak suite: a PostgreSQL restart made in-flight
     * writes answer 500 though nothing was stored and a retry a second later succeeds.
     */
    static boolean storageUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLNonTransientConnectionException) return true;
            if (t instanceof java.sql.SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P")) return true;
            }
            // HikariCP's proxy of a connection the pool already evicted (a PostgreSQL restart broke
            // it under a running transaction) throws this with no SQLSTATE at all (HikariCP 6.3,
            // ProxyConnection.ClosedConnection); the soak suite saw it answer 500.
            if (t instanceof java.sql.SQLException s
                    && s.getSQLState() == null
                    && "Connection is closed".equals(s.getMessage())) return true;
        }
        return false;
    }

    /**
     * When the client should retry, for answers that carry {@code Retry-After}: a rate limit says
     * when its window frees up, a full compute pool how long its work takes, overload and storage
     * trouble a second.
     */
    public static java.util.OptionalInt retryAfterSeconds(Throwable e) {
        return switch (e) {
            case ReviewException.TooMany t ->
                java.util.OptionalInt.of((int) Math.min(Integer.MAX_VALUE, t.retryAfterSeconds()));
            case ComputePool.Busy b -> java.util.OptionalInt.of(b.retryAfterSeconds());
            case ReviewException.NotDecidedYet n ->
                java.util.OptionalInt.of(ReviewException.NotDecidedYet.RETRY_AFTER_SECONDS);
            default ->
                problemOf(e)
                        .filter(p -> p.status() == 503)
                        .map(p -> java.util.OptionalInt.of(1))
                        .orElse(java.util.OptionalInt.empty());
        };
    }
}
