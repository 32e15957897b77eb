package io.redline.server.console;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.redline.audit.AuditEntry;
import io.redline.audit.AuditLog;
import io.redline.audit.AuditQuery;
import io.redline.decision.Backtest;
import io.redline.decision.BacktestReport;
import io.redline.decision.Decisions;
import io.redline.decision.PolicyStore;
import io.redline.decision.StoredPolicy;
import io.redline.identity.Role;
import io.redline.policy.Action;
import io.redline.policy.PolicyParseResult;
import io.redline.policy.PolicyParser;
import io.redline.review.tasks.ReviewTasks;
import io.redline.server.http.ComputePool;
import io.redline.server.http.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pages that oversee the machine and the people: the dashboard, policies (view for every
 * staff role; validate, backtest, save and activate for policy editors and admins) and the audit
 * log (search and verify, for auditors and admins).
 */
public final class OversightPages {
    static final Set<Role> STAFF = EnumSet.of(Role.ADMIN, Role.POLICY_EDITOR, Role.REVIEWER, Role.AUDITOR);
    static final Set<Role> EDITORS = EnumSet.of(Role.ADMIN, Role.POLICY_EDITOR);
    static final Set<Role> AUDITORS = EnumSet.of(Role.ADMIN, Role.AUDITOR);
    static final List<String> WINDOWS = List.of("1h", "24h", "7d", "30d");
    static final int BACKTEST_SAMPLE = 20;

    private final Console console;
    private final ReviewTasks tasks;
    private final Decisions decisions;
    private final PolicyStore policies;
    private final Backtest backtest;
    private final AuditLog audit;
    private final double minutesPerReview;
    private final ComputePool replays;
    /** Where policy YAML is parsed (the same bounded pool as the API's), off the carrier threads. */
    private final ComputePool parsing;

    public OversightPages(
            Console console,
            ReviewTasks tasks,
            Decisions decisions,
            PolicyStore policies,
            Backtest backtest,
            AuditLog audit,
            double minutesPerReview,
            ComputePool replays,
            ComputePool parsing) {
        this.parsing = parsing;
        this.console = console;
        this.tasks = tasks;
        this.decisions = decisions;
        this.policies = policies;
        this.backtest = backtest;
        this.audit = audit;
        this.minutesPerReview = minutesPerReview;
        this.replays = replays;
    }

    public List<ConsoleRoute> routes() {
        return List.of(
                ConsoleRoute.of(HandlerType.GET, "/console/dashboard", STAFF, this::dashboard),
                ConsoleRoute.of(HandlerType.GET, "/console/policies", STAFF, this::policies),
                ConsoleRoute.of(HandlerType.GET, "/console/policies/{version}", STAFF, this::policy),
                ConsoleRoute.of(HandlerType.POST, "/console/policies", EDITORS, this::check),
                ConsoleRoute.of(HandlerType.POST, "/console/policies/{version}/activate", EDITORS, this::activate),
                ConsoleRoute.of(HandlerType.GET, "/console/audit", AUDITORS, this::audit));
    }

    // ---------------------------------------------------------------- dashboard

    /**
     * What the dashboard shows for one window.
     *
     * @param firstByAction    first decisions (seq 1) by action: the intake's outcome before any person looked
     * @param automaticShare   share of first decisions that needed no person (anything but review)
     * @param humanByAction    decisions people made (reviews and appeals) by action
     */
    public record Dashboard(
            String window,
            Map<Action, Long> firstByAction,
            long firstTotal,
            double automaticShare,
            Map<Action, Long> humanByAction,
            List<io.redline.review.tasks.QueueStats> queues,
            long slaBreaches,
            List<io.redline.review.tasks.ReviewerThroughput> throughput,
            List<io.redline.review.tasks.Disagreement> byReviewer,
            List<io.redline.review.tasks.Disagreement> byCategory) {}

    private void dashboard(Context ctx) {
        String window = ctx.queryParam("window");
        if (window == null || !WINDOWS.contains(window)) window = "24h";
        Instant since = TimeWindow.parse(window, Instant.now(), "window");
        Map<Action, Long> first = new EnumMap<>(Action.class);
        Map<Action, Long> human = new EnumMap<>(Action.class);
        for (Action a : Action.values()) {
            first.put(a, 0L);
            human.put(a, 0L);
        }
        for (Decisions.Volume v : decisions.volumes(since)) {
            switch (v.origin()) {
                case SYNC, WORKER -> first.merge(v.action(), v.count(), Long::sum);
                case REVIEW, APPEAL -> human.merge(v.action(), v.count(), Long::sum);
                case RESCREEN -> {} // re-decisions of old content: not intake volume
            }
        }
        long firstTotal = first.values().stream().mapToLong(Long::longValue).sum();
        double automatic = firstTotal == 0 ? 0 : (double) (firstTotal - first.get(Action.REVIEW)) / firstTotal;
        var queues = tasks.queueStats();
        long breaches = queues.stream()
                .mapToLong(io.redline.review.tasks.QueueStats::slaBreaches)
                .sum();
        console.render(
                ctx,
                "dashboard",
                Map.of(
                        "d",
                        new Dashboard(
                                window,
                                first,
                                firstTotal,
                                automatic,
                                human,
                                queues,
                                breaches,
                                tasks.throughput(since),
                                tasks.disagreementByReviewer(since),
                                tasks.disagreementByCategory(since)),
                        "windows",
                        WINDOWS));
    }

    // ---------------------------------------------------------------- policies

    /** The result of the editor form, shown under it. */
    public record Check(
            String source,
            String window,
            List<io.redline.policy.PolicyError> errors,
            String version,
            Integer rules,
            BacktestReport backtest) {
        /** The editor before anything was checked: a copy of the policy in force to edit. */
        static Check startingFrom(String source) {
            return new Check(source, "7d", List.of(), null, null, null);
        }
    }

    private void policies(Context ctx) {
        String active = policies.active().version();
        renderPolicies(
                ctx,
                Check.startingFrom(
                        policies.find(active).map(StoredPolicy::source).orElse("")));
    }

    private void renderPolicies(Context ctx, Check check) {
        var active = policies.active();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("activeVersion", active.version());
        model.put("activatedAt", active.activatedAt());
        model.put("versions", policies.list().reversed());
        model.put("activations", policies.activations(20));
        model.put("check", check);
        model.put("windows", WINDOWS);
        console.render(ctx, "policies", model);
    }

    private void policy(Context ctx) {
        String version = ctx.pathParam("version");
        StoredPolicy p = policies.find(version)
                .orElseThrow(() -> Console.PageException.notFound("no stored policy version " + version));
        console.render(
                ctx,
                "policy",
                Map.of("p", p, "active", policies.active().version().equals(p.version())));
    }

    /** Validate, backtest or save the YAML in the editor form: one form, the button says which. */
    private void check(Context ctx) {
        String source = ctx.formParam("source");
        if (source == null) source = "";
        String window = ctx.formParam("window");
        if (window == null || !WINDOWS.contains(window)) window = "7d";
        String action = ctx.formParam("action");
        String yaml = source;
        PolicyParseResult parsed = parsing.call(Console.principal(ctx).tokenId(), () -> PolicyParser.parse(yaml));
        if (parsed instanceof PolicyParseResult.Invalid invalid) {
            ctx.status(422);
            renderPolicies(ctx, new Check(source, window, invalid.errors(), null, null, null));
            return;
        }
        var policy = ((PolicyParseResult.Valid) parsed).policy();
        switch (action == null ? "validate" : action) {
            case "save" -> {
                var by = Console.principal(ctx);
                StoredPolicy saved = parsing.call(by.tokenId(), () -> policies.save(yaml, by));
                ReviewPages.see(ctx, "/console/policies/" + saved.version() + "?flash=policy_saved");
            }
            case "backtest" -> {
                Instant now = Instant.now();
                Instant since = TimeWindow.parse(window, now, "window");
                BacktestReport report =
                        replays.call(() -> backtest.run(policy, since, now, BACKTEST_SAMPLE, minutesPerReview));
                renderPolicies(ctx, new Check(source, window, List.of(), policy.version(), policy.ruleCount(), report));
            }
            default ->
                renderPolicies(ctx, new Check(source, window, List.of(), policy.version(), policy.ruleCount(), null));
        }
    }

    private void activate(Context ctx) {
        policies.activate(ctx.pathParam("version"), Console.principal(ctx));
        ReviewPages.see(ctx, "/console/policies?flash=policy_activated");
    }

    // ---------------------------------------------------------------- audit

    /** The audit search form as submitted (blank = any). */
    public record AuditForm(String action, String actor, String targetType, String targetId, String window) {}

    private void audit(Context ctx) {
        AuditForm form = new AuditForm(
                blankToNull(ctx.queryParam("action")),
                blankToNull(ctx.queryParam("actor")),
                blankToNull(ctx.queryParam("targetType")),
                blankToNull(ctx.queryParam("targetId")),
                WINDOWS.contains(String.valueOf(ctx.queryParam("window"))) ? ctx.queryParam("window") : null);
        AuditQuery q = AuditQuery.latest().withLimit(100);
        if (form.action() != null) q = q.withActionPrefix(form.action());
        if (form.actor() != null) q = q.withActor(form.actor());
        if (form.targetType() != null) q = q.withTarget(form.targetType(), form.targetId());
        else if (form.targetId() != null) throw new IllegalArgumentException("a target id needs its target type");
        if (form.window() != null)
            q = q.between(
                    TimeWindow.parse(form.window(), Instant.now(), "window"),
                    Instant.now().plus(Duration.ofMinutes(1)));
        List<AuditEntry> entries = audit.search(q);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("form", form);
        model.put("entries", entries);
        model.put("windows", WINDOWS);
        model.put("verify", ctx.queryParam("verify") != null ? audit.verify() : null);
        model.put("head", audit.headSeq());
        console.render(ctx, "audit", model);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
