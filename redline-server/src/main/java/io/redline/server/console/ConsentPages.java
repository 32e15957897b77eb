package io.redline.server.console;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.redline.identity.Principal;
import io.redline.identity.Role;
import io.redline.intake.Intake;
import io.redline.rights.consent.Consent;
import io.redline.rights.consent.ConsentChange;
import io.redline.rights.consent.ConsentRecord;
import io.redline.rights.consent.ConsentRegistry;
import io.redline.rights.consent.ConsentState;
import io.redline.rights.datasets.Revocations;
import io.redline.rights.datasets.TrainingRuns;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Training consent in the console. A creator sees and changes their own: the default for all
 * their items, per-item overrides, the full history, the usage credits training runs earned them,
 * and their items found in dataset versions after a withdrawal or removal — shown as handled.
 * Staff read any creator's page read-only, with the dataset versions each finding affected; no
 * staff role can change a creator's choice ({@link ConsentRegistry} refuses it as well).
 */
public final class ConsentPages {
    /** History rows the page shows (and reads overrides from): the registry's own maximum. */
    static final int HISTORY_ROWS = ConsentRegistry.HISTORY_LIMIT_MAX;

    static final int REVOCATION_ROWS = 200;
    static final int CREDIT_ROWS = 200;
    static final int CREDIT_DAYS = 30;
    private static final String SURFACE = "console";
    private static final EnumSet<Role> STAFF = EnumSet.of(Role.ADMIN, Role.POLICY_EDITOR, Role.AUDITOR, Role.REVIEWER);

    private final Console console;
    private final ConsentRegistry registry;
    private final Revocations revocations;
    private final TrainingRuns runs;
    private final Intake intake;
    private final Clock clock;

    public ConsentPages(
            Console console,
            ConsentRegistry registry,
            Revocations revocations,
            TrainingRuns runs,
            Intake intake,
            Clock clock) {
        this.console = console;
        this.registry = registry;
        this.revocations = revocations;
        this.runs = runs;
        this.intake = intake;
        this.clock = clock;
    }

    public List<ConsoleRoute> routes() {
        EnumSet<Role> creator = EnumSet.of(Role.CREATOR);
        return List.of(
                ConsoleRoute.of(HandlerType.GET, "/console/consent", creator, this::mine),
                ConsoleRoute.of(HandlerType.POST, "/console/consent", creator, this::setDefault),
                ConsoleRoute.of(HandlerType.POST, "/console/consent/items", creator, this::setItem),
                ConsoleRoute.of(HandlerType.POST, "/console/consent/items/clear", creator, this::clearItem),
                ConsoleRoute.of(HandlerType.GET, "/console/creators/consent", STAFF, this::staff));
    }

    /** An item override in force: the latest change of that item, when it was not a clearing. */
    public record Override(ConsentRecord record, Consent inForce) {}

    /** A finding as the page shows it; dataset and version are null on the creator's own page. */
    public record Finding(String itemId, String dataset, String version, String reason, java.time.Instant foundAt) {}

    private void mine(Context ctx) {
        Principal me = Console.principal(ctx);
        render(ctx, me.authorId(), true);
    }

    private void staff(Context ctx) {
        String author = ctx.queryParam("authorId");
        if (author == null || author.isBlank()) {
            console.render(ctx, "consent", Map.of("found", false, "editable", false, "authorId", ""));
            return;
        }
        if (author.length() > 200) throw new IllegalArgumentException("authorId must be at most 200 characters");
        render(ctx, author.strip(), false);
    }

    private void render(Context ctx, String author, boolean own) {
        var now = clock.instant();
        List<ConsentRecord> history = registry.history(author, HISTORY_ROWS);
        List<Override> overrides = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ConsentRecord r : history) { // newest first: the first row of an item is its state now
            if (r.itemId() == null || !seen.add(r.itemId()) || r.state() == null) continue;
            overrides.add(new Override(r, registry.effective(r.itemId(), author, now)));
        }
        List<Finding> findings = revocations.forAuthor(author, REVOCATION_ROWS).stream()
                .map(f -> new Finding(
                        f.itemId(), own ? null : f.dataset(), own ? null : f.version(), f.reason(), f.foundAt()))
                .toList();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<TrainingRuns.Credit> credits = runs.creditsOf(author, today.minusDays(CREDIT_DAYS), today, CREDIT_ROWS);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("found", true);
        params.put("editable", own);
        params.put("authorId", author);
        params.put("current", registry.effectiveDefault(author, now));
        params.put("overrides", overrides);
        params.put("history", history);
        params.put("findings", findings);
        params.put("credits", credits);
        params.put(
                "creditsTotal",
                credits.stream().mapToLong(TrainingRuns.Credit::credits).sum());
        console.render(ctx, "consent", params);
    }

    private void setDefault(Context ctx) {
        Principal me = Console.principal(ctx);
        guarded(() -> registry.setDefault(me, me.authorId(), change(ctx)));
        revocations.afterConsentChange(me.authorId());
        ReviewPages.see(ctx, "/console/consent?flash=consent_saved");
    }

    private void setItem(Context ctx) {
        Principal me = Console.principal(ctx);
        String item = ownItem(ctx, me);
        guarded(() -> registry.setItem(me, me.authorId(), item, change(ctx)));
        revocations.afterConsentChange(me.authorId());
        ReviewPages.see(ctx, "/console/consent?flash=consent_saved");
    }

    private void clearItem(Context ctx) {
        Principal me = Console.principal(ctx);
        String item = ownItem(ctx, me);
        if (!guarded(() -> registry.clearItem(me, me.authorId(), item, SURFACE)))
            throw Console.PageException.notFound("item " + item + " has no override to clear");
        revocations.afterConsentChange(me.authorId());
        ReviewPages.see(ctx, "/console/consent?flash=override_cleared");
    }

    /** The registry's refusals as pages: a malformed change is 422, someone else's consent 403. */
    private static <T> T guarded(java.util.function.Supplier<T> change) {
        try {
            return change.get();
        } catch (io.redline.rights.consent.ConsentException.Invalid e) {
            throw new Console.PageException(422, e.getMessage());
        } catch (io.redline.rights.consent.ConsentException.Forbidden e) {
            throw new Console.PageException(403, e.getMessage());
        }
    }

    /** The item id of the form, if it is one of the creator's own items (anything else is not found, as on the API). */
    private String ownItem(Context ctx, Principal me) {
        String raw = ReviewPages.required(ctx, "itemId");
        long id = ConsolePaths.id(raw, "content");
        intake.find(me, id).orElseThrow(() -> Console.PageException.notFound("you have no item " + id));
        return Long.toString(id);
    }

    /** The form's change: a state, and for a licence its terms and its last day (it ends at the end of that UTC day). */
    private static ConsentChange change(Context ctx) {
        ConsentState state;
        try {
            state = ConsentState.parse(ReviewPages.required(ctx, "state"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("state must be denied, platform_models or licensed");
        }
        if (state != ConsentState.LICENSED) return new ConsentChange(state, null, null, SURFACE);
        String terms = ctx.formParam("licenceTerms");
        String until = ctx.formParam("licenceUntil");
        java.time.Instant expires = null;
        if (until != null && !until.isBlank()) {
            try {
                expires = LocalDate.parse(until.strip())
                        .plusDays(1)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("the licence's last day must be a date such as 2027-06-30");
            }
        }
        return new ConsentChange(state, terms == null || terms.isBlank() ? null : terms.strip(), expires, SURFACE);
    }
}
