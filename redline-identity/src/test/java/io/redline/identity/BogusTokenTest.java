package io.redline.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redline.store.Database;
import java.time.Clock;
import java.util.function.Supplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bogus bearer values must not cost a database read each: a malformed one is refused by its
 * shape, and a well-formed unknown one is remembered (bounded) for the cache TTL. Proven by
 * closing the database: whatever is still answered did not touch it.
 */
class BogusTokenTest {

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void bogusBearerValuesAreRefusedWithoutReadingTheDatabase(Supplier<Database> factory) {
        Database db = factory.get();
        db.migrate("identity");
        Tokens tokens = new Tokens(db, Clock.systemUTC());
        IssuedToken real = tokens.create(new TokenRequest(Role.SERVICE, null, "svc"), "test");
        assertThat(Tokens.wellFormed(real.secret())).isTrue();
        String unknown = "rl_" + "A".repeat(43);
        assertThat(tokens.authenticate(unknown)).isEmpty(); // one read
        assertThat(tokens.authenticate(real.secret())).isPresent(); // cached
        db.close();

        assertThat(tokens.authenticate(unknown)).as("remembered as unknown").isEmpty();
        assertThat(tokens.authenticate("rl_forged")).isEmpty();
        assertThat(tokens.authenticate("rl_" + "A".repeat(42) + "=")).isEmpty();
        assertThat(tokens.authenticate("rl_" + "A".repeat(10_000))).isEmpty();
        assertThat(tokens.authenticate(real.secret())).isPresent();
        assertThatThrownBy(() -> tokens.authenticate("rl_" + "B".repeat(43)))
                .as("a new well-formed value does read (and the database is closed)")
                .isInstanceOf(RuntimeException.class);
    }

    @Property
    void onlyTheIssuedShapeIsWellFormed(@ForAll String any) {
        boolean shaped = any.matches("rl_[A-Za-z0-9_-]{43}");
        assertThat(Tokens.wellFormed(any)).isEqualTo(shaped);
        assertThat(Tokens.wellFormed("rl_" + any)).isEqualTo(("rl_" + any).matches("rl_[A-Za-z0-9_-]{43}"));
    }
}
