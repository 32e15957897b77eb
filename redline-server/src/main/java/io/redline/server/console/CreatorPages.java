package io.redline.server.console;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.redline.decision.Decision;
import io.redline.decision.Decisions;
import io.redline.identity.Principal;
import io.redline.identity.Role;
import io.redline.intake.Content;
import io.redline.intake.ContentQuery;
import io.redline.intake.Intake;
import io.redline.review.tasks.Appeal;
import io.redline.review.tasks.ReviewTasks;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A creator's own page: their content with the current outcome (never the evidence or rule
 * behind it), an appeal form per decision, their appeals and reports with outcomes. A creator
 * principal is bound to one author; {@link Intake#list} and {@link ReviewTasks#appeal} enforce
 * that, not this page.
 */
public final class CreatorPages {
    static final int PAGE = 50;

    private final Console console;
    private final ReviewTasks tasks;
    private final Intake intake;
    private final Decisions decisions;

    public CreatorPages(Console console, ReviewTasks tasks, Intake intake, Decisions decisions) {
        this.console = console;
        this.tasks = tasks;
        this.intake = intake;
        this.decisions = decisions;
    }

    public List<ConsoleRoute> routes() {
        return List.of(
                ConsoleRoute.of(HandlerType.GET, "/console/mine", EnumSet.of(Role.CREATOR), this::mine),
                ConsoleRoute.of(HandlerType.POST, "/console/mine/{id}/appeal", EnumSet.of(Role.CREATOR), this::appeal));
    }

    /** One of the creator's items: what they wrote, the outcome as they may see it, their appeal on it. */
    public record Item(Content content, Decision.CreatorView decision, int seq, Appeal appeal, boolean appealable) {}

    private void mine(Context ctx) {
        Principal me = Console.principal(ctx);
        List<Content> items =
                intake.list(me, new ContentQuery(null, null, null, PAGE)).items();
        Map<Long, Decision> current =
                decisions.currentOf(items.stream().map(Content::id).toList());
        Map<Long, Appeal> latestAppeal = new HashMap<>();
        for (Appeal a : tasks.appeals(me, ReviewTasks.LIST_MAX))
            latestAppeal.merge(a.contentId(), a, (x, y) -> x.taskId() > y.taskId() ? x : y);
        List<Item> out = new ArrayList<>();
        for (Content c : items) {
            Decision d = current.get(c.id());
            Appeal a = latestAppeal.get(c.id());
            // One appeal per decision; an appeal outcome is itself a new decision that could be appealed only via
            // support.
            boolean appealable = d != null
                    && d.action() != io.redline.policy.Action.ALLOW
                    && d.action() != io.redline.policy.Action.REVIEW
                    && (a == null || a.appealedSeq() != d.seq())
                    && d.origin() != io.redline.decision.Origin.APPEAL;
            out.add(new Item(c, d == null ? null : d.creatorView(), d == null ? 0 : d.seq(), a, appealable));
        }
        console.render(ctx, "mine", Map.of("items", out, "reports", tasks.reports(me, PAGE)));
    }

    private void appeal(Context ctx) {
        long id = ConsolePaths.id(ctx.pathParam("id"), "content");
        tasks.appeal(id, Console.principal(ctx), ReviewPages.required(ctx, "message"));
        ReviewPages.see(ctx, "/console/mine?flash=appealed");
    }
}
