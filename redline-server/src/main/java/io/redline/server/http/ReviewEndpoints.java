package io.redline.server.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.redline.identity.Principal;
import io.redline.identity.Role;
import io.redline.review.tasks.Appeal;
import io.redline.review.tasks.Report;
import io.redline.review.tasks.ReviewTask;
import io.redline.review.tasks.ReviewTasks;
import io.redline.review.tasks.TaskVerdict;
import io.redline.vocabulary.AsciiDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Human review over HTTP: claim a task under a lease, decide or escalate it; creators appeal;
 * anyone reports. The workflow rules (lease holder only, one appeal per decision, appeals never
 * to the original reviewer) live in {@link ReviewTasks}; this class translates.
 */
public final class ReviewEndpoints {
    static final Set<Role> REVIEWERS = EnumSet.of(Role.REVIEWER, Role.ADMIN);
    static final Set<Role> OVERSEERS = EnumSet.of(Role.REVIEWER, Role.ADMIN, Role.AUDITOR);
    static final Duration LEASE_DEFAULT = Duration.ofMinutes(10);
    static final int TEXT_CHARS_MAX = 2_000;

    private final ReviewTasks tasks;
    private final Bodies bodies;

    public ReviewEndpoints(ReviewTasks tasks, Bodies bodies) {
        this.tasks = tasks;
        this.bodies = bodies;
    }

    public List<Endpoint> endpoints() {
        return Stream.of(
                        Endpoint.of(
                                HandlerType.GET,
                                "/v1/review/queues",
                                OVERSEERS,
                                "Queue depth, oldest age and SLA breaches per queue",
                                this::queues),
                        Endpoint.of(
                                HandlerType.GET,
                                "/v1/review/queues/{queue}/tasks",
                                OVERSEERS,
                                "Open tasks of a queue, most urgent first",
                                this::openTasks),
                        Endpoint.of(
                                HandlerType.POST,
                                "/v1/review/queues/{queue}/claim",
                                REVIEWERS,
                                "Claim the most urgent task of a queue under a lease",
                                this::claim),
                        Endpoint.of(
                                HandlerType.POST,
                                "/v1/review/tasks/{id}/decide",
                                REVIEWERS,
                                "Decide a claimed task (approve or reject)",
                                this::decide),
                        Endpoint.of(
                                HandlerType.POST,
                                "/v1/review/tasks/bulk-decide",
                                REVIEWERS,
                                "Take and decide up to 100 tasks with one verdict, all or none",
                                this::bulkDecide),
                        Endpoint.of(
                                HandlerType.POST,
                                "/v1/review/tasks/{id}/escalate",
                                REVIEWERS,
                                "Move a claimed task to the senior queue",
                                this::escalate),
                        Endpoint.of(
                                HandlerType.POST,
                                "/v1/review/tasks/{id}/release",
                                REVIEWERS,
                                "Give a claimed task back to its queue",
                                this::release),
                        Endpoint.of(
                                HandlerType.POST,
                                "/v1/contents/{id}/appeals",
                                EnumSet.of(Role.CREATOR),
                                "Appeal the current decision on your own content (once per decision)",
                                this::appeal),
                        Endpoint.of(
                                HandlerType.GET,
                                "/v1/appeals",
                                EnumSet.of(Role.CREATOR),
                                "Your appeals and their outcomes",
                                this::appeals),
                        Endpoint.of(
                                HandlerType.POST,
                                "/v1/contents/{id}/reports",
                                Endpoint.anyRole(),
                                "Report a content item",
                                this::report),
                        Endpoint.of(
                                HandlerType.GET,
                                "/v1/reports",
                                Endpoint.anyRole(),
                                "Your reports and their outcomes",
                                this::reports))
                .map(e -> new Endpoint(e.method(), e.path(), e.roles(), e.summary(), clientErrors(e.handler())))
                .toList();
    }

    /** The workflow refuses impossible requests (unknown queue, bad ids) with IllegalArgumentException: a client error here. */
    private static Handler clientErrors(Handler h) {
        return ctx -> {
            try {
                h.handle(ctx);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage());
            }
        };
    }

    record TaskView(
            String id,
            String kind,
            String contentId,
            int decisionSeq,
            String queue,
            int priority,
            String deadlineAt,
            boolean open,
            String claimedBy,
            String leaseUntil,
            String verdict,
            String reasonCode,
            String decidedAt) {
        static TaskView of(ReviewTask t) {
            return new TaskView(
                    Long.toString(t.id()),
                    t.kind().name().toLowerCase(Locale.ROOT),
                    Long.toString(t.contentId()),
                    t.decisionSeq(),
                    t.queue(),
                    t.priority(),
                    str(t.deadlineAt()),
                    t.open(),
                    t.claimedBy(),
                    str(t.leaseUntil()),
                    t.verdict() == null ? null : t.verdict().code(),
                    t.reasonCode(),
                    str(t.decidedAt()));
        }
    }

    /** A report as its reporter sees it; ids are strings, as everywhere in the API (JavaScript loses digits past 2^53). */
    record ReportView(
            String id,
            String contentId,
            String category,
            String text,
            String taskId,
            String createdAt,
            String respondBy,
            String verdict,
            String reasonCode,
            String decidedAt) {
        static ReportView of(Report r) {
            return new ReportView(
                    Long.toString(r.id()),
                    Long.toString(r.contentId()),
                    r.category(),
                    r.text(),
                    Long.toString(r.taskId()),
                    str(r.createdAt()),
                    str(r.respondBy()),
                    r.verdict() == null ? null : r.verdict().code(),
                    r.reasonCode(),
                    str(r.decidedAt()));
        }
    }

    /** An appeal as its creator sees it, ids as strings. */
    record AppealView(
            String taskId,
            String contentId,
            int appealedSeq,
            String message,
            String createdAt,
            String deadlineAt,
            Object outcome) {
        static AppealView of(Appeal a) {
            return new AppealView(
                    Long.toString(a.taskId()),
                    Long.toString(a.contentId()),
                    a.appealedSeq(),
                    a.message(),
                    str(a.createdAt()),
                    str(a.deadlineAt()),
                    a.outcome());
        }
    }

    record DecideBody(String verdict, String reasonCode, String note) {}

    record NoteBody(String note) {}

    record ClaimBody(Integer leaseSeconds) {}

    record AppealBody(String message) {}

    record ReportBody(String category, String text) {}

    private void queues(Context ctx) {
        ctx.json(Map.of("items", tasks.queueStats()));
    }

    private void openTasks(Context ctx) {
        ctx.json(Map.of(
                "items",
                tasks.openTasks(ctx.pathParam("queue"), 100).stream()
                        .map(TaskView::of)
                        .toList()));
    }

    private void claim(Context ctx) {
        Duration lease = LEASE_DEFAULT;
        if (ctx.req().getContentLengthLong() > 0) {
            ClaimBody b = bodies.json(ctx, ClaimBody.class);
            if (b.leaseSeconds() != null) {
                // The workflow's own bounds, so the API can never accept a lease the workflow then refuses.
                long min = ReviewTasks.LEASE_MIN.toSeconds();
                long max = tasks.leaseMax().toSeconds();
                if (b.leaseSeconds() < min || b.leaseSeconds() > max) {
                    throw ApiException.unprocessable("leaseSeconds must be " + min + ".." + max);
                }
                lease = Duration.ofSeconds(b.leaseSeconds());
            }
        }
        var task = tasks.claim(ctx.pathParam("queue"), HttpApi.principal(ctx), lease);
        if (task.isEmpty()) {
            ctx.status(204);
        } else {
            ctx.json(TaskView.of(task.get()));
        }
    }

    private void decide(Context ctx) {
        DecideBody b = bodies.json(ctx, DecideBody.class);
        ctx.json(TaskView.of(tasks.decide(
                taskId(ctx),
                HttpApi.principal(ctx),
                verdict(b.verdict(), b.reasonCode()),
                b.reasonCode(),
                text(b.note(), "note", false))));
    }

    record BulkDecideBody(List<String> taskIds, String verdict, String reasonCode, String note) {}

    private void bulkDecide(Context ctx) {
        BulkDecideBody b = bodies.json(ctx, BulkDecideBody.class);
        TaskVerdict verdict = verdict(b.verdict(), b.reasonCode());
        if (b.taskIds() == null || b.taskIds().isEmpty() || b.taskIds().size() > ReviewTasks.BULK_MAX) {
            throw ApiException.unprocessable("taskIds must list 1.." + ReviewTasks.BULK_MAX + " task ids");
        }
        List<Long> ids = new ArrayList<>();
        for (String id : b.taskIds()) {
            ids.add(AsciiDecimal.parse(id)
                    .orElseThrow(
                            () -> ApiException.unprocessable("taskIds holds '" + id + "', which is not a task id")));
        }
        var done = tasks.claimAndDecideAll(
                ids, HttpApi.principal(ctx), verdict, b.reasonCode(), text(b.note(), "note", false));
        ctx.json(Map.of("items", done.stream().map(TaskView::of).toList()));
    }

    private static TaskVerdict verdict(String verdict, String reasonCode) {
        if (verdict == null || !(verdict.equals("approve") || verdict.equals("reject"))) {
            throw ApiException.unprocessable("verdict must be approve or reject");
        }
        if (reasonCode == null || !reasonCode.matches("[a-z][a-z0-9_]{0,63}")) {
            throw ApiException.unprocessable(
                    "reasonCode is required: lower-case letters, digits and _ (e.g. off_platform_contact)");
        }
        return TaskVerdict.fromCode(verdict);
    }

    private void escalate(Context ctx) {
        NoteBody b = bodies.json(ctx, NoteBody.class);
        ctx.json(TaskView.of(tasks.escalate(taskId(ctx), HttpApi.principal(ctx), text(b.note(), "note", false))));
    }

    private void release(Context ctx) {
        ctx.json(TaskView.of(tasks.release(taskId(ctx), HttpApi.principal(ctx))));
    }

    private void appeal(Context ctx) {
        AppealBody b = bodies.json(ctx, AppealBody.class);
        Appeal a = tasks.appeal(
                ContentEndpoints.parseId(ctx.pathParam("id")),
                HttpApi.principal(ctx),
                text(b.message(), "message", true));
        ctx.status(201).json(AppealView.of(a));
    }

    private void appeals(Context ctx) {
        ctx.json(Map.of(
                "items",
                tasks.appeals(HttpApi.principal(ctx), 100).stream()
                        .map(AppealView::of)
                        .toList()));
    }

    private void report(Context ctx) {
        ReportBody b = bodies.json(ctx, ReportBody.class);
        if (b.category() == null || !b.category().matches("[a-z_]{1,40}")) {
            throw ApiException.unprocessable(
                    "category is required: lower-case letters and _ (e.g. drainage, fraud, harassment)");
        }
        Principal who = HttpApi.principal(ctx);
        String text = text(b.text(), "text", false);
        Report r = tasks.report(
                ContentEndpoints.parseId(ctx.pathParam("id")), who, b.category(), text == null ? "" : text);
        ctx.status(201).json(ReportView.of(r));
    }

    private void reports(Context ctx) {
        ctx.json(Map.of(
                "items",
                tasks.reports(HttpApi.principal(ctx), 100).stream()
                        .map(ReportView::of)
                        .toList()));
    }

    private static long taskId(Context ctx) {
        return AsciiDecimal.parse(ctx.pathParam("id"))
                .orElseThrow(() -> ApiException.badRequest("task ids are numbers"));
    }

    private static String text(String value, String field, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) throw ApiException.unprocessable(field + " is required");
            return null;
        }
        if (value.length() > TEXT_CHARS_MAX)
            throw ApiException.unprocessable(field + " is longer than " + TEXT_CHARS_MAX + " characters");
        return value;
    }

    private static String str(Instant t) {
        return t == null ? null : t.toString();
    }
}
