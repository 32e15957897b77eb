package io.redline.kafka;

import static io.redline.kafka.KafkaFixture.count;
import static org.assertj.core.api.Assertions.assertThat;

import io.redline.store.Database;
import io.redline.store.Eventually;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Screening workers against a real KRaft broker (in process, from Maven's Kafka jars) and a real
 * PostgreSQL: exactly one decision per item through a SIGKILL, a rebalance and a broker restart;
 * poison to the dead-letter topic without stopping the stream.
 */
class ScreeningWorkerTest {
    static final Duration LONG = Duration.ofSeconds(180); // a shared, loaded 2-core machine
    static KafkaFixture kafka;

    @BeforeAll
    static void broker() {
        kafka = new KafkaFixture();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    /** Every content decided once, one content per source record, and the decisions topic announces each. */
    private static void assertExactlyOnce(KafkaFixture.Scenario s, Database db, int items) {
        assertThat(count(db, "SELECT count(*) FROM contents")).isEqualTo(items);
        assertThat(count(db, "SELECT count(*) FROM decisions")).isEqualTo(items);
        assertThat(count(db, "SELECT count(DISTINCT content_id) FROM decisions"))
                .isEqualTo(items);
        assertThat(count(db, "SELECT count(DISTINCT idempotency_key) FROM contents"))
                .isEqualTo(items);
        // Each decision is also an audit entry: one content.decide per content.
        assertThat(count(db, "SELECT count(*) FROM audit_entries WHERE action = 'content.decide'"))
                .isEqualTo(items);
        Eventually.until("the outbox to drain", LONG, () -> count(db, "SELECT count(*) FROM kafka_outbox") == 0);
        List<ConsumerRecord<String, String>> events =
                s.read(s.settings().topics().decisions(), items, LONG);
        Set<String> announced = new HashSet<>();
        for (ConsumerRecord<String, String> r : events) announced.add(ScreeningWorker.header(r, "redline-content-id"));
        assertThat(announced).hasSize(items);
    }

    @Test
    void everyItemIsDecidedExactlyOnceWhenAWorkerIsKilledMidBatch() throws Exception {
        KafkaFixture.Scenario s = kafka.scenario();
        int items = 600;
        try (Database db = s.openDatabase()) {
            WorkerNode.start(
                            db,
                            () -> KafkaFixture.SCREENER,
                            io.redline.intake.IntakeLimits.defaults(),
                            KafkaFixture.PORTS,
                            s.settings(),
                            new io.micrometer.core.instrument.simple.SimpleMeterRegistry())
                    .close(); // migrates the database before the child and the producer race
            s.produceComments(0, items);
            Process child = s.childWorker();
            try {
                Eventually.until(
                        "the child worker to decide a few hundred items",
                        LONG,
                        () -> count(db, "SELECT count(*) FROM decisions") >= 100);
            } finally {
                child.destroyForcibly(); // SIGKILL: no shutdown hook, no final commit
                child.waitFor();
            }
            long atKill = count(db, "SELECT count(*) FROM decisions");
            assertThat(atKill).isLessThan(items);
            try (WorkerNode survivor = s.worker(db)) {
                Eventually.until(
                        "every item to be decided", LONG, () -> count(db, "SELECT count(*) FROM decisions") >= items);
                Eventually.until(
                        "the survivor to catch up",
                        LONG,
                        () -> survivor.worker().isRunning() && count(db, "SELECT count(*) FROM decisions") == items);
                assertExactlyOnce(s, db, items);
            }
        }
    }

    @Test
    void aPoisonMessageLandsInTheDeadLetterTopicAndTheNextItemIsStillDecided() throws Exception {
        KafkaFixture.Scenario s = kafka.scenario();
        String contents = s.settings().topics().contents();
        try (Database db = s.openDatabase();
                WorkerNode worker = s.worker(db);
                var producer = s.producer()) {
            byte[] oversized = new byte[s.settings().messageBytesMax() + 1];
            java.util.Arrays.fill(oversized, (byte) 'a');
            producer.send(new ProducerRecord<>(contents, "u1", bytes("{not json")))
                    .get();
            producer.send(new ProducerRecord<>(contents, "u1", oversized)).get();
            producer.send(new ProducerRecord<>(
                            contents, "u1", bytes("{\"surface\":\"comment\",\"text\":\"no author\"}")))
                    .get();
            producer.send(new ProducerRecord<>(
                            contents,
                            "u1",
                            bytes("{\"surface\":\"comment\",\"authorId\":\"u1\",\"text\":\"ok\",\"x\":1}")))
                    .get();
            producer.send(new ProducerRecord<>(
                            contents,
                            "u1",
                            bytes("{\"surface\":\"comment\",\"authorId\":\"u1\",\"text\":\"加 微 信 xiaomei_8866\"}")))
                    .get();
            Eventually.until(
                    "the item after the poison to be decided",
                    LONG,
                    () -> count(db, "SELECT count(*) FROM decisions") == 1);
            List<ConsumerRecord<String, String>> dead =
                    s.read(s.settings().topics().deadLetters(), 4, LONG);
            Map<String, String> reasons = new HashMap<>();
            for (ConsumerRecord<String, String> r : dead)
                reasons.put(
                        ScreeningWorker.header(r, "redline-dlt-source"),
                        ScreeningWorker.header(r, "redline-dlt-reason"));
            assertThat(reasons.values())
                    .containsExactlyInAnyOrder("unparseable", "oversized", "invalid", "unparseable");
            ConsumerRecord<String, String> invalid = dead.stream()
                    .filter(r -> "invalid".equals(ScreeningWorker.header(r, "redline-dlt-reason")))
                    .findFirst()
                    .orElseThrow();
            assertThat(ScreeningWorker.header(invalid, "redline-dlt-detail")).contains("authorId");
            Header source = invalid.headers().lastHeader("redline-dlt-source");
            assertThat(new String(source.value(), StandardCharsets.UTF_8)).startsWith(contents + "/");
            assertThat(count(db, "SELECT count(*) FROM decisions WHERE action = 'block'"))
                    .isEqualTo(1);
            assertThat(worker.worker().deadLetteredCount()).isEqualTo(4);
        }
    }

    /**
     * One author's live lines in one stream arrive in one batch; the worker decides them in order,
     * so the line that completes a split contact is screened with the lines before it.
     */
    @Test
    void aContactSplitOverLinesInOneBatchIsBlockedOnTheLastLineNamingTheEarlierOnes() throws Exception {
        KafkaFixture.Scenario s = kafka.scenario();
        String contents = s.settings().topics().contents();
        List<String> pieces = List.of("加", "我", "V", "abc", "123");
        try (var producer = s.producer()) {
            for (String piece : pieces) {
                // Another author's chatter in the same room between the lines, decided in parallel.
                for (String author : List.of("u1", "u2"))
                    producer.send(new ProducerRecord<>(
                            contents,
                            "room-1",
                            bytes("{\"surface\":\"live\",\"authorId\":\"" + author
                                    + "\",\"streamId\":\"room-1\",\"text\":\""
                                    + (author.equals("u1") ? piece : "主播好") + "\"}")));
            }
            producer.flush();
        }
        try (Database db = s.openDatabase();
                WorkerNode worker = s.worker(db)) {
            Eventually.until(
                    "the ten lines to be decided",
                    LONG,
                    () -> count(db, "SELECT count(*) FROM decisions") == 2L * pieces.size());
            Map<String, Long> ids = new HashMap<>();
            db.jdbi()
                    .useHandle(h -> h.createQuery("SELECT body, id FROM contents WHERE author_id = 'u1'")
                            .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                            .forEach(e -> ids.put(e.getKey(), e.getValue())));
            io.redline.decision.Decision last =
                    worker.decisions().current(ids.get("123")).orElseThrow();
            assertThat(last.action()).isEqualTo(io.redline.policy.Action.BLOCK);
            assertThat(last.evidence().getFirst().earlier())
                    .extracting(io.redline.decision.EvidenceHit.EarlierPart::contentId)
                    .containsExactly(Long.toString(ids.get("V")), Long.toString(ids.get("abc")));
            assertThat(count(db, "SELECT count(*) FROM decisions WHERE action = 'block'"))
                    .isEqualTo(1);
        }
    }

    @Test
    void aContentIdInAnotherScriptsDigitsIsDeadLetteredNotReadAsThatItem() throws Exception {
        KafkaFixture.Scenario s = kafka.scenario();
        String contents = s.settings().topics().contents();
        try (Database db = s.openDatabase();
                WorkerNode worker = s.worker(db);
                var producer = s.producer()) {
            producer.send(new ProducerRecord<>(
                            contents, "u1", bytes("{\"surface\":\"comment\",\"authorId\":\"u1\",\"text\":\"ok\"}")))
                    .get();
            Eventually.until(
                    "the first item to be decided", LONG, () -> count(db, "SELECT count(*) FROM decisions") == 1);
            long id = count(db, "SELECT max(id) FROM contents");
            // The stored item's id in Arabic-Indic digits: Long.parseLong reads "١٢٣" as 123.
            StringBuilder arabicIndic = new StringBuilder();
            for (char c : Long.toString(id).toCharArray()) arabicIndic.append((char) ('\u0660' + (c - '0')));
            ProducerRecord<String, byte[]> poison = new ProducerRecord<>(contents, "u1", new byte[0]);
            poison.headers().add("redline-content-id", bytes(arabicIndic.toString()));
            producer.send(poison).get();

            List<ConsumerRecord<String, String>> dead =
                    s.read(s.settings().topics().deadLetters(), 1, LONG);
            assertThat(ScreeningWorker.header(dead.get(0), "redline-dlt-reason"))
                    .isEqualTo("unparseable");
            assertThat(ScreeningWorker.header(dead.get(0), "redline-dlt-detail"))
                    .contains("ASCII digits")
                    .contains(arabicIndic);
            assertThat(worker.worker().deadLetteredCount()).isEqualTo(1);
            assertThat(count(db, "SELECT count(*) FROM decisions")).isEqualTo(1);
        }
    }

    @Test
    void aSecondWorkerJoiningRebalancesWithoutLosingOrDuplicatingDecisions() throws Exception {
        KafkaFixture.Scenario s = kafka.scenario();
        int items = 400;
        try (Database db = s.openDatabase();
                WorkerNode first = s.worker(db)) {
            s.produceComments(0, items / 2);
            Eventually.until(
                    "the first worker to start deciding", LONG, () -> count(db, "SELECT count(*) FROM decisions") > 0);
            try (WorkerNode second = s.worker(db)) {
                Eventually.until(
                        "the group to give the second worker partitions",
                        LONG,
                        () -> !second.worker().assignment().isEmpty());
                s.produceComments(items / 2, items / 2);
                Eventually.until(
                        "every item to be decided", LONG, () -> count(db, "SELECT count(*) FROM decisions") >= items);
                // A batch whose commit lost the race with the rebalance is delivered again and replays
                // (stored, not decided again): the counts in the database below are the proof.
                assertThat(second.worker().decidedCount()).isPositive();
                assertThat(first.worker().assignment())
                        .doesNotContainAnyElementsOf(second.worker().assignment());
            }
            assertExactlyOnce(s, db, items);
        }
    }

    @Test
    void decisionsResumeAfterTheBrokerRestartsUnderRunningWorkers() throws Exception {
        KafkaFixture.Scenario s = kafka.scenario();
        int items = 200;
        try (Database db = s.openDatabase();
                WorkerNode worker = s.worker(db)) {
            s.produceComments(0, items / 2);
            Eventually.until(
                    "the first half to be decided",
                    LONG,
                    () -> count(db, "SELECT count(*) FROM decisions") == items / 2);
            kafka.broker.stop();
            kafka.broker.start();
            s.produceComments(items / 2, items / 2);
            Eventually.until(
                    "every item to be decided after the restart",
                    LONG,
                    () -> count(db, "SELECT count(*) FROM decisions") >= items);
            assertExactlyOnce(s, db, items);
        }
    }

    @Test
    void inIntakeModeAnAcceptedItemIsPublishedFromTheOutboxAndDecidedOnceByAWorker() throws Exception {
        KafkaFixture.Scenario s = kafka.scenario();
        try (Database db = s.openDatabase();
                WorkerNode worker = s.worker(db);
                var writes = new io.redline.store.GroupCommit(db, 1_000, 64)) {
            // The server's side of intake mode, wired as RedlineServer.kafkaMode wires it.
            java.time.Clock clock = java.time.Clock.systemUTC();
            io.redline.store.Ids ids = new io.redline.store.Ids();
            var audit = io.redline.audit.AuditLog.open(db);
            var intake = new io.redline.intake.Intake(
                    db, writes, io.redline.intake.IntakeLimits.defaults(), clock, ids, null, audit);
            var decisions = new io.redline.decision.Decisions(
                    db,
                    writes,
                    audit,
                    new io.redline.decision.PolicyStore(db, writes, audit, clock),
                    () -> KafkaFixture.SCREENER,
                    clock,
                    ids);
            var outbox = new Outbox(db, writes, clock, ids);
            decisions.log().announceTo(new DecisionEvents(outbox, s.settings().topics()));
            var decided = new io.redline.decision.DecidedIntake(intake, decisions, () -> {})
                    .announceAcceptedTo(
                            new AcceptedItems(outbox, s.settings().topics().contents()));
            try (OutboxRelay relay = new OutboxRelay(outbox, s.settings().bootstrapServers(), 20).start()) {
                var submitted = decided.submit(
                        io.redline.identity.Principal.system("test"),
                        new io.redline.intake.Submission("comment", "u7", null, null, "加 微 信 xiaomei_8866", null, null),
                        List.of(),
                        null,
                        false);
                long id = submitted.receipts().get(0).content().id();
                Eventually.until(
                        "the worker to decide the published item",
                        LONG,
                        () -> count(db, "SELECT count(*) FROM decisions WHERE content_id = " + id) == 1);
                assertThat(count(db, "SELECT count(*) FROM contents")).isEqualTo(1); // not stored a second time
                List<ConsumerRecord<String, String>> published =
                        s.read(s.settings().topics().contents(), 1, LONG);
                assertThat(published).hasSize(1);
                assertThat(published.get(0).key()).isEqualTo("u7");
                assertThat(ScreeningWorker.header(published.get(0), "redline-content-id"))
                        .isEqualTo(Long.toString(id));
                List<ConsumerRecord<String, String>> events =
                        s.read(s.settings().topics().decisions(), 1, LONG);
                assertThat(events).hasSize(1);
                assertThat(events.get(0).value()).contains("\"action\":\"block\"");
            }
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
