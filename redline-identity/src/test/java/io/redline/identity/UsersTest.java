package io.redline.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redline.store.Database;
import io.redline.store.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UsersTest {
    private static final String PASSWORD = "correct horse battery";
    private final TestClock clock = TestClock.fixed(Instant.parse("2026-12-03T02:00:00Z"));

    private Users users(Database db, int iterations) {
        db.migrate("identity");
        return new Users(db, clock, new Passwords(iterations));
    }

    private static UserInfo create(Database db, Users users, UserRequest request, String password) {
        return db.jdbi().inTransaction(h -> users.create(h, request, password.toCharArray(), "test"));
    }

    private static Optional<Principal> signIn(Users users, String username, String password) {
        return users.authenticate(username, password.toCharArray());
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aUserSignsInWithTheirPasswordAndOnlyAHashIsStored(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            Users users = users(db, 1_000);
            UserInfo alice = create(db, users, new UserRequest("Alice", Role.CREATOR, "u1000", "Alice Liu"), PASSWORD);

            assertThat(alice.id()).startsWith("usr_");
            assertThat(alice.username()).as("stored lower-cased").isEqualTo("alice");
            assertThat(alice.active()).isTrue();
            Principal expected = new Principal(alice.id(), Role.CREATOR, "u1000", "alice");
            assertThat(signIn(users, "alice", PASSWORD)).contains(expected);
            assertThat(signIn(users, "ALICE", PASSWORD))
                    .as("usernames are case-insensitive")
                    .contains(expected);
            assertThat(signIn(users, "alice", PASSWORD + "!")).isEmpty();
            assertThat(users.principal(alice.id())).contains(expected);
            assertThat(users.find(alice.id())).contains(alice);
            assertThat(users.findByUsername("ALICE")).contains(alice);
            assertThat(users.list()).containsExactly(alice);

            String stored = db.jdbi()
                    .withHandle(h -> h.createQuery("SELECT password_hash FROM console_users")
                            .mapTo(String.class)
                            .one());
            assertThat(stored).startsWith("pbkdf2-sha256$1000$").doesNotContain(PASSWORD);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void usernamesAreUniqueWhateverTheirCase(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            Users users = users(db, 1_000);
            create(db, users, new UserRequest("reviewer", Role.REVIEWER, null, null), PASSWORD);
            assertThatThrownBy(() -> create(db, users, new UserRequest("Reviewer", Role.AUDITOR, null, null), PASSWORD))
                    .isInstanceOf(Users.UsernameTaken.class)
                    .hasMessageContaining("'reviewer' is already taken");
            assertThat(users.list()).hasSize(1);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void anUnknownUsernameCostsOneHashAndAnswersLikeAWrongPassword(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            Passwords passwords = new Passwords(1_000);
            db.migrate("identity");
            Users users = new Users(db, clock, passwords);
            create(db, users, new UserRequest("editor", Role.POLICY_EDITOR, null, null), PASSWORD);

            long before = passwords.derivations();
            assertThat(signIn(users, "editor", "wrong password!")).isEmpty();
            long wrongPassword = passwords.derivations() - before;

            before = passwords.derivations();
            assertThat(signIn(users, "nobody", "wrong password!")).isEmpty();
            long unknownWarm = passwords.derivations() - before;
            assertThat(unknownWarm)
                    .as("the dummy is hashed once, lazily; after that one hash per miss")
                    .isBetween(1L, 2L);
            before = passwords.derivations();
            assertThat(signIn(users, "nobody", "wrong password!")).isEmpty();
            assertThat(passwords.derivations() - before)
                    .isEqualTo(wrongPassword)
                    .isEqualTo(1);

            before = passwords.derivations();
            assertThat(users.authenticate(null, null)).isEmpty();
            assertThat(users.authenticate("x".repeat(500), PASSWORD.toCharArray()))
                    .isEmpty();
            assertThat(users.authenticate("editor", new char[2_000])).isEmpty();
            assertThat(passwords.derivations() - before)
                    .as("even nonsense costs one hash each")
                    .isEqualTo(3);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void fiveFailuresInARowLockTheUsernameForFifteenMinutesEvenWithTheRightPassword(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            Users users = users(db, 1_000);
            create(db, users, new UserRequest("reviewer", Role.REVIEWER, null, null), PASSWORD);

            for (int i = 0; i < Users.FAILED_LOGINS_MAX; i++)
                assertThat(signIn(users, "reviewer", "guess " + i)).isEmpty();
            assertThat(signIn(users, "reviewer", PASSWORD)).as("locked").isEmpty();
            clock.advance(Users.LOCKOUT.minusSeconds(1));
            assertThat(signIn(users, "reviewer", PASSWORD))
                    .as("still locked; refused attempts do not extend the lock")
                    .isEmpty();
            clock.advance(Duration.ofSeconds(1));
            assertThat(signIn(users, "reviewer", PASSWORD)).as("lock over").isPresent();
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aStrangerWhoKnowsAUsernameLocksOutOnlyItselfNotTheOwner(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            Users users = users(db, 1_000);
            create(db, users, new UserRequest("night.reviewer", Role.REVIEWER, null, null), PASSWORD);
            String stranger = "198.51.100.66";
            String owner = "203.0.113.7";

            for (int i = 0; i < Users.FAILED_LOGINS_MAX; i++)
                assertThat(users.authenticate("night.reviewer", ("guess " + i).toCharArray(), stranger))
                        .isEmpty();
            assertThat(users.authenticate("night.reviewer", PASSWORD.toCharArray(), stranger))
                    .as("the guessing address is locked out")
                    .isEmpty();
            assertThat(users.authenticate("night.reviewer", PASSWORD.toCharArray(), owner))
                    .as("the owner, from its own address, is not")
                    .isPresent();
            // Parallel guesses from one address cannot slip past the limit either.
            for (int i = 0; i < Users.FAILED_LOGINS_MAX - 1; i++)
                users.authenticate("night.reviewer", ("guess " + i).toCharArray(), owner);
            assertThat(users.authenticate("night.reviewer", "one more".toCharArray(), owner))
                    .isEmpty();
            assertThat(users.authenticate("night.reviewer", PASSWORD.toCharArray(), owner))
                    .as("five failures in a row lock this address too")
                    .isEmpty();
            clock.advance(Users.LOCKOUT);
            assertThat(users.authenticate("night.reviewer", PASSWORD.toCharArray(), stranger))
                    .as("locks expire")
                    .isPresent();
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aSuccessResetsTheFailureCountAndAPasswordResetLiftsALock(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            Users users = users(db, 1_000);
            UserInfo u = create(db, users, new UserRequest("auditor", Role.AUDITOR, null, null), PASSWORD);

            for (int i = 0; i < Users.FAILED_LOGINS_MAX - 1; i++)
                assertThat(signIn(users, "auditor", "guess " + i)).isEmpty();
            assertThat(signIn(users, "auditor", PASSWORD)).isPresent();
            for (int i = 0; i < Users.FAILED_LOGINS_MAX - 1; i++)
                assertThat(signIn(users, "auditor", "guess " + i)).isEmpty();
            assertThat(signIn(users, "auditor", PASSWORD))
                    .as("the count restarted after the success")
                    .isPresent();

            for (int i = 0; i < Users.FAILED_LOGINS_MAX; i++) signIn(users, "auditor", "guess " + i);
            assertThat(signIn(users, "auditor", PASSWORD)).as("locked").isEmpty();
            String fresh = "a brand new password";
            assertThat((boolean) db.jdbi().inTransaction(h -> users.setPassword(h, u.id(), fresh.toCharArray())))
                    .isTrue();
            assertThat(signIn(users, "auditor", PASSWORD)).as("old password").isEmpty();
            assertThat(signIn(users, "auditor", fresh))
                    .as("lock lifted by the reset")
                    .isPresent();
            assertThatThrownBy(() -> db.jdbi().useTransaction(h -> users.setPassword(h, u.id(), "short".toCharArray())))
                    .hasMessageContaining("shorter than 12");
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aDisabledUserCannotSignInOrBeUsed(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            Users users = users(db, 1_000);
            UserInfo u = create(db, users, new UserRequest("reviewer2", Role.REVIEWER, null, null), PASSWORD);

            assertThat((boolean) db.jdbi().inTransaction(h -> users.disable(h, u.id())))
                    .isTrue();
            assertThat((boolean) db.jdbi().inTransaction(h -> users.disable(h, u.id())))
                    .as("already disabled")
                    .isFalse();
            assertThat(signIn(users, "reviewer2", PASSWORD)).isEmpty();
            assertThat(users.principal(u.id())).isEmpty();
            assertThat(users.find(u.id())).get().satisfies(i -> {
                assertThat(i.active()).isFalse();
                assertThat(i.disabledAt()).isEqualTo(clock.instant());
            });
            assertThat((boolean) db.jdbi()
                            .inTransaction(h -> users.setPassword(h, u.id(), "another password".toCharArray())))
                    .as("a disabled account stays closed")
                    .isFalse();
            assertThat(users.principal("usr_unknown")).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aSuccessfulSignInUpgradesAHashMadeWithFewerIterations(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            Users old = users(db, 1_000);
            create(db, old, new UserRequest("editor", Role.POLICY_EDITOR, null, null), PASSWORD);
            Users current = new Users(db, clock, new Passwords(2_000));

            assertThat(signIn(current, "editor", "wrong password!")).isEmpty();
            assertThat(storedHash(db)).as("a failure changes nothing").startsWith("pbkdf2-sha256$1000$");
            assertThat(signIn(current, "editor", PASSWORD)).isPresent();
            assertThat(storedHash(db)).startsWith("pbkdf2-sha256$2000$");
            assertThat(signIn(current, "editor", PASSWORD)).isPresent();
            assertThat(signIn(old, "editor", PASSWORD))
                    .as("a dearer hash still verifies")
                    .isPresent();
            assertThat(storedHash(db)).as("and is not downgraded").startsWith("pbkdf2-sha256$2000$");
        }
    }

    private static String storedHash(Database db) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT password_hash FROM console_users")
                        .mapTo(String.class)
                        .one());
    }

    @Test
    void requestsNeedAPlainUsernameARoleAndForCreatorsExactlyOneAuthor() {
        assertThat(new UserRequest("Bob.Smith-2_x", Role.REVIEWER, null, "Bob").problem())
                .isNull();
        assertThat(new UserRequest(null, Role.REVIEWER, null, null).problem()).contains("username is required");
        assertThat(new UserRequest("ab", Role.REVIEWER, null, null).problem()).contains("3 to 64");
        assertThat(new UserRequest("a".repeat(65), Role.REVIEWER, null, null).problem())
                .contains("longer than 64");
        assertThat(new UserRequest("bob smith", Role.REVIEWER, null, null).problem())
                .contains("3 to 64");
        assertThat(new UserRequest("bøb", Role.REVIEWER, null, null).problem()).contains("3 to 64");
        assertThat(new UserRequest("bob", null, null, null).problem()).contains("role is required");
        assertThat(new UserRequest("bob", Role.CREATOR, null, null).problem())
                .contains("creator user must be bound to an authorId");
        assertThat(new UserRequest("bob", Role.CREATOR, " ", null).problem()).contains("authorId");
        assertThat(new UserRequest("bob", Role.ADMIN, "u1", null).problem()).contains("only creator users");
        assertThat(new UserRequest("bob", Role.CREATOR, "u".repeat(129), null).problem())
                .contains("authorId is longer");
        assertThat(new UserRequest("bob", Role.ADMIN, null, "x".repeat(101)).problem())
                .contains("displayName is longer");
    }
}
