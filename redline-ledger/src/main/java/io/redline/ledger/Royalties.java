package io.redline.ledger;

import io.redline.audit.AuditEvent;
import io.redline.ledger.engine.Leg;
import io.redline.ledger.engine.Payout;
import io.redline.ledger.engine.RoyaltyCampaign;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import org.jdbi.v3.core.Handle;

/**
 * Daily settlement of royalty campaigns: each day's pool split among creators by the usage credits
 * their items earned that day ({@link RoyaltyCampaign#payouts}), posted exactly like a hold-to-earn
 * day ({@link Settlement#writeDay}): a {@code ledger_days} row fixes the plan's digest, payouts go in
 * audited chunks with ids {@code <campaign>/<day>/<creator>/royalty}, a settled day posts nothing
 * again, and a run stopped mid-day resumes to the same payouts.
 *
 * <p>The credits come through a {@link UsageCredits} port chosen by the definition's
 * {@code credits:} name, so dataset usage can replace the imported CSV without this module
 * knowing where it is counted.
 */
public final class Royalties {
    private final Ledger ledger;
    private final Settlement settlement;
    private final Map<String, UsageCredits> sources;

    /** @param sources usage-credit sources by the name a definition's {@code credits:} gives */
    public Royalties(Ledger ledger, Settlement settlement, Map<String, UsageCredits> sources) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.settlement = Objects.requireNonNull(settlement, "settlement");
        this.sources = Map.copyOf(sources);
    }

    /** With the imported usage credits as the only source. */
    public Royalties(Ledger ledger, Settlement settlement) {
        this(ledger, settlement, Map.of(UsageCredits.IMPORTED, UsageCredits.imported(ledger)));
    }

    public static String poolAccount(String campaignId) {
        return Settlement.poolAccount(campaignId);
    }

    /**
     * Records the campaign and funds its pool with every day's pool from {@code issuer:<asset>}, or
     * checks that the id already names this same definition (another definition is refused saying
     * what differs).
     *
     * @return true when this call created the campaign
     */
    public boolean register(RoyaltyCampaign c, io.redline.vocabulary.Actor actor) {
        String canonical = RoyaltyYaml.canonicalJson(c);
        if (ledger.db()
                .jdbi()
                .withHandle(h -> stored(h, c.id()))
                .map(s -> same(c, s))
                .isPresent()) return false;
        return ledger.db().jdbi().inTransaction(h -> {
            ledger.audit().lockForAppend(h);
            Optional<String> again = stored(h, c.id());
            if (again.isPresent()) return !same(c, again.get());
            long now = ledger.clock().millis();
            Settlement.insertCampaign(h, c.id(), "royalty", canonical, now);
            Ledger.registerAsset(h, c.asset(), c.scale());
            Postings.openAccount(h, poolAccount(c.id()), c.asset(), true, now);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("definitionSha256", new Digest().add(canonical).hex());
            details.put("kind", "royalty");
            details.put("poolCapMinor", c.poolCapMinor().toString());
            ledger.audit()
                    .append(
                            h,
                            new AuditEvent(
                                    actor,
                                    "ledger.campaign_create",
                                    new AuditEvent.Target("campaign", c.id()),
                                    Instant.ofEpochMilli(now),
                                    details));
            Transfer funding = new Transfer(
                    c.id() + "/fund/pool",
                    Settlement.issuerAccount(c.asset()),
                    poolAccount(c.id()),
                    c.asset(),
                    c.poolCapMinor().longValueExact(),
                    c.id(),
                    null,
                    "fund",
                    null);
            ledger.post(h, c.id() + "/fund", "fund", List.of(funding), actor, now);
            return true;
        });
    }

    private static boolean same(RoyaltyCampaign given, String storedJson) {
        if (!CampaignYaml.KIND_ROYALTY.equals(CampaignYaml.kindOf(storedJson))) {
            throw new LedgerException.Conflict("campaign id '" + given.id()
                    + "' already names a hold-to-earn campaign; use a new id for the royalty campaign");
        }
        List<String> differences = RoyaltyYaml.parse(storedJson).differences(given);
        if (!differences.isEmpty()) {
            throw new LedgerException.Conflict(
                    "campaign id '" + given.id() + "' already names another definition; use a new id for a"
                            + " new definition. What differs: " + String.join("; ", differences));
        }
        return true;
    }

    private static Optional<String> stored(Handle h, String id) {
        return Settlement.storedDefinition(h, "royalty", id);
    }

    /** The stored definition of a royalty campaign. */
    public Optional<RoyaltyCampaign> campaign(String id) {
        return ledger.db().jdbi().withHandle(h -> stored(h, id)).map(RoyaltyYaml::parse);
    }

    /** Every royalty campaign, by id. */
    public List<RoyaltyCampaign> campaigns() {
        return ledger.db().jdbi().withHandle(h -> Settlement.storedDefinitions(h, "royalty")).stream()
                .map(RoyaltyYaml::parse)
                .toList();
    }

    /**
     * Settles every unsettled day of the campaign up to and including {@code through} (each after
     * it ends; days after the window are ignored) and reports every day through it.
     */
    public List<DayReport> settleThrough(RoyaltyCampaign c, LocalDate through, io.redline.vocabulary.Actor actor) {
        Objects.requireNonNull(through, "through");
        UsageCredits source = sources.get(c.credits());
        if (source == null) {
            throw new LedgerException.Invalid("royalty campaign " + c.id() + ": no usage-credit source '" + c.credits()
                    + "'; known: " + sources.keySet().stream().sorted().toList());
        }
        List<LocalDate> days = settlement.endedDaysThrough(c.id(), c.days(), through, RoyaltyCampaign::endOf);
        register(c, actor);
        String pool = poolAccount(c.id());
        long remaining = c.poolCapMinor().longValueExact();
        List<DayReport> reports = new ArrayList<>();
        for (LocalDate day : days) {
            Optional<Settlement.DayRow> existing = settlement.dayRow(c.id(), day);
            DayReport report;
            if (existing.isPresent() && existing.get().settled()) {
                report = existing.get().report("already_settled");
            } else {
                SortedMap<String, Long> credits = source.creditsOn(day);
                for (String creator : credits.keySet()) Transfer.requireAccount(creator, "creatorId");
                List<Payout> payouts = c.payouts(day, credits);
                long paid = 0;
                for (Payout p : payouts) paid += p.amountMinor();
                DayReport totals = new DayReport(
                        c.id(),
                        day,
                        "running",
                        payouts.size(),
                        credits.isEmpty() ? 0 : c.dailyPoolMinor().longValueExact(),
                        paid,
                        remaining - paid,
                        false,
                        0,
                        0,
                        0,
                        false);
                report = settlement.writeDay(
                        c.id(), day, payouts, totals, existing, Map.of(Leg.ROYALTY, pool), "usage credits", actor);
            }
            remaining = report.poolRemainingMinor();
            reports.add(report);
        }
        return reports;
    }

    /** Adds a problem for every royalty campaign that paid over its pool or whose days disagree with their transfers. */
    static long verifyCaps(Handle h, List<String> problems) {
        List<String> definitions = Settlement.storedDefinitions(h, "royalty");
        for (String json : definitions) {
            RoyaltyCampaign c = RoyaltyYaml.parse(json);
            Map<String, Long> byDay = new LinkedHashMap<>();
            h.createQuery("SELECT day, SUM(amount_minor) FROM ledger_transfers"
                            + " WHERE campaign_id = :c AND leg = 'royalty' GROUP BY day")
                    .bind("c", c.id())
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                    .forEach(e -> byDay.put(e.getKey(), e.getValue()));
            long reversed = h.createQuery("SELECT COALESCE(SUM(amount_minor), 0) FROM ledger_transfers"
                            + " WHERE campaign_id = :c AND leg = 'reversal' AND credit_account = :a")
                    .bind("c", c.id())
                    .bind("a", poolAccount(c.id()))
                    .mapTo(Long.class)
                    .one();
            long paid = byDay.values().stream().mapToLong(Long::longValue).sum() - reversed;
            if (BigInteger.valueOf(paid).compareTo(c.poolCapMinor()) > 0) {
                Ledger.add(
                        problems,
                        "royalty campaign " + c.id() + " paid " + paid + " minor units of " + c.asset()
                                + ", over its pool " + c.poolCapMinor());
            }
            for (Map.Entry<String, Long> e : byDay.entrySet()) {
                if (BigInteger.valueOf(e.getValue()).compareTo(c.dailyPoolMinor()) > 0) {
                    Ledger.add(
                            problems,
                            "royalty campaign " + c.id() + " paid " + e.getValue() + " on " + e.getKey()
                                    + ", over its daily pool " + c.dailyPoolMinor());
                }
            }
            h.createQuery("SELECT day, paid_minor FROM ledger_days WHERE campaign_id = :c AND status = 'settled'")
                    .bind("c", c.id())
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                    .forEach(e -> {
                        long posted = byDay.getOrDefault(e.getKey(), 0L);
                        if (posted != e.getValue()) {
                            Ledger.add(
                                    problems,
                                    "royalty campaign " + c.id() + " day " + e.getKey() + " reported " + e.getValue()
                                            + " paid but its transfers sum to " + posted);
                        }
                    });
        }
        return definitions.size();
    }
}
