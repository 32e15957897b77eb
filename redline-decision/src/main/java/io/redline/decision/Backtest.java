package io.redline.decision;

import io.redline.intake.ContentReader;
import io.redline.policy.Action;
import io.redline.policy.AuthorFacts;
import io.redline.policy.Policy;
import io.redline.policy.PolicyParseResult;
import io.redline.policy.PolicyParser;
import io.redline.policy.Verdict;
import io.redline.store.Database;
import io.redline.text.Screener;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The policy simulator: replays stored content from a time window through the active policy and
 * a candidate, on the same screenings (each item screened once), and writes nothing.
 *
 * <p>"Current" means the active policy evaluated today with today's screener, not the decisions
 * stored at the time, so the difference isolates the policy change from lexicon changes. Content
 * is read in id-ordered chunks of {@link #CHUNK} (memory stays bounded by one chunk and the
 * sample), through intake's {@link ContentReader#window}, which reads the window as a key range.
 */
public final class Backtest {
    public static final int CHUNK = 1_000;
    public static final int SAMPLE_MAX = 1_000;

    private final ContentReader contents;
    private final PolicyStore policies;
    private final Supplier<Screener> screener;
    private final AuthorFactsSource authors;
    private final Reposts reposts;

    /** Alone, as in tests: contents read from {@code db}, nobody has open reports. */
    public Backtest(Database db, PolicyStore policies, Supplier<Screener> screener) {
        this(db, policies, screener, new ContentReader(db), OpenReports.NONE);
    }

    public Backtest(
            Database db,
            PolicyStore policies,
            Supplier<Screener> screener,
            ContentReader contents,
            OpenReports reports) {
        this(db, policies, screener, contents, reports, Reposts.NONE);
    }

    /** @param reposts the links the rights capability recorded (replayed as the {@code suspectedRepost} fact) */
    public Backtest(
            Database db,
            PolicyStore policies,
            Supplier<Screener> screener,
            ContentReader contents,
            OpenReports reports,
            Reposts reposts) {
        this.reposts = reposts;
        this.contents = contents;
        this.policies = policies;
        this.screener = screener;
        this.authors = new AuthorFactsSource(db, contents, reports);
    }

    /** Parses and runs a candidate given as YAML. @throws DecisionException.InvalidPolicy when it does not validate */
    public BacktestReport run(
            String candidateYaml, Instant since, Instant until, int sampleMax, double minutesPerReview) {
        Policy candidate = switch (PolicyParser.parse(candidateYaml)) {
            case PolicyParseResult.Valid v -> v.policy();
            case PolicyParseResult.Invalid i -> throw new DecisionException.InvalidPolicy(i.errors());
        };
        return run(candidate, since, until, sampleMax, minutesPerReview);
    }

    /** Replays contents created in {@code [since, until)}. */
    public BacktestReport run(Policy candidate, Instant since, Instant until, int sampleMax, double minutesPerReview) {
        if (!since.isBefore(until)) throw new IllegalArgumentException("since must be before until");
        if (sampleMax < 0 || sampleMax > SAMPLE_MAX)
            throw new IllegalArgumentException("sampleMax must be 0.." + SAMPLE_MAX);
        if (!(minutesPerReview >= 0 && minutesPerReview <= 24 * 60))
            throw new IllegalArgumentException("minutesPerReview must be 0..1440");
        long t0 = System.nanoTime();
        ActivePolicy active = policies.active();
        Policy current = active.policy();
        Screener s = screener.get();
        long sinceMs = since.toEpochMilli();
        long untilMs = until.toEpochMilli();
        long cursor = 0;
        Map<Action, Long> currentCounts = zeroCounts();
        Map<Action, Long> candidateCounts = zeroCounts();
        Map<String, Long> transitions = new TreeMap<>();
        List<BacktestChange> sample = new ArrayList<>(Math.min(sampleMax, 64));
        long examined = 0, changed = 0;
        while (true) {
            List<ContentSnapshot> chunk = contents.window(cursor, sinceMs, untilMs, CHUNK).stream()
                    .map(Decisions::snapshot)
                    .toList();
            if (chunk.isEmpty()) break;
            cursor = chunk.getLast().id();
            Map<Long, AuthorFacts> facts = authors.forContents(chunk);
            Map<Long, Reposts.Repost> linked =
                    reposts.linked(chunk.stream().map(ContentSnapshot::id).toList());
            for (ContentSnapshot c : chunk) {
                ContentScreening screening = Decider.screen(c, s);
                AuthorFacts f = facts.get(c.id());
                boolean repost = linked.containsKey(c.id());
                Verdict before = Decider.evaluate(c, screening, f, repost, current);
                Verdict after = Decider.evaluate(c, screening, f, repost, candidate);
                examined++;
                currentCounts.merge(before.action(), 1L, Long::sum);
                candidateCounts.merge(after.action(), 1L, Long::sum);
                if (before.action() != after.action()) {
                    changed++;
                    transitions.merge(
                            before.action().code() + "->" + after.action().code(), 1L, Long::sum);
                    if (sample.size() < sampleMax) {
                        sample.add(new BacktestChange(
                                c.id(),
                                c.surface().wireName(),
                                before.action(),
                                before.ruleId(),
                                after.action(),
                                after.ruleId()));
                    }
                }
            }
            if (chunk.size() < CHUNK) break;
        }
        long elapsedNanos = System.nanoTime() - t0;
        long currentReviews = currentCounts.get(Action.REVIEW);
        long candidateReviews = candidateCounts.get(Action.REVIEW);
        double minutes = (candidateReviews - currentReviews) * minutesPerReview;
        return new BacktestReport(
                active.version(),
                candidate.version(),
                since,
                until,
                examined,
                currentCounts,
                candidateCounts,
                changed,
                transitions,
                sample,
                currentReviews,
                candidateReviews,
                minutesPerReview,
                minutes,
                minutes / 60.0,
                elapsedNanos / 1_000_000,
                elapsedNanos == 0 ? 0 : examined * 1e9 / elapsedNanos);
    }

    private static Map<Action, Long> zeroCounts() {
        Map<Action, Long> m = new EnumMap<>(Action.class);
        for (Action a : Action.values()) m.put(a, 0L);
        return m;
    }
}
