package io.redline.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.redline.audit.AuditLog;
import io.redline.decision.Backtest;
import io.redline.decision.DecidedIntake;
import io.redline.decision.DecisionPorts;
import io.redline.decision.DecisionSchema;
import io.redline.decision.DecisionWorker;
import io.redline.decision.Decisions;
import io.redline.decision.PictureScreener;
import io.redline.decision.PolicyStore;
import io.redline.gateway.ExchangeLog;
import io.redline.gateway.Gateway;
import io.redline.gateway.GatewayRecords;
import io.redline.gateway.GatewayRetention;
import io.redline.identity.ConsoleSessions;
import io.redline.identity.IdentitySchema;
import io.redline.identity.IssuedToken;
import io.redline.identity.Passwords;
import io.redline.identity.Principal;
import io.redline.identity.Role;
import io.redline.identity.TokenRequest;
import io.redline.identity.Tokens;
import io.redline.identity.Users;
import io.redline.intake.ImageFiles;
import io.redline.intake.Intake;
import io.redline.intake.IntakeSchema;
import io.redline.intake.Labelling;
import io.redline.review.ReviewSchema;
import io.redline.review.tasks.ReviewTasks;
import io.redline.review.tasks.TaskConfig;
import io.redline.review.webhooks.WebhookDispatcher;
import io.redline.review.webhooks.Webhooks;
import io.redline.server.admin.LedgerBooks;
import io.redline.server.admin.TokenAdmin;
import io.redline.server.admin.UserAdmin;
import io.redline.server.config.Lexicons;
import io.redline.server.config.RedlineConfig;
import io.redline.server.console.Console;
import io.redline.server.console.CreatorPages;
import io.redline.server.console.OversightPages;
import io.redline.server.console.ReviewPages;
import io.redline.server.http.AuditEndpoints;
import io.redline.server.http.Bodies;
import io.redline.server.http.ComputePool;
import io.redline.server.http.ContentEndpoints;
import io.redline.server.http.Endpoint;
import io.redline.server.http.GatewayEndpoints;
import io.redline.server.http.HttpApi;
import io.redline.server.http.LedgerEndpoints;
import io.redline.server.http.MediaEndpoints;
import io.redline.server.http.PolicyEndpoints;
import io.redline.server.http.ReviewEndpoints;
import io.redline.server.http.ScreenEndpoints;
import io.redline.server.http.SystemEndpoints;
import io.redline.server.http.TokenEndpoints;
import io.redline.server.http.UserEndpoints;
import io.redline.server.http.WebhookEndpoints;
import io.redline.store.Database;
import io.redline.store.DrainLoop;
import io.redline.store.GroupCommit;
import io.redline.store.Ids;
import io.redline.text.ScreenerHolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: every engine and service is built and wired here, explicitly, in the
 * order they depend on each other. Nothing else constructs services.
 */
public final class RedlineServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedlineServer.class);
    /** Writes waiting for a commit; about a second of peak intake, beyond which callers get 503. */
    private static final int WRITE_QUEUE_SIZE_MAX = 8_192;
    /** Writes per shared transaction; bounds how long one commit holds SQLite's write lock. */
    private static final int WRITE_GROUP_SIZE_MAX = 256;

    private static final long TASK_SWEEP_MS = 500;
    private static final int TASK_SWEEP_BATCH_MAX = 200;
    private static final long SESSION_PURGE_MS = 60_000;
    /** The gateway retention step: retention is counted in days, so a minute between steps is plenty. */
    private static final long GATEWAY_RETENTION_MS = 60_000;
    /** Password checks at once: one per core of the 2-core reference machine (0.15 s of CPU each, on purpose). */
    private static final int PASSWORD_THREADS = 2;
    /** Sign-ins that may wait for a password thread: under half a second of waiting, then 503. */
    private static final int PASSWORD_QUEUE_MAX = 2;
    /** Screenings (?wait=true, /v1/screen) that may wait: a few hundred requests of a burst, then 503. */
    private static final int SCREENING_QUEUE_MAX = 256;
    /** Backtests and rescreens replay history: one at a time, one waiting. */
    private static final int REPLAY_THREADS = 1;

    private static final int REPLAY_QUEUE_MAX = 1;
    /** Policy YAML parses (validate, save) at once and waiting: editors are few; a flood gets 503. */
    private static final int POLICY_PARSE_THREADS = 1;

    private static final int POLICY_PARSE_QUEUE_MAX = 4;

    private final RedlineConfig config;
    private final Database db;
    private final GroupCommit writes;
    private final Tokens tokens;
    private final Users users;
    private final ConsoleSessions consoleSessions;
    private final AuditLog audit;
    /** The start-up check of the audit chain's tail (since the newest anchor), reported by /readyz and metrics. */
    private final io.redline.audit.VerifyResult auditTail;

    private final TokenAdmin tokenAdmin;
    private final UserAdmin userAdmin;
    private final ScreenerHolder screener;
    private final Intake intake;
    private final PolicyStore policies;
    private final Decisions decisions;
    private final DecisionWorker worker;
    private final DecidedIntake decidedIntake;
    private final Webhooks webhooks;
    private final WebhookDispatcher webhookDispatcher;
    private final ReviewTasks tasks;
    /** Opens review tasks for review decisions (and quality samples) the worker or clients stored. */
    private final DrainLoop taskSweeper;
    /** Deletes ended console sessions once a minute (a lookup refuses them anyway; this keeps the table small). */
    private final DrainLoop sessionPurge;

    private final DrainLoop gatewayRetention;

    private final Backtest backtest;
    private final ExchangeLog exchanges;
    private final GatewayRecords gatewayRecords;
    private final Gateway gateway;
    /** CPU-heavy work runs on these bounded platform-thread pools, never on the HTTP virtual threads' carriers. */
    private final ComputePool passwordWork;

    private final ComputePool screeningWork;
    private final ComputePool replayWork;
    /** The decision capability's ports; its picture pool runs OCR and code scanning off the request path. */
    private final DecisionWiring decisionWiring;

    private final PrometheusMeterRegistry metrics;
    private final PictureScreener pictureScreener;
    private final ComputePool policyWork;
    private final LedgerBooks ledger;
    private final io.redline.rights.consent.ConsentRegistry consent;
    private final io.redline.rights.copies.CopyRegister copies;
    private final io.redline.rights.datasets.Datasets datasets;
    private final io.redline.rights.datasets.TrainingRuns trainingRuns;
    private final io.redline.rights.datasets.Revocations revocations;
    private final io.redline.rights.copies.Backfill copyBackfill;
    private final CopyBackfillOnIntake copyBackfillSource;
    private final io.redline.rights.datasets.Candidates datasetCandidates;
    private final List<Endpoint> endpoints;
    private final HttpApi http;
    private final Console console;
    /** Kafka mode only (kafka.bootstrapServers set): relays accepted items and decisions to their topics. */
    private final io.redline.kafka.OutboxRelay kafkaRelay;

    private boolean started;

    public RedlineServer(RedlineConfig config) {
        this(config, Clock.systemUTC());
    }

    /** With another clock: tests that need a day to end (royalty settlement) move it. */
    public RedlineServer(RedlineConfig config, Clock clock) {
        this.config = config;
        if (config.storage().dbUrl() == null) {
            try {
                io.redline.store.OwnerOnly.directories(config.dataDir());
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "cannot create the data directory " + config.dataDir().toAbsolutePath(), e);
            }
        }
        this.db = Database.open(config.storeConfig());
        migrate(db);
        this.audit = AuditLog.open(db, config.auditRetention(), clock);
        // Before anything appends: a chain edited while we were down must not be buried under new entries unnoticed.
        this.auditTail = audit.verifyTail();
        if (!auditTail.ok()) {
            log.atError()
                    .addKeyValue("summary", auditTail.summary())
                    .log("the audit chain does not verify; /readyz and metrics report it");
        }
        this.tokens = new Tokens(db, clock);
        this.tokenAdmin = new TokenAdmin(db, tokens, audit);
        if (config.console().passwordIterations() < Passwords.ITERATIONS_DEFAULT) {
            log.atWarn()
                    .addKeyValue("passwordIterations", config.console().passwordIterations())
                    .log("console passwords are hashed with fewer PBKDF2 iterations than the default "
                            + Passwords.ITERATIONS_DEFAULT);
        }
        this.users = new Users(db, clock, new Passwords(config.console().passwordIterations()));
        this.consoleSessions = new ConsoleSessions(
                db,
                clock,
                tokens,
                users,
                config.console().sessionIdle(),
                config.console().sessionAbsolute());
        this.userAdmin = new UserAdmin(db, users, consoleSessions, audit);
        // Compiled on first use: commands that never screen (audit verify, token, user, policy validate)
        // never pay for it; start() compiles before serving, so a bad lexicon still stops the server.
        this.screener = ScreenerHolder.lazy(() ->
                Lexicons.screener(config.text().lexiconFile(), config.text().allowListFile(), "custom"));
        this.writes = new GroupCommit(db, WRITE_QUEUE_SIZE_MAX, WRITE_GROUP_SIZE_MAX);
        ImageFiles imageFiles = new ImageFiles(config.dataDir().resolve("media"));
        Labelling labelling = new Labelling(
                imageFiles,
                config.media().limits(),
                config.media().producerId(),
                config.media().provenance(),
                config.media().c2paTrust());
        Ids ids = new Ids();
        this.intake = new Intake(db, writes, config.limits().intake(), clock, ids, labelling, audit);
        this.policies = new PolicyStore(db, writes, audit, clock);
        // One factory for the decision capability's ports (reports, copies, pictures): the Kafka worker uses it too.
        this.metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.decisionWiring = DecisionWiring.open(db, audit, config, imageFiles, metrics, clock, false);
        this.consent = decisionWiring.consent();
        this.copies = decisionWiring.copies();
        DecisionPorts ports = decisionWiring.ports();
        this.decisions = ports.decisions(db, writes, audit, policies, screener::current, intake.reader(), clock, ids);
        this.pictureScreener = decisionWiring.inspectScreener();
        this.worker = new DecisionWorker(
                decisions, config.review().workerBatchMax(), config.review().workerIntervalMs());
        this.backtest =
                new Backtest(db, policies, screener::current, intake.reader(), ports.reports(), ports.reposts());
        this.datasets = io.redline.rights.datasets.Datasets.open(db, consent, audit, clock);
        this.datasetCandidates = new DatasetCandidatesOnIntake(intake.reader(), decisions);
        this.copyBackfill = new io.redline.rights.copies.Backfill(db, copies, audit, clock);
        this.copyBackfillSource = new CopyBackfillOnIntake(intake.reader(), decisions, decisionWiring.reposts(), clock);
        this.trainingRuns = new io.redline.rights.datasets.TrainingRuns(db, datasets, audit, clock);
        this.ledger = LedgerBooks.open(db, audit, clock, trainingRuns);
        this.webhooks = new Webhooks(
                db,
                writes,
                audit,
                config.webhookSubscriptions(),
                config.webhooks().maxAttempts(),
                clock,
                ids);
        this.webhookDispatcher = new WebhookDispatcher(webhooks, clock);
        this.tasks = new ReviewTasks(
                db,
                writes,
                audit,
                decisions,
                TaskConfig.defaults()
                        .withSampleRates(
                                config.review().autoAllowSampleRate(),
                                config.review().reviewerSampleRate()),
                clock,
                ids,
                webhooks);
        this.sessionPurge = new DrainLoop(
                "redline-session-purge", SESSION_PURGE_MS, Integer.MAX_VALUE, consoleSessions::purgeExpired);
        this.taskSweeper = new DrainLoop(
                "redline-task-sweeper",
                TASK_SWEEP_MS,
                TASK_SWEEP_BATCH_MAX,
                () -> tasks.openPending(TASK_SWEEP_BATCH_MAX));

        ObjectMapper json = jsonMapper();
        new ClassLoaderMetrics().bindTo(metrics);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmGcMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        new UptimeMetrics().bindTo(metrics);
        io.micrometer.core.instrument.Gauge.builder("redline.audit.chain.intact", () -> auditTail.ok() ? 1 : 0)
                .description(
                        "1 when the audit chain's tail since the newest anchor verified at start-up, 0 when it is broken")
                .register(metrics);
        this.passwordWork = new ComputePool("password", PASSWORD_THREADS, PASSWORD_QUEUE_MAX, 2).bindTo(metrics);
        this.screeningWork = new ComputePool(
                        "screening", Runtime.getRuntime().availableProcessors(), SCREENING_QUEUE_MAX, 1)
                .bindTo(metrics);
        this.replayWork = new ComputePool("replay", REPLAY_THREADS, REPLAY_QUEUE_MAX, 10).bindTo(metrics);
        this.policyWork = new ComputePool("policy", POLICY_PARSE_THREADS, POLICY_PARSE_QUEUE_MAX, 1).bindTo(metrics);
        this.decidedIntake = new DecidedIntake(intake, decisions, worker::nudge, new DecidedIntake.Offload() {
            @Override
            public <T> T call(io.redline.identity.Principal who, java.util.concurrent.Callable<T> work) {
                return screeningWork.call(who.tokenId(), work);
            }
        });
        this.kafkaRelay = config.kafka().enabled() ? kafkaMode(config.kafka().settings(), clock, ids) : null;
        Bodies bodies = new Bodies(json, config.server().bodyBytesMax());
        this.exchanges = new ExchangeLog(db);
        this.gatewayRecords = new GatewayRecordsOnIntake(
                decidedIntake,
                intake,
                db,
                audit,
                intake.limits(),
                policies,
                exchanges,
                config.gateway().storeFullText());
        this.gateway = new Gateway(
                config.gateway(),
                screener::current,
                gatewayRecords,
                metrics,
                clock,
                ids,
                config.media().limits(),
                config.media().c2paSigner());
        this.gatewayRetention = new DrainLoop(
                "redline-gateway-retention",
                GATEWAY_RETENTION_MS,
                GatewayRetention.BATCH_MAX,
                new GatewayRetention(exchanges, gatewayRecords, config.gateway().retention(), clock)::step);

        List<Endpoint> all = new ArrayList<>();
        SystemEndpoints system =
                new SystemEndpoints(db, metrics, config.server().metricsPublic(), auditTail);
        system.reportPictures(
                decisionWiring.ocr().available(), decisionWiring.ocr().detail());
        all.addAll(system.endpoints());
        all.addAll(new ContentEndpoints(
                        intake, decidedIntake, decisions, bodies, config.media().fileBytesMax(), consent)
                .endpoints());
        all.addAll(new ReviewEndpoints(tasks, bodies).endpoints());
        all.addAll(new PolicyEndpoints(
                        policies,
                        decisions,
                        backtest,
                        bodies,
                        config.review().minutesPerReview(),
                        replayWork,
                        policyWork)
                .endpoints());
        all.addAll(new TokenEndpoints(tokenAdmin, bodies).endpoints());
        all.addAll(new UserEndpoints(userAdmin, bodies, passwordWork).endpoints());
        all.addAll(new WebhookEndpoints(webhooks, json).endpoints());
        all.addAll(new ScreenEndpoints(screener, bodies, config.limits().textCharsMax(), screeningWork).endpoints());
        all.addAll(new AuditEndpoints(audit, replayWork).endpoints());
        all.addAll(new MediaEndpoints(
                        config.media().limits(),
                        bodies,
                        screeningWork,
                        config.media().c2paTrust())
                .withPictures(pictureScreener, screener::current)
                .endpoints());
        GatewayEndpoints gatewayEndpoints = new GatewayEndpoints(gateway);
        all.addAll(gatewayEndpoints.endpoints());
        all.addAll(new LedgerEndpoints(ledger, bodies).endpoints());
        this.revocations = new io.redline.rights.datasets.Revocations(db, datasets, consent, audit, clock);
        all.addAll(new io.redline.server.http.RightsEndpoints(consent, intake, bodies, revocations).endpoints());
        all.addAll(new io.redline.server.http.DatasetEndpoints(
                        datasets,
                        datasetCandidates,
                        revocations,
                        contentIds -> {
                            java.util.Map<Long, String> out = new java.util.HashMap<>();
                            decisions
                                    .currentOf(contentIds)
                                    .forEach((id, d) -> out.put(id, d.action().code()));
                            return out;
                        },
                        config.dataDir().resolve("datasets"),
                        bodies,
                        replayWork)
                .endpoints());
        all.addAll(new io.redline.server.http.TrainingRunEndpoints(trainingRuns, bodies).endpoints());
        this.endpoints = List.copyOf(all);
        system.describe(endpoints);
        this.http = new HttpApi(
                endpoints,
                tokens,
                json,
                metrics,
                config.server().bodyBytesMax(),
                config.media().fileBytesMax(),
                config.server().shutdownGraceMs(),
                gatewayEndpoints);
        this.console = new Console(
                consoleSessions, tokens, users, audit, config.console().secureCookies(), passwordWork);
        console.with(new ReviewPages(console, tasks, intake, decisions).routes())
                .with(new CreatorPages(console, tasks, intake, decisions).routes())
                .with(new io.redline.server.console.GatewayPages(console, exchanges).routes())
                .with(new OversightPages(
                                console,
                                tasks,
                                decisions,
                                policies,
                                backtest,
                                audit,
                                config.review().minutesPerReview(),
                                replayWork,
                                policyWork)
                        .routes())
                .with(new io.redline.server.console.LedgerPages(console, ledger).routes())
                .with(new io.redline.server.console.ConsentPages(
                                console, consent, revocations, trainingRuns, intake, clock)
                        .routes())
                .register(http.javalin());
    }

    /**
     * Kafka mode: accepted items, every decision and every opened review task are written to the
     * Kafka outbox in their own transactions and relayed to the topics; {@code redline worker} processes decide (the server's
     * own decision worker stays stopped, see {@link #start}).
     */
    private io.redline.kafka.OutboxRelay kafkaMode(io.redline.kafka.KafkaSettings kafka, Clock clock, Ids ids) {
        var outbox = new io.redline.kafka.Outbox(db, writes, clock, ids);
        decisions.log().announceTo(new io.redline.kafka.DecisionEvents(outbox, kafka.topics()));
        tasks.announceOpenedTo(new io.redline.kafka.TaskEvents(outbox, kafka.topics()));
        decidedIntake.announceAcceptedTo(
                new io.redline.kafka.AcceptedItems(outbox, kafka.topics().contents()));
        return new io.redline.kafka.OutboxRelay(outbox, kafka.bootstrapServers(), 50);
    }

    /**
     * Every capability's schema, in the one order that works: each capability owns and runs its
     * migrations, and review's scripts index the decision tables, so decision comes before
     * review; the others are independent. Services also migrate their own capability when built
     * alone (tests); doing it here first makes the order explicit.
     */
    public static void migrate(Database db) {
        IdentitySchema.migrate(db);
        IntakeSchema.migrate(db);
        AuditLog.migrate(db);
        DecisionSchema.migrate(db);
        ReviewSchema.migrate(db);
    }

    public static ObjectMapper jsonMapper() {
        // Requests run on virtual threads, which never reuse a thread-local: Jackson's default
        // buffer pool (one per thread) would allocate fresh buffers for every request.
        com.fasterxml.jackson.core.JsonFactory factory = com.fasterxml.jackson.core.JsonFactory.builder()
                .recyclerPool(com.fasterxml.jackson.core.util.JsonRecyclerPools.sharedConcurrentDequePool())
                .build();
        // Blackbird (Jackson's own module) reads and writes properties through generated lambdas
        // instead of Method.invoke: reflection was ~9% of a request thread's samples on
        // POST /v1/contents?wait=true (docs/benchmarks.md, session 9).
        return new ObjectMapper(factory)
                .registerModule(new JavaTimeModule())
                .registerModule(new com.fasterxml.jackson.module.blackbird.BlackbirdModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /** Creates the first admin token when none exists; the secret is returned once and never again. */
    public Optional<IssuedToken> bootstrapAdmin() {
        if (tokens.hasActiveAdmin()) return Optional.empty();
        return Optional.of(
                tokenAdmin.issue(new TokenRequest(Role.ADMIN, null, "bootstrap admin"), Principal.system("bootstrap")));
    }

    public RedlineServer start() {
        screener.current();
        http.javalin().start(config.server().host(), config.server().port());
        if (kafkaRelay == null) worker.start(); // in Kafka mode the workers decide
        else kafkaRelay.start();
        webhookDispatcher.start();
        taskSweeper.start();
        sessionPurge.start();
        gatewayRetention.start();
        started = true;
        log.atInfo()
                .addKeyValue("url", baseUrl())
                .addKeyValue("database", db.config().redactedUrl())
                .log("redline serving");
        return this;
    }

    public int port() {
        return http.javalin().port();
    }

    public String baseUrl() {
        String host = config.server().host();
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("127.0.0.1")) host = "localhost";
        return "http://" + host + ":" + port();
    }

    public List<Endpoint> endpoints() {
        return endpoints;
    }

    /** The console's pages and form actions, each with the roles it admits. */
    public List<io.redline.server.console.ConsoleRoute> consoleRoutes() {
        return console.routes();
    }

    public Tokens tokens() {
        return tokens;
    }

    public Users users() {
        return users;
    }

    public ConsoleSessions consoleSessions() {
        return consoleSessions;
    }

    public TokenAdmin tokenAdmin() {
        return tokenAdmin;
    }

    public UserAdmin userAdmin() {
        return userAdmin;
    }

    public AuditLog audit() {
        return audit;
    }

    public ScreenerHolder screener() {
        return screener;
    }

    public ReviewTasks tasks() {
        return tasks;
    }

    public Webhooks webhooks() {
        return webhooks;
    }

    public RedlineConfig config() {
        return config;
    }

    public Backtest backtest() {
        return backtest;
    }

    public PolicyStore policies() {
        return policies;
    }

    public Decisions decisions() {
        return decisions;
    }

    /** The pool console sign-ins hash passwords on (tests watch it fill up). */
    public ComputePool passwordWork() {
        return passwordWork;
    }

    /** The pool backtests, rescreens and audit verification run on (tests fill it up). */
    public ComputePool replayWork() {
        return replayWork;
    }

    /** The pool policy YAML is parsed on (tests fill it up). */
    public ComputePool policyWork() {
        return policyWork;
    }

    public Intake intake() {
        return intake;
    }

    public Gateway gateway() {
        return gateway;
    }

    /** The gateway's door to intake, decisions and audit (its retention step runs through it too). */
    public GatewayRecords gatewayRecords() {
        return gatewayRecords;
    }

    public ExchangeLog exchanges() {
        return exchanges;
    }

    /** Dataset exports (redline-rights), for the CLI. */
    public io.redline.rights.datasets.Datasets datasets() {
        return datasets;
    }

    public io.redline.rights.datasets.TrainingRuns trainingRuns() {
        return trainingRuns;
    }

    /**
     * Continues the copy backfill (content stored before copy detection ran at intake) for at most
     * {@code itemsMax} items, in batches of {@code batch}; see {@link io.redline.rights.copies.Backfill}.
     */
    public io.redline.rights.copies.Backfill.Progress backfillCopies(int batch, long itemsMax) {
        return copyBackfill.run(copyBackfillSource, batch, itemsMax);
    }

    public io.redline.rights.datasets.Revocations revocations() {
        return revocations;
    }

    public io.redline.rights.consent.ConsentRegistry consent() {
        return consent;
    }

    /** What a dataset export reads: intake's contents with their decisions as of the export time. */
    public io.redline.rights.datasets.Candidates datasetCandidates() {
        return datasetCandidates;
    }

    public Database database() {
        return db;
    }

    public LedgerBooks ledger() {
        return ledger;
    }

    /** Stops taking requests, lets in-flight ones finish (bounded by the grace period), then closes storage. */
    @Override
    public void close() {
        if (started) {
            http.javalin().stop();
            worker.stop(config.server().shutdownGraceMs());
            taskSweeper.stop(config.server().shutdownGraceMs());
            sessionPurge.stop(config.server().shutdownGraceMs());
            gatewayRetention.stop(config.server().shutdownGraceMs());
            started = false;
        }
        gateway.close(); // stores the exchanges still in flight
        webhookDispatcher.stop(config.server().shutdownGraceMs()); // also closes its HTTP client when never started
        if (kafkaRelay != null) kafkaRelay.stop(config.server().shutdownGraceMs());
        passwordWork.close();
        screeningWork.close();
        replayWork.close();
        decisionWiring.close();
        policyWork.close();
        writes.close();
        db.close();
        log.info("redline stopped");
    }
}
