package io.redline.server.console;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.redline.decision.Decision;
import io.redline.decision.Decisions;
import io.redline.identity.Principal;
import io.redline.identity.Role;
import io.redline.intake.Content;
import io.redline.intake.ContentQuery;
import io.redline.intake.Intake;
import io.redline.review.tasks.ReviewTask;
import io.redline.review.tasks.ReviewTasks;
import io.redline.review.tasks.TaskKind;
import io.redline.review.tasks.TaskVerdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The reviewer's pages: queues, a task with its evidence, the appeal and report inboxes, and the
 * form actions claim / decide / escalate / release / next. The workflow rules (lease holder
 * only, appeals never to the original reviewer) are {@link ReviewTasks}'; these pages only show
 * and forward.
 */
public final class ReviewPages {
    static final Set<Role> REVIEWERS = EnumSet.of(Role.REVIEWER, Role.ADMIN);
    static final Set<Role> OVERSEERS = EnumSet.of(Role.REVIEWER, Role.ADMIN, Role.AUDITOR);
    static final Duration LEASE = Duration.ofMinutes(10);
    static final int QUEUE_PAGE = 100;
    static final int AUTHOR_HISTORY = 10;
    /** Reason codes offered per verdict; the first is preselected. Any code matching the API's pattern is accepted. */
    static final List<String> APPROVE_REASONS = List.of("no_violation", "false_positive", "allowed_context");

    static final List<String> REJECT_REASONS = List.of(
            "prohibited_content",
            "off_platform_contact",
            "undisclosed_ad",
            "personal_data_exposed",
            "spam",
            "harassment",
            "misinformation",
            "other_violation");

    private final Console console;
    private final ReviewTasks tasks;
    private final Intake intake;
    private final Decisions decisions;

    public ReviewPages(Console console, ReviewTasks tasks, Intake intake, Decisions decisions) {
        this.console = console;
        this.tasks = tasks;
        this.intake = intake;
        this.decisions = decisions;
    }

    public List<ConsoleRoute> routes() {
        return List.of(
                ConsoleRoute.of(HandlerType.GET, "/console/queues", OVERSEERS, this::queues),
                ConsoleRoute.of(HandlerType.GET, "/console/queues/{queue}", OVERSEERS, this::queue),
                ConsoleRoute.of(HandlerType.POST, "/console/queues/{queue}/claim", REVIEWERS, this::claim),
                ConsoleRoute.of(HandlerType.POST, "/console/queues/{queue}/decide", REVIEWERS, this::bulkDecide),
                ConsoleRoute.of(HandlerType.GET, "/console/tasks/{id}", OVERSEERS, this::task),
                ConsoleRoute.of(HandlerType.POST, "/console/tasks/{id}/decide", REVIEWERS, this::decide),
                ConsoleRoute.of(HandlerType.POST, "/console/tasks/{id}/escalate", REVIEWERS, this::escalate),
                ConsoleRoute.of(HandlerType.POST, "/console/tasks/{id}/release", REVIEWERS, this::release),
                ConsoleRoute.of(HandlerType.POST, "/console/tasks/{id}/next", REVIEWERS, this::next),
                ConsoleRoute.of(HandlerType.GET, "/console/appeals", OVERSEERS, this::appeals),
                ConsoleRoute.of(HandlerType.GET, "/console/reports", OVERSEERS, this::reports),
                ConsoleRoute.of(
                        HandlerType.GET,
                        "/console/contents/{id}/uploads/{index}",
                        EnumSet.of(Role.REVIEWER, Role.ADMIN, Role.AUDITOR, Role.CREATOR),
                        this::upload));
    }

    private void queues(Context ctx) {
        var stats = new LinkedHashMap<String, io.redline.review.tasks.QueueStats>();
        for (var s : tasks.queueStats()) stats.put(s.queue(), s);
        console.render(ctx, "queues", Map.of("stats", List.copyOf(stats.values())));
    }

    private void queue(Context ctx) {
        String queue = ctx.pathParam("queue");
        List<ReviewTask> open = tasks.openTasks(queue, QUEUE_PAGE);
        Map<Long, Content> contents = intake.findAll(
                open.stream().map(ReviewTask::contentId).distinct().toList());
        // A quality sample's row shows the content like any other: the verdict under review is never on this page.
        List<QueueRow> rows = open.stream()
                .map(t -> new QueueRow(t, contents.get(t.contentId())))
                .toList();
        console.render(
                ctx,
                "queue",
                Map.of(
                        "queue",
                        queue,
                        "rows",
                        rows,
                        "me",
                        Console.principal(ctx).tokenId(),
                        "approveReasons",
                        APPROVE_REASONS,
                        "rejectReasons",
                        REJECT_REASONS));
    }

    /** The selected tasks of a queue page, taken and decided together (all or none). */
    private void bulkDecide(Context ctx) {
        String queue = ctx.pathParam("queue");
        List<Long> ids = ctx.formParams("task").stream()
                .map(id -> ConsolePaths.id(id, "task"))
                .toList();
        if (ids.isEmpty()) {
            see(ctx, "/console/queues/" + queue + "?flash=none_selected");
            return;
        }
        String verdict = required(ctx, "verdict");
        if (!verdict.equals("approve") && !verdict.equals("reject"))
            throw new IllegalArgumentException("verdict must be approve or reject");
        String reason = required(ctx, verdict.equals("approve") ? "approveReason" : "rejectReason");
        tasks.claimAndDecideAll(ids, Console.principal(ctx), TaskVerdict.fromCode(verdict), reason, note(ctx));
        see(ctx, "/console/queues/" + queue + "?flash=bulk_decided");
    }

    private void claim(Context ctx) {
        String queue = ctx.pathParam("queue");
        Optional<ReviewTask> claimed = tasks.claim(queue, Console.principal(ctx), LEASE);
        see(
                ctx,
                claimed.map(t -> "/console/tasks/" + t.id()).orElse("/console/queues/" + queue + "?flash=queue_empty"));
    }

    private void task(Context ctx) {
        ReviewTask t = taskOf(ctx);
        Content content = intake.find(t.contentId())
                .orElseThrow(() ->
                        Console.PageException.notFound("content " + t.contentId() + " of task " + t.id() + " is gone"));
        List<Decision> history = decisions.history(t.contentId());
        Decision reviewed = history.stream()
                .filter(d -> d.seq() == t.decisionSeq())
                .findFirst()
                .orElse(history.isEmpty() ? null : history.get(history.size() - 1));
        List<Content> byAuthor = intake
                .list(Console.principal(ctx), new ContentQuery(content.authorId(), null, null, AUTHOR_HISTORY + 1))
                .items()
                .stream()
                .filter(c -> c.id() != content.id())
                .limit(AUTHOR_HISTORY)
                .toList();
        Map<Long, Decision> authorDecisions =
                decisions.currentOf(byAuthor.stream().map(Content::id).toList());
        List<AuthorItem> authorHistory = new ArrayList<>();
        for (Content c : byAuthor) authorHistory.add(new AuthorItem(c, authorDecisions.get(c.id())));
        var evidence = reviewed == null ? List.<io.redline.decision.EvidenceHit>of() : reviewed.evidence();
        List<Field> fields = new ArrayList<>();
        if (content.title() != null && !content.title().isEmpty()) {
            fields.add(new Field("title", Highlight.segments(content.title(), "title", evidence)));
        }
        fields.add(new Field("text", Highlight.segments(content.text(), "text", evidence)));
        for (int i = 0; i < content.tags().size(); i++) {
            fields.add(new Field(
                    "tags[" + i + "]", Highlight.segments(content.tags().get(i), "tags[" + i + "]", evidence)));
        }
        Principal me = Console.principal(ctx);
        boolean mine = t.leasedTo(me.tokenId(), Instant.now());
        // A quality sample is a blind second review: nothing on the page may tell the first verdict
        // (the sampled decision's action and reason, later decisions, the task that produced it).
        boolean blind = t.kind() == TaskKind.QUALITY;
        if (blind)
            history = history.stream().filter(d -> d.seq() < t.decisionSeq()).toList();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("task", t);
        model.put("content", content);
        model.put("fields", fields);
        model.put("reviewed", Optional.ofNullable(reviewed));
        model.put("history", history);
        model.put("authorHistory", authorHistory);
        model.put("reports", tasks.reportsOn(t.contentId()));
        model.put(
                "otherTasks",
                blind
                        ? List.of()
                        : tasks.tasksOf(t.contentId()).stream()
                                .filter(o -> o.id() != t.id())
                                .toList());
        model.put("blind", blind);
        model.put("mine", mine);
        model.put("approveReasons", APPROVE_REASONS);
        model.put("rejectReasons", rejectReasons(t.category()));
        console.render(ctx, "task", model);
    }

    /** The reject reasons with the one matching the task's category first, so a one-key reject says why. */
    static List<String> rejectReasons(String category) {
        String first = switch (category) {
            case "drainage" -> "off_platform_contact";
            case "ads" -> "undisclosed_ad";
            case "personal_data" -> "personal_data_exposed";
            case "gambling", "drugs", "adult", "fraud", "violence" -> "prohibited_content";
            default -> null;
        };
        if (first == null) return REJECT_REASONS;
        List<String> out = new ArrayList<>(REJECT_REASONS);
        out.remove(first);
        out.addFirst(first);
        return out;
    }

    /** One task on a queue page with its content for the preview (null if the content is gone). */
    public record QueueRow(ReviewTask task, Content content) {}

    /** One line of the author's recent content. */
    public record AuthorItem(Content content, Decision decision) {}

    /** One field of the content, cut into highlight segments. */
    public record Field(String name, List<Highlight.Segment> segments) {}

    private void decide(Context ctx) {
        ReviewTask t = taskOf(ctx);
        String verdict = required(ctx, "verdict");
        if (!verdict.equals("approve") && !verdict.equals("reject"))
            throw new IllegalArgumentException("verdict must be approve or reject");
        ReviewTask done = tasks.decide(
                t.id(), Console.principal(ctx), TaskVerdict.fromCode(verdict), required(ctx, "reason"), note(ctx));
        see(ctx, "/console/queues/" + done.queue() + "?flash=decided");
    }

    private void escalate(Context ctx) {
        ReviewTask t = taskOf(ctx);
        tasks.escalate(t.id(), Console.principal(ctx), note(ctx));
        see(ctx, "/console/queues/" + t.queue() + "?flash=escalated");
    }

    private void release(Context ctx) {
        ReviewTask t = taskOf(ctx);
        tasks.release(t.id(), Console.principal(ctx));
        see(ctx, "/console/queues/" + t.queue() + "?flash=released");
    }

    /**
     * Skips to the next task of the queue: claims it while still holding this one (so the claim
     * cannot hand back the task being skipped), then gives this one back.
     */
    private void next(Context ctx) {
        ReviewTask t = taskOf(ctx);
        Principal me = Console.principal(ctx);
        Optional<ReviewTask> next = tasks.claim(t.queue(), me, LEASE);
        if (t.leasedTo(me.tokenId(), Instant.now())) tasks.release(t.id(), me);
        see(
                ctx,
                next.map(n -> "/console/tasks/" + n.id())
                        .orElse("/console/queues/" + t.queue() + "?flash=queue_empty"));
    }

    private void appeals(Context ctx) {
        console.render(
                ctx,
                "appeals",
                Map.of(
                        "open", tasks.tasksOfKind(TaskKind.APPEAL, true, QUEUE_PAGE),
                        "decided", tasks.tasksOfKind(TaskKind.APPEAL, false, QUEUE_PAGE),
                        "queue", tasks.config().appealsQueue()));
    }

    private void reports(Context ctx) {
        console.render(
                ctx,
                "reports",
                Map.of(
                        "open", tasks.reportInbox(false, QUEUE_PAGE),
                        "answered", tasks.reportInbox(true, QUEUE_PAGE)));
    }

    private void upload(Context ctx) {
        long id = ConsolePaths.id(ctx.pathParam("id"), "content");
        int index = (int) ConsolePaths.id(ctx.pathParam("index"), "image index");
        Intake.StoredImage image = intake.image(Console.principal(ctx), id, index)
                .orElseThrow(() -> Console.PageException.notFound("no image " + index + " on content " + id));
        // Only the formats the intake accepts and inspected; nosniff (set for every console response) keeps it an
        // image.
        ctx.header("Cache-Control", "private, max-age=300");
        ctx.contentType(image.image().mediaType()).result(image.bytes());
    }

    private ReviewTask taskOf(Context ctx) {
        long id = ConsolePaths.id(ctx.pathParam("id"), "task");
        return tasks.task(id).orElseThrow(() -> Console.PageException.notFound("no task has id " + id));
    }

    static String required(Context ctx, String field) {
        String v = ctx.formParam(field);
        if (v == null || v.isBlank()) throw new IllegalArgumentException("the form field '" + field + "' is required");
        return v.trim();
    }

    static String note(Context ctx) {
        String n = ctx.formParam("note");
        return n == null || n.isBlank() ? null : n.strip();
    }

    /** Post/redirect/get: 303 so a reload never re-submits the form. */
    static void see(Context ctx, String location) {
        ctx.redirect(location, HttpStatus.SEE_OTHER);
    }
}
