package io.redline.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.redline.audit.AuditLog;
import io.redline.decision.DecidedIntake;
import io.redline.decision.DecisionPorts;
import io.redline.decision.Decisions;
import io.redline.decision.PolicyStore;
import io.redline.identity.IdentitySchema;
import io.redline.intake.Intake;
import io.redline.intake.IntakeLimits;
import io.redline.intake.IntakeSchema;
import io.redline.review.ReviewSchema;
import io.redline.store.Database;
import io.redline.store.GroupCommit;
import io.redline.store.Ids;
import io.redline.text.Screener;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One {@code redline worker} process: the capabilities a screening worker needs, wired as the
 * server wires them (same intake, same decisions with the same ports, same audit log), plus the
 * outbox relay and the consumer. Stateless apart from the consumer's position:
 * everything it decides is in the database, so workers are added and killed freely.
 */
public final class WorkerNode implements AutoCloseable {
    /** The shared writer's queue and group: as the server's, about a second of peak intake. */
    static final int WRITE_QUEUE_SIZE_MAX = 10_000;

    static final int WRITE_GROUP_SIZE_MAX = 256;
    static final long RELAY_POLL_MS = 50;

    private final GroupCommit writes;
    private final OutboxRelay relay;
    private final ScreeningWorker worker;
    private final Decisions decisions;
    private final AuditLog.ChainLease lease;

    private WorkerNode(
            GroupCommit writes,
            OutboxRelay relay,
            ScreeningWorker worker,
            Decisions decisions,
            AuditLog.ChainLease lease) {
        this.writes = writes;
        this.relay = relay;
        this.worker = worker;
        this.decisions = decisions;
        this.lease = lease;
    }

    /**
     * Builds the node on {@code db} (migrating what it uses) and starts consuming.
     *
     * @param ports the decision capability's ports, from the same factory the server uses (copies,
     *     pictures, open reports), so an item decides alike through Kafka and over HTTP
     */
    public static WorkerNode start(
            Database db,
            Supplier<Screener> screener,
            IntakeLimits limits,
            DecisionPorts ports,
            KafkaSettings settings,
            MeterRegistry registry) {
        AuditLog.migrate(db);
        AuditLog.ChainLease lease = AuditLog.open(db).leaseChain();
        return start(db, lease.log(), lease, screener, limits, ports, settings, registry);
    }

    /**
     * {@link #start(Database, Supplier, IntakeLimits, DecisionPorts, KafkaSettings, MeterRegistry)}
     * appending to {@code audit}: the caller's leased chain ({@link AuditLog#leaseChain}), which
     * its ports (copy links) append to as well, so a worker's transactions lock one chain head.
     */
    public static WorkerNode start(
            Database db,
            AuditLog audit,
            Supplier<Screener> screener,
            IntakeLimits limits,
            DecisionPorts ports,
            KafkaSettings settings,
            MeterRegistry registry) {
        return start(db, audit, null, screener, limits, ports, settings, registry);
    }

    private static WorkerNode start(
            Database db,
            AuditLog audit,
            AuditLog.ChainLease ownLease,
            Supplier<Screener> screener,
            IntakeLimits limits,
            DecisionPorts ports,
            KafkaSettings settings,
            MeterRegistry registry) {
        Objects.requireNonNull(settings);
        Clock clock = Clock.systemUTC();
        IdentitySchema.migrate(db);
        IntakeSchema.migrate(db);
        AuditLog.migrate(db);
        io.redline.decision.DecisionSchema.migrate(db);
        ReviewSchema.migrate(db);
        GroupCommit writes = new GroupCommit(db, WRITE_QUEUE_SIZE_MAX, WRITE_GROUP_SIZE_MAX);
        Ids ids = new Ids();
        Intake intake = new Intake(db, writes, limits, clock, ids, null, audit);
        PolicyStore policies = new PolicyStore(db, writes, audit, clock);
        Decisions decisions = ports.decisions(db, writes, audit, policies, screener, intake.reader(), clock, ids);
        Outbox outbox = new Outbox(db, writes, clock, ids);
        decisions.log().announceTo(new DecisionEvents(outbox, settings.topics()));
        OutboxRelay relay = new OutboxRelay(outbox, settings.bootstrapServers(), RELAY_POLL_MS).start();
        DecidedIntake decided =
                new DecidedIntake(intake, decisions, () -> {}); // the worker always waits: nothing to nudge;
        ScreeningWorker worker = new ScreeningWorker(settings, decided, decisions, registry).start();
        return new WorkerNode(writes, relay, worker, decisions, ownLease);
    }

    /**
     * A live-chat fast-path worker ({@code redline worker --live}): reads only the policy in force
     * from the database (refreshed by {@link PolicyStore}), never writes it.
     */
    public static LiveWorker startLive(
            Database db, Supplier<Screener> screener, KafkaSettings settings, MeterRegistry registry) {
        AuditLog.migrate(db);
        io.redline.decision.DecisionSchema.migrate(db);
        GroupCommit writes = new GroupCommit(db, 16, 1); // the policy store's own writes only: none here
        PolicyStore policies = new PolicyStore(db, writes, AuditLog.open(db), Clock.systemUTC());
        return new LiveWorker(settings, screener, () -> policies.active().policy(), registry).start();
    }

    public ScreeningWorker worker() {
        return worker;
    }

    public Decisions decisions() {
        return decisions;
    }

    public OutboxRelay relay() {
        return relay;
    }

    /** Graceful: the batch in hand is finished and committed, the outbox drained of what was claimed. */
    @Override
    public void close() {
        worker.stop(30_000);
        relay.stop(30_000);
        writes.close();
        if (lease != null) lease.close(); // after the last write: the chain is free for another worker
    }
}
