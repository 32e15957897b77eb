package io.redline.server.http;

import io.redline.decision.DecisionException;
import io.redline.intake.IntakeException;
import io.redline.review.ReviewException;
import io.redline.review.tasks.TaskConflict;
import io.redline.review.webhooks.WebhookConflict;
import io.redline.store.GroupCommit;
import org.jdbi.v3.core.ConnectionException;

import java.util.Optional;

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
            case IntakeException.Invalid i -> new Problem("about:blank", "Unprocessable Content", 422, i.getMessage(), null,
                    i.errors().stream().map(f -> new Problem.FieldProblem(f.field(), f.message())).toList());
            case IntakeException.Conflict c -> Problem.of(409, "Conflict", c.getMessage());
            case IntakeException.Forbidden f -> Problem.of(403, "Forbidden", f.getMessage());
            case DecisionException.InvalidPolicy i -> new Problem("about:blank", "Unprocessable Content", 422, i.getMessage(), null,
                    i.errors().stream().map(PolicyEndpoints::problem).toList());
            case DecisionException.NotFound n -> Problem.of(404, "Not Found", n.getMessage());
            case DecisionException.Forbidden f -> Problem.of(403, "Forbidden", f.getMessage());
            case ReviewException.NotFound n -> Problem.of(404, "Not Found", n.getMessage());
            case ReviewException.Forbidden f -> Problem.of(403, "Forbidden", f.getMessage());
            case TaskConflict c -> Problem.of(409, "Conflict", c.getMessage());
            case WebhookConflict c -> Problem.of(409, "Conflict", c.getMessage());
            case GroupCommit.Overloaded o -> Problem.of(503, "Service Unavailable", o.getMessage());
            case ConnectionException c -> Problem.of(503, "Service Unavailable", "storage is unavailable; retry later");
            // Capabilities refuse impossible requests (an unknown queue, a limit out of range) this way.
            case IllegalArgumentException i -> Problem.of(400, "Bad Request", i.getMessage());
            default -> null;
        };
        return Optional.ofNullable(p);
    }

    /** Whether the client should simply retry (503: overload or storage trouble); answers carry {@code Retry-After}. */
    public static boolean retryLater(Problem p) {
        return p.status() == 503;
    }
}
