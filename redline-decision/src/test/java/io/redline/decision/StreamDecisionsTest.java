package io.redline.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redline.intake.FieldError;
import io.redline.intake.Intake;
import io.redline.intake.IntakeException;
import io.redline.intake.IntakeLimits;
import io.redline.intake.Submission;
import io.redline.policy.Action;
import io.redline.store.Database;
import io.redline.store.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A message one author splits over consecutive live-chat lines is decided on the line that
 * completes it, with the earlier lines named in the evidence: real intake and decisions, SQLite
 * and PostgreSQL.
 */
class StreamDecisionsTest {
    /** A WeChat contact typed one piece a line. */
    static final String[] SPLIT = {"加", "我", "V", "abc", "123"};
    /** A phone number typed one piece a line. */
    static final String[] PHONE = {"138", "00", "13", "80", "00"};

    /** A clock the test moves (intake stamps created_at with it; the stream window counts on it). */
    static final class TestClock extends Clock {
        volatile Instant now = Instant.ofEpochMilli(System.currentTimeMillis());

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    record Setup(Fixture f, Intake intake, DecidedIntake decided, TestClock clock) implements AutoCloseable {
        /** Submits one line and waits for its decision (what a live-chat producer does). */
        Decision say(String author, String stream, String text) {
            DecidedIntake.Submitted r =
                    decided.submit(Fixture.SERVICE, live(author, stream, text), List.of(), null, true);
            return r.decisionOf(r.receipts().get(0));
        }

        @Override
        public void close() {
            f.close();
        }
    }

    static Setup setup(Database db) {
        Fixture f = new Fixture(db);
        f.policies.activate(
                f.policies.save(Fixture.STRICT_POLICY, Fixture.EDITOR).version(), Fixture.EDITOR);
        TestClock clock = new TestClock();
        Intake intake = new Intake(db, f.writes, IntakeLimits.defaults(), clock, new Ids(5), null, f.audit);
        return new Setup(f, intake, new DecidedIntake(intake, f.decisions, () -> {}), clock);
    }

    static Submission live(String author, String stream, String text) {
        return new Submission("live", author, null, null, text, List.of(), List.of(), false, stream);
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aPhoneNumberSplitOverFiveLinesIsBlockedOnTheFifthNamingTheFourEarlierLines(Supplier<Database> factory) {
        try (Setup s = setup(factory.get())) {
            List<Decision> lines = new ArrayList<>();
            for (String piece : PHONE) {
                lines.add(s.say("u1", "room-7", piece));
                s.clock().advance(Duration.ofSeconds(3));
            }

            for (Decision d : lines.subList(0, 4)) assertThat(d.action()).isEqualTo(Action.ALLOW);
            Decision fifth = lines.get(4);
            assertThat(fifth.action()).isEqualTo(Action.BLOCK);
            assertThat(fifth.reasonCode()).isEqualTo("off_platform_contact");
            EvidenceHit hit = crossLine(fifth);
            assertThat(hit.field()).isEqualTo("text");
            assertThat(hit.detector()).isEqualTo("phone");
            assertThat(hit.decisive()).isTrue();
            assertThat(hit.start()).isZero();
            assertThat(hit.end()).isEqualTo(2);
            // Every earlier line, oldest first, each used whole.
            List<EvidenceHit.EarlierPart> expected = new ArrayList<>();
            for (int i = 0; i < 4; i++)
                expected.add(
                        new EvidenceHit.EarlierPart(Long.toString(lines.get(i).contentId()), 0, PHONE[i].length()));
            assertThat(hit.earlier()).isEqualTo(expected);
            // Stored as decided, read back the same.
            assertThat(s.f().decisions.current(fifth.contentId())).contains(fifth);
            // A rescreen sees the same stream, so it does not undo the block.
            assertThat(s.f().decisions
                            .rescreen(Instant.EPOCH, Fixture.EDITOR, 100)
                            .changed())
                    .isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aWeChatContactSplitOverFiveLinesNamesTheLinesOfItsIdAndOfTheCueItNeeds(Supplier<Database> factory) {
        try (Setup s = setup(factory.get())) {
            List<Decision> lines = new ArrayList<>();
            for (String piece : SPLIT) lines.add(s.say("u1", "room-7", piece));

            for (Decision d : lines.subList(0, 4)) assertThat(d.action()).isEqualTo(Action.ALLOW);
            Decision fifth = lines.get(4);
            assertThat(fifth.action()).isEqualTo(Action.BLOCK);
            EvidenceHit hit = crossLine(fifth);
            assertThat(hit.detector()).isEqualTo("wechat");
            assertThat(hit.term()).isEqualTo("abc123");
            // The id spans "abc" and "123"; it is not found without the "V" before it, which is named
            // without a span. "Vabc123" is a contact on its own, so "加" and "我" were not needed.
            assertThat(hit.earlier())
                    .containsExactly(
                            new EvidenceHit.EarlierPart(
                                    Long.toString(lines.get(2).contentId()), null, null),
                            new EvidenceHit.EarlierPart(
                                    Long.toString(lines.get(3).contentId()), 0, 3));
        }
    }

    static EvidenceHit crossLine(Decision d) {
        return d.evidence().stream()
                .filter(e -> e.earlier() != null)
                .findFirst()
                .orElseThrow();
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void linesOfTwoAuthorsOrTwoStreamsNeverCombine(Supplier<Database> factory) {
        try (Setup s = setup(factory.get())) {
            for (String[] pieces : List.of(SPLIT, PHONE)) {
                String room = pieces == SPLIT ? "room-a" : "room-b";
                for (int i = 0; i < pieces.length; i++) {
                    // The first three pieces by one author, the rest by another, in one room.
                    assertThat(s.say(i < 3 ? "u1" : "u2", room + "1", pieces[i]).action())
                            .isEqualTo(Action.ALLOW);
                    // One author, the first three in one room, the rest in another.
                    assertThat(s.say("u3", room + (i < 3 ? "2" : "3"), pieces[i])
                                    .action())
                            .isEqualTo(Action.ALLOW);
                    // Nor do lines outside any stream combine.
                    assertThat(s.say("u4", null, pieces[i]).action()).isEqualTo(Action.ALLOW);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void linesOlderThanTheWindowDoNotCount(Supplier<Database> factory) {
        try (Setup s = setup(factory.get())) {
            for (int i = 0; i < 4; i++) s.say("u1", "room-1", PHONE[i]);
            s.clock().advance(Duration.ofSeconds(60));
            for (int i = 0; i < 4; i++) s.say("u2", "room-1", PHONE[i]);
            s.clock().advance(Duration.ofSeconds(61));
            // u1's lines are 121 s old: out of the 120 s window. u2's are 61 s old: in it.
            assertThat(s.say("u1", "room-1", PHONE[4]).action()).isEqualTo(Action.ALLOW);
            assertThat(s.say("u2", "room-1", PHONE[4]).action()).isEqualTo(Action.BLOCK);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void earlierLinesDecidedByAnotherProcessCountAndTheWorkerPathUsesThem(Supplier<Database> factory) {
        try (Setup s = setup(factory.get())) {
            for (int i = 0; i < 4; i++) s.say("u1", "room-9", PHONE[i]);
            // The fifth is stored without waiting and decided by another process's worker.
            long fifth = s.intake()
                    .submit(Fixture.SERVICE, live("u1", "room-9", PHONE[4]), null)
                    .content()
                    .id();
            Decisions other = s.f().secondDecisions();
            assertThat(other.decidePending(10)).isEqualTo(1);
            Decision d = other.current(fifth).orElseThrow();
            assertThat(d.action()).isEqualTo(Action.BLOCK);
            assertThat(d.evidence()).anySatisfy(e -> assertThat(e.earlier()).hasSize(4));
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aBatchWaitingForItsDecisionsSeesItsOwnEarlierLines(Supplier<Database> factory) {
        try (Setup s = setup(factory.get())) {
            s.say("u1", "room-4", PHONE[0]);
            List<Submission> rest = new ArrayList<>();
            for (int i = 1; i < PHONE.length; i++) rest.add(live("u1", "room-4", PHONE[i]));
            DecidedIntake.Submitted r = s.decided().submitBatch(Fixture.SERVICE, rest, null, true);
            Decision last = r.decisionOf(r.receipts().getLast());
            assertThat(last.action()).isEqualTo(Action.BLOCK);
            assertThat(last.evidence()).anySatisfy(e -> assertThat(e.earlier()).hasSize(4));
        }
    }

    @Test
    void aStreamIdIsAcceptedOnLiveAndCommentItemsOnlyAndMustBePrintable() {
        IntakeLimits limits = IntakeLimits.defaults();
        assertThat(live("u1", "room-1", "hi").validate(limits, "")).isEmpty();
        assertThat(new Submission("comment", "u1", null, null, "hi", List.of(), List.of(), false, "note:123")
                        .validate(limits, ""))
                .isEmpty();
        assertThat(new Submission("note", "u1", null, null, "hi", List.of(), List.of(), false, "s")
                        .validate(limits, "items[2]."))
                .extracting(FieldError::field)
                .containsExactly("items[2].streamId");
        for (String bad : List.of("", "  ", "room\u200b1", "room\n1", "r".repeat(limits.idCharsMax() + 1))) {
            assertThat(live("u1", bad, "hi").validate(limits, ""))
                    .as(bad)
                    .extracting(FieldError::field)
                    .containsExactly("streamId");
        }
        assertThat(live("u1", "直播间 7", "hi").validate(limits, "")).isEmpty();
    }

    @Test
    void anItemWithoutAStreamHashesAsBeforeTheFieldExisted() throws Exception {
        // Intake hashes the submission's JSON for Idempotency-Key replays; an absent streamId must
        // not change it, or a replay across this version would be refused as a different request.
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(json.writeValueAsString(live("u1", null, "hi"))).doesNotContain("streamId");
        assertThat(json.writeValueAsString(live("u1", "r", "hi"))).contains("\"streamId\":\"r\"");
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aStreamIdOnANoteIsRefusedAndNothingIsStored(Supplier<Database> factory) {
        try (Setup s = setup(factory.get())) {
            assertThatThrownBy(() -> s.intake()
                            .submit(
                                    Fixture.SERVICE,
                                    new Submission("note", "u1", null, null, "hi", List.of(), List.of(), false, "s"),
                                    null))
                    .isInstanceOf(IntakeException.Invalid.class)
                    .hasMessageContaining("streamId");
            assertThat(s.intake().count()).isZero();
            // Stored and read back with its stream.
            long id = s.intake()
                    .submit(Fixture.SERVICE, live("u1", "room-1", "hi"), null)
                    .content()
                    .id();
            assertThat(s.intake().find(id).orElseThrow().streamId()).isEqualTo("room-1");
        }
    }
}
