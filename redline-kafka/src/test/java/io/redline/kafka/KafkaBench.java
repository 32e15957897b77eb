package io.redline.kafka;

import io.redline.audit.AuditLog;
import io.redline.decision.DecidedIntake;
import io.redline.decision.Decisions;
import io.redline.decision.PolicyStore;
import io.redline.identity.Principal;
import io.redline.intake.Intake;
import io.redline.intake.IntakeLimits;
import io.redline.intake.Submission;
import io.redline.review.tasks.ReportCounts;
import io.redline.store.Database;
import io.redline.store.GroupCommit;
import io.redline.store.Ids;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code bench/kafka.sh}: items per second decided and stored on one PostgreSQL, three ways in one
 * run on one machine — the single-process path (what {@code POST /v1/contents?wait=true} does
 * below HTTP: {@link DecidedIntake} from 64 client threads), and through Kafka with one and with
 * two worker processes (child JVMs, as {@code redline worker} runs). Each phase gets a fresh
 * database and fresh topics; the items are produced first, then the clock runs from the first
 * decision stored until the last (JVM start-up and the first rebalance are left out). Each phase
 * also prints its CPU per item and how busy the machine was ({@link CpuWindow}).
 *
 * <p>Arguments: {@code ITEMS} (default 20000), {@code PHASE_SECONDS_MAX} (default 600: a Kafka
 * phase still deciding then reports the rate of what it decided), {@code PHASES} (default
 * {@code single,1,2,live}).
 */
public final class KafkaBench {
    private KafkaBench() {}

    /** As {@code redline worker} runs: the full JIT (the tests' children stop at C1 to start quickly). */
    static final List<String> WORKER_JVM = List.of("-Xmx512m");

    public static void main(String[] args) throws Exception {
        int items = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        phaseSecondsMax = args.length > 1 ? Long.parseLong(args[1]) : 600;
        java.util.Set<String> phases = java.util.Set.of((args.length > 2 ? args[2] : "single,1,2,live").split(","));
        try (KafkaFixture kafka = new KafkaFixture()) {
            double single = Double.NaN, one = Double.NaN;
            if (phases.contains("single")) {
                single = singleProcess(kafka.scenario(), items);
                System.out.printf(
                        "single process (DecidedIntake ?wait=true path, 64 threads): %,.0f items/s%n", single);
            }
            if (phases.contains("1")) {
                one = throughKafka(kafka.scenario(), items, 1);
                System.out.printf(
                        "Kafka, 1 worker process:  %,.0f items/s (%.2fx the single process)%n", one, one / single);
            }
            if (phases.contains("2")) {
                double two = throughKafka(kafka.scenario(), items, 2);
                System.out.printf(
                        "Kafka, 2 worker processes: %,.0f items/s (%.2fx one worker, %.2fx the single process)%n",
                        two, two / one, two / single);
            }
            if (phases.contains("live")) {
                double live = live(kafka.scenario(), items * 5);
                System.out.printf("live-chat fast path, 1 worker (in process): %,.0f lines/s%n", live);
            }
            System.out.flush();
        }
        System.exit(0);
    }

    /** A Kafka phase that has not decided every item by then reports the rate of what it did decide. */
    static long phaseSecondsMax = 600;

    static double singleProcess(KafkaFixture.Scenario s, int items) throws Exception {
        try (Database db = s.openDatabase();
                GroupCommit writes = new GroupCommit(db, 10_000, 256)) {
            WorkerNode.start(
                            db,
                            () -> KafkaFixture.SCREENER,
                            IntakeLimits.defaults(),
                            KafkaFixture.PORTS,
                            s.settings(),
                            new io.micrometer.core.instrument.simple.SimpleMeterRegistry())
                    .close(); // the same schema as the Kafka phases
            Clock clock = Clock.systemUTC();
            Ids ids = new Ids();
            AuditLog audit = AuditLog.open(db);
            Intake intake = new Intake(db, writes, IntakeLimits.defaults(), clock, ids, null, audit);
            Decisions decisions = new Decisions(
                    db,
                    writes,
                    audit,
                    new PolicyStore(db, writes, audit, clock),
                    () -> KafkaFixture.SCREENER,
                    intake.reader(),
                    new ReportCounts(clock),
                    clock,
                    ids);
            DecidedIntake decided = new DecidedIntake(intake, decisions, () -> {});
            Principal who = Principal.system("bench");
            AtomicInteger next = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(64);
            CpuWindow cpu = CpuWindow.start(List.of(ProcessHandle.current()));
            long t0 = System.nanoTime();
            List<Future<?>> all = new ArrayList<>();
            for (int t = 0; t < 64; t++) {
                all.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < items; i = next.getAndIncrement()) {
                        decided.submit(
                                who,
                                new Submission("comment", "author" + (i % 23), null, null, text(i), null, null),
                                List.of(),
                                "bench-" + i,
                                true);
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) f.get();
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.println(cpu.report("this process (clients, deciding, the broker idling)", items));
            pool.shutdown();
            return items / seconds;
        }
    }

    static double throughKafka(KafkaFixture.Scenario s, int items, int workers) throws Exception {
        try (Database db = s.openDatabase()) {
            WorkerNode.start(
                            db,
                            () -> KafkaFixture.SCREENER,
                            IntakeLimits.defaults(),
                            KafkaFixture.PORTS,
                            s.settings(),
                            new io.micrometer.core.instrument.simple.SimpleMeterRegistry())
                    .close();
            s.produceComments(0, items);
            List<Process> children = new ArrayList<>();
            for (int w = 0; w < workers; w++) children.add(s.childWorker(WORKER_JVM));
            try {
                // The clock starts at the first stored decision: JVM start-up and the group's first
                // rebalance are not throughput.
                long c0;
                while ((c0 = KafkaFixture.count(db, "SELECT count(*) FROM decisions")) == 0)
                    LockSupport.parkNanos(10_000_000);
                CpuWindow cpu =
                        CpuWindow.start(children.stream().map(Process::toHandle).toList());
                long t0 = System.nanoTime();
                long deadline = t0 + phaseSecondsMax * 1_000_000_000L;
                long decided;
                while ((decided = KafkaFixture.count(db, "SELECT count(*) FROM decisions")) < items
                        && System.nanoTime() < deadline) LockSupport.parkNanos(50_000_000);
                double seconds = (System.nanoTime() - t0) / 1e9;
                if (decided < items)
                    System.out.printf(
                            "  (stopped after %.0f s with %,d of %,d items decided; the rate is of those)%n",
                            seconds, decided, items);
                System.out.println(
                        cpu.report(workers == 1 ? "the worker" : "the " + workers + " workers", decided - c0));
                return (decided - c0) / seconds;
            } finally {
                for (Process p : children) p.destroy();
                for (Process p : children) p.waitFor();
            }
        }
    }

    static double live(KafkaFixture.Scenario s, int lines) throws Exception {
        String topic = s.settings().topics().live();
        try (var p = s.producer()) {
            List<Future<?>> acks = new ArrayList<>();
            for (int i = 0; i < lines; i++) {
                String stream = "s" + (i % 200);
                String json = "{\"streamId\":\"" + stream + "\",\"authorId\":\"u" + (i % 977) + "\",\"text\":\""
                        + text(i) + "\",\"messageId\":\"m" + i + "\"}";
                acks.add(p.send(new org.apache.kafka.clients.producer.ProducerRecord<>(
                        topic, stream, json.getBytes(StandardCharsets.UTF_8))));
            }
            for (Future<?> f : acks) f.get();
        }
        io.redline.policy.Policy policy = io.redline.policy.DefaultPolicy.load();
        try (LiveWorker w = new LiveWorker(
                        s.settings().withBatchMax(2_000),
                        () -> KafkaFixture.SCREENER,
                        () -> policy,
                        new io.micrometer.core.instrument.simple.SimpleMeterRegistry())
                .start()) {
            while (w.screenedCount() == 0) LockSupport.parkNanos(5_000_000);
            long c0 = w.screenedCount();
            long t0 = System.nanoTime();
            while (w.screenedCount() < lines) LockSupport.parkNanos(20_000_000);
            return (lines - c0) / ((System.nanoTime() - t0) / 1e9);
        }
    }

    private static String text(int i) {
        String[] texts = {"好看!", "今天天气真好", "请加 微 信 xyz 详聊", "网赌 稳赚", "求链接", "私信我 看看"};
        return texts[i % texts.length] + " #" + i;
    }
}
