package io.redline.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redline.store.Database;
import io.redline.store.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConsoleSessionsTest {
    private static final String PASSWORD = "correct horse battery";
    private final TestClock clock = TestClock.fixed(Instant.parse("2026-12-03T02:00:00Z"));

    /** Everything a session test needs over one database. */
    private final class Fixture {
        final Database db;
        final Tokens tokens;
        final Users users;
        final ConsoleSessions sessions;

        Fixture(Database db) {
            this.db = db;
            db.migrate("identity");
            tokens = new Tokens(db, clock);
            users = new Users(db, clock, new Passwords(1_000));
            sessions = new ConsoleSessions(
                    db,
                    clock,
                    tokens,
                    users,
                    ConsoleSessions.IDLE_TIMEOUT_DEFAULT,
                    ConsoleSessions.ABSOLUTE_TIMEOUT_DEFAULT);
        }

        Principal user(String username, Role role) {
            UserInfo u = db.jdbi()
                    .inTransaction(h -> users.create(
                            h, new UserRequest(username, role, null, null), PASSWORD.toCharArray(), "test"));
            return users.authenticate(u.username(), PASSWORD.toCharArray()).orElseThrow();
        }

        long sessionRows() {
            return db.jdbi()
                    .withHandle(h -> h.createQuery("SELECT count(*) FROM console_sessions")
                            .mapTo(Long.class)
                            .one());
        }

        long lastSeenMs() {
            return db.jdbi()
                    .withHandle(h -> h.createQuery("SELECT last_seen_at_ms FROM console_sessions")
                            .mapTo(Long.class)
                            .one());
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aSessionIsFoundByItsSecretWhichIsStoredOnlyAsAHash(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            Fixture f = new Fixture(db);
            Principal reviewer = f.user("reviewer", Role.REVIEWER);
            ConsoleSessions.Issued issued = f.sessions.create(reviewer);

            assertThat(issued.secret()).matches("[A-Za-z0-9_-]{43}");
            ConsoleSession s = issued.session();
            assertThat(s.id()).startsWith("ses_").isNotEqualTo(issued.secret());
            assertThat(s.csrfToken()).hasSize(43).isNotEqualTo(issued.secret());
            assertThat(s.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(12)));
            assertThat(f.sessions.find(issued.secret())).contains(s);

            List<Map<String, Object>> rows = db.jdbi()
                    .withHandle(h -> h.createQuery("SELECT * FROM console_sessions")
                            .mapToMap()
                            .list());
            assertThat(rows).singleElement().satisfies(row -> {
                assertThat(row.get("secret_sha256")).isEqualTo(Tokens.sha256(issued.secret()));
                assertThat(row.values()).as("no column holds the secret").doesNotContain(issued.secret());
                assertThat(row.get("principal_kind")).isEqualTo("user");
                assertThat(row.get("principal_id")).isEqualTo(reviewer.tokenId());
            });
            assertThat(issued.toString()).doesNotContain(issued.secret()).doesNotContain(s.csrfToken());

            assertThat(s.csrfMatches(s.csrfToken())).isTrue();
            assertThat(s.csrfMatches(issued.secret())).isFalse();
            assertThat(s.csrfMatches(null)).isFalse();
            assertThat(f.sessions.find(issued.secret().substring(1) + "A")).isEmpty();
            assertThat(f.sessions.find(null)).isEmpty();
            assertThat(f.sessions.find("not a secret")).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void useSlidesTheIdleTimeoutWritingAtMostOnceAMinute(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            Fixture f = new Fixture(db);
            String secret = f.sessions.create(f.user("reviewer", Role.REVIEWER)).secret();
            long created = f.lastSeenMs();

            clock.advance(Duration.ofSeconds(30));
            assertThat(f.sessions.find(secret)).isPresent();
            assertThat(f.lastSeenMs())
                    .as("no write within a minute of the last")
                    .isEqualTo(created);

            clock.advance(Duration.ofMinutes(29));
            assertThat(f.sessions.find(secret)).as("29.5 minutes idle").isPresent();
            assertThat(f.lastSeenMs()).isEqualTo(clock.millis());

            clock.advance(Duration.ofMinutes(29));
            assertThat(f.sessions.find(secret))
                    .as("slid: 29 minutes since the last use")
                    .isPresent();

            clock.advance(Duration.ofMinutes(30));
            assertThat(f.sessions.find(secret)).as("30 minutes idle").isEmpty();
            assertThat(f.sessionRows()).as("an expired session is deleted").isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aSessionEndsTwelveHoursAfterSignInHoweverBusy(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            Fixture f = new Fixture(db);
            String secret = f.sessions.create(f.user("reviewer", Role.REVIEWER)).secret();
            for (int i = 0; i < 12 * 3 - 1; i++) {
                clock.advance(Duration.ofMinutes(20));
                assertThat(f.sessions.find(secret))
                        .as("after %d minutes", (i + 1) * 20)
                        .isPresent();
            }
            clock.advance(Duration.ofMinutes(20));
            assertThat(f.sessions.find(secret)).as("12 hours").isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void signingOutEndsOneSessionAndEndAllForEndsEveryOneOfAPrincipal(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            Fixture f = new Fixture(db);
            Principal reviewer = f.user("reviewer", Role.REVIEWER);
            Principal auditor = f.user("auditor", Role.AUDITOR);
            String first = f.sessions.create(reviewer).secret();
            String second = f.sessions.create(reviewer).secret();
            String third = f.sessions.create(reviewer).secret();
            String other = f.sessions.create(auditor).secret();

            f.sessions.end(first);
            f.sessions.end(first);
            f.sessions.end("garbage");
            assertThat(f.sessions.find(first)).isEmpty();
            assertThat(f.sessions.find(second)).isPresent();

            assertThat(f.sessions.endAllFor(reviewer.tokenId())).isEqualTo(2);
            assertThat(f.sessions.find(second)).isEmpty();
            assertThat(f.sessions.find(third)).isEmpty();
            assertThat(f.sessions.find(other)).isPresent();
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void revokingTheTokenEndsItsSessions(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            Fixture f = new Fixture(db);
            IssuedToken token = f.tokens.create(new TokenRequest(Role.CREATOR, "u1000", "alice's token"), "test");
            Principal principal = f.tokens.authenticate(token.secret()).orElseThrow();
            String secret = f.sessions.create(principal).secret();
            assertThat(f.sessions.find(secret))
                    .get()
                    .extracting(ConsoleSession::principal)
                    .isEqualTo(principal);
            assertThat(f.tokens.principal(token.info().id())).contains(principal);

            db.jdbi().useTransaction(h -> f.tokens.revoke(h, token.info().id()));
            assertThat(f.tokens.principal(token.info().id())).isEmpty();
            assertThat(f.sessions.find(secret)).isEmpty();
            assertThat(f.sessionRows()).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void disablingTheUserEndsTheirSessions(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            Fixture f = new Fixture(db);
            Principal editor = f.user("editor", Role.POLICY_EDITOR);
            String secret = f.sessions.create(editor).secret();
            assertThat(f.sessions.find(secret)).isPresent();

            db.jdbi().useTransaction(h -> f.users.disable(h, editor.tokenId()));
            assertThat(f.sessions.find(secret)).isEmpty();
            assertThat(f.sessionRows()).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void signingInDropsSessionsNobodyCanUseAnyMore(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            Fixture f = new Fixture(db);
            Principal reviewer = f.user("reviewer", Role.REVIEWER);
            f.sessions.create(reviewer);
            f.sessions.create(reviewer);
            clock.advance(Duration.ofMinutes(31));
            f.sessions.create(reviewer);
            assertThat(f.sessionRows()).isEqualTo(1);
            clock.advance(Duration.ofMinutes(31));
            assertThat(f.sessions.purgeExpired()).isEqualTo(1);
        }
    }

    @Test
    void onlyTokensAndUsersCanSignInAndTimeoutsMustMakeSense() {
        ConsoleSessions sessions =
                new ConsoleSessions(null, clock, null, null, Duration.ofMinutes(30), Duration.ofHours(12));
        assertThatThrownBy(() -> sessions.create(Principal.system("cli"))).hasMessageContaining("tok_");
        assertThatThrownBy(
                        () -> new ConsoleSessions(null, clock, null, null, Duration.ofHours(13), Duration.ofHours(12)))
                .hasMessageContaining("must not exceed");
        assertThatThrownBy(() -> new ConsoleSessions(null, clock, null, null, Duration.ZERO, Duration.ofHours(12)))
                .hasMessageContaining("positive");
    }
}
