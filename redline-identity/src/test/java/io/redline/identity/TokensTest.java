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

    @Test
    void theStoredHashIsPlainSha256AndStaysSoUnderConcurrentRequests() throws Exception {
        // The digest engine is cloned from a prototype per request: a clone that shared state
        // would mix two requests' bytes, so hash from many threads at once against known values.
        assertThat(Tokens.sha256("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Tokens.sha256("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            var results = new java.util.ArrayList<java.util.concurrent.Future<Boolean>>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        String expected = i % 2 == 0
                                ? "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
                                : "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
                        if (!Tokens.sha256(i % 2 == 0 ? "abc" : "").equals(expected)) return false;
                    }
                    return true;
                }));
            }
            for (var r : results) assertThat(r.get()).isTrue();
        }
    }
}
