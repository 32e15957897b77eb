package io.redline.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redline.store.Database;
import java.time.Clock;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TokensTest {

    private static Tokens tokens(Database db) {
        db.migrate("identity");
        return new Tokens(db, Clock.systemUTC());
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aCreatedTokenAuthenticatesAsItsRoleAndOnlyItsHashIsStored(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            Tokens tokens = tokens(db);
            IssuedToken issued = tokens.create(new TokenRequest(Role.CREATOR, "author-42", "alice"), "test");

            assertThat(issued.secret()).startsWith("rl_").hasSizeGreaterThan(40);
            assertThat(tokens.authenticate(issued.secret()))
                    .get()
                    .isEqualTo(new Principal(issued.info().id(), Role.CREATOR, "author-42", "alice"));
            String stored = db.jdbi()
                    .withHandle(h -> h.createQuery("SELECT secret_sha256 FROM api_tokens")
                            .mapTo(String.class)
                            .one());
            assertThat(stored).isNotEqualTo(issued.secret()).isEqualTo(Tokens.sha256(issued.secret()));
            assertThat(issued.toString()).doesNotContain(issued.secret());
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void unknownMalformedAndRevokedTokensAreRejected(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            Tokens tokens = tokens(db);
            IssuedToken issued = tokens.create(new TokenRequest(Role.REVIEWER, null, null), "test");
            assertThat(tokens.authenticate("rl_nope")).isEmpty();
            assertThat(tokens.authenticate("Bearer " + issued.secret())).isEmpty();
            assertThat(tokens.authenticate(null)).isEmpty();

            assertThat(tokens.authenticate(issued.secret())).isPresent(); // now cached
            assertThat((boolean) db.jdbi()
                            .inTransaction(h -> tokens.revoke(h, issued.info().id())))
                    .isTrue();
            assertThat(tokens.authenticate(issued.secret()))
                    .as("revocation beats the cache")
                    .isEmpty();
            assertThat(tokens.find(issued.info().id()))
                    .get()
                    .extracting(TokenInfo::active)
                    .isEqualTo(false);
            assertThat((boolean) db.jdbi()
                            .inTransaction(h -> tokens.revoke(h, issued.info().id())))
                    .as("already revoked")
                    .isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void adminPresenceIsTracked(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            Tokens tokens = tokens(db);
            assertThat(tokens.hasActiveAdmin()).isFalse();
            tokens.create(new TokenRequest(Role.ADMIN, null, "root"), "bootstrap");
            assertThat(tokens.hasActiveAdmin()).isTrue();
            assertThat(tokens.list()).singleElement().satisfies(t -> {
                assertThat(t.role()).isEqualTo(Role.ADMIN);
                assertThat(t.active()).isTrue();
            });
        }
    }

    @Test
    void creatorTokensNeedAnAuthorAndOthersMustNotHaveOne() {
        assertThat(new TokenRequest(Role.CREATOR, null, null).problem()).contains("authorId");
        assertThat(new TokenRequest(Role.SERVICE, "a1", null).problem()).contains("only creator");
        assertThat(new TokenRequest(null, null, null).problem()).contains("role is required");
        assertThat(new TokenRequest(Role.AUDITOR, null, "x").problem()).isNull();
        assertThatThrownBy(() -> Role.parse("root")).hasMessageContaining("policy_editor");
        assertThat(Role.parse("policy_editor")).isEqualTo(Role.POLICY_EDITOR);
    }

    @Test
    void creatorsActOnlyForTheirOwnAuthor() {
        Principal creator = new Principal("t1", Role.CREATOR, "a1", "c");
        assertThat(creator.canActFor("a1")).isTrue();
        assertThat(creator.canActFor("a2")).isFalse();
        assertThat(new Principal("t2", Role.SERVICE, null, "s").canActFor("a2")).isTrue();
    }
}
