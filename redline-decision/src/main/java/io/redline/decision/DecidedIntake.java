package io.redline.decision;

import io.redline.identity.Principal;
import io.redline.intake.ImageUpload;
import io.redline.intake.Intake;
import io.redline.intake.Receipt;
import io.redline.intake.Submission;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * Intake with its decisions: what {@code POST /v1/contents} (and its batch form) does. Without
 * {@code wait} it stores the items, hands back the current decision of replayed ones and nudges
 * the worker for the rest. With {@code wait} the first decisions are made before intake's write
 * and committed in intake's own transaction (one fsync); a replayed item that is still undecided
 * is decided now. Either way the caller gets each receipt with its decision, or none yet.
 */
public final class DecidedIntake {
    /**
     * Where screening runs. It is CPU-heavy: on a virtual thread it would hold one of the few
     * carrier threads every request shares, so the server hands it to a bounded pool (which may
     * refuse with its own exception when full). Only the screening is offloaded; the write stays
     * in intake's transaction.
     */
    public interface Offload {
        /** Runs {@code work} for {@code who} (a pool may keep one submitter from taking all of it). */
        <T> T call(Principal who, Callable<T> work);

        /** Screens on the caller's thread (libraries, tests, the CLI). */
        Offload INLINE = new Offload() {
            @Override
            public <T> T call(Principal who, Callable<T> work) {
                return PictureScreener.Pool.INLINE.call(work);
            }
        };
    }

    private final Intake intake;
    private final Decisions decisions;
    private final Runnable nudgeWorker;
    private final Offload screening;
    private volatile Intake.Companion accepted = Intake.Companion.NONE;

    /** @param nudgeWorker asks the background worker to poll now (e.g. {@code DecisionWorker::nudge}) */
    public DecidedIntake(Intake intake, Decisions decisions, Runnable nudgeWorker) {
        this(intake, decisions, nudgeWorker, Offload.INLINE);
    }

    /** @param screening where {@code wait} screens (the server's bounded screening pool) */
    public DecidedIntake(Intake intake, Decisions decisions, Runnable nudgeWorker, Offload screening) {
        this.intake = Objects.requireNonNull(intake);
        this.decisions = Objects.requireNonNull(decisions);
        this.nudgeWorker = Objects.requireNonNull(nudgeWorker);
        this.screening = Objects.requireNonNull(screening);
    }

    /**
     * Work committed with every newly accepted item, whether or not it is decided now: the
     * composition root plugs in the Kafka intake outbox here, so an accepted item is published
     * after it is durable and never lost between the commit and the publish.
     */
    public DecidedIntake announceAcceptedTo(Intake.Companion accepted) {
        this.accepted = Objects.requireNonNull(accepted);
        return this;
    }

    private Intake.Companion withAccepted(Intake.Companion decide) {
        Intake.Companion also = accepted;
        if (also == Intake.Companion.NONE) return decide;
        return items -> {
            var first = decide.prepare(items);
            var second = also.prepare(items);
            return h -> {
                first.useHandle(h);
                second.useHandle(h);
            };
        };
    }

    /** The first decisions, screened through {@link #screening} before intake's write. */
    private Intake.Companion firstDecisions(Principal who, Map<Long, Decision> decided) {
        Intake.Companion inner = decisions.firstDecisions(who, d -> decided.put(d.contentId(), d));
        return items -> screening.call(who, () -> inner.prepare(items));
    }

    /** Receipts in submission order, and the decisions known for them by content id (absent: not decided yet). */
    public record Submitted(List<Receipt> receipts, Map<Long, Decision> decisions) {
        public Submitted {
            receipts = List.copyOf(receipts);
            decisions = Map.copyOf(decisions);
        }

        public Decision decisionOf(Receipt r) {
            return decisions.get(r.content().id());
        }
    }

    /** One item, with images uploaded alongside it. */
    public Submitted submit(
            Principal who, Submission submission, List<ImageUpload> uploads, String idempotencyKey, boolean wait) {
        Map<Long, Decision> decided = new HashMap<>();
        Intake.Companion companion = withAccepted(wait ? firstDecisions(who, decided) : Intake.Companion.NONE);
        Receipt r = intake.submit(who, submission, uploads, idempotencyKey, companion);
        return complete(who, List.of(r), decided, wait);
    }

    /** A batch, all or nothing. */
    public Submitted submitBatch(Principal who, List<Submission> items, String idempotencyKey, boolean wait) {
        Map<Long, Decision> decided = new HashMap<>();
        Intake.Companion companion = withAccepted(wait ? firstDecisions(who, decided) : Intake.Companion.NONE);
        List<Receipt> receipts = intake.submitBatch(who, items, idempotencyKey, companion);
        return complete(who, receipts, decided, wait);
    }

    /**
     * Fills in decisions intake's transaction did not make: replays (and, with {@code wait}, a
     * worker that won the race). Without {@code wait} a newly stored item is not looked up: it
     * committed a moment ago, so the worker has almost never decided it yet, and that query was a
     * quarter of the request threads' CPU in intake-only traffic (docs/benchmarks.md, session 10).
     * Such an item is answered as pending, and its decision is read with {@code GET}.
     */
    private Submitted complete(Principal who, List<Receipt> receipts, Map<Long, Decision> decided, boolean wait) {
        List<Long> missing = new ArrayList<>();
        List<Long> lookUp = new ArrayList<>();
        for (Receipt r : receipts) {
            long id = r.content().id();
            if (decided.containsKey(id)) continue;
            missing.add(id);
            if (wait || r.replayed()) lookUp.add(id);
        }
        if (!lookUp.isEmpty()) decided.putAll(decisions.currentOf(lookUp));
        List<Long> undecided =
                missing.stream().filter(id -> !decided.containsKey(id)).toList();
        if (wait && !undecided.isEmpty()) {
            for (Decision d : screening.call(who, () -> decisions.decideNow(undecided, who)))
                decided.put(d.contentId(), d);
        } else if (!undecided.isEmpty()) {
            nudgeWorker.run();
        }
        return new Submitted(receipts, decided);
    }
}
