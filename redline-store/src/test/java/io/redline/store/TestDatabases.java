package io.redline.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/**
 * Both engines for parameterised repository tests: {@code @MethodSource("io.redline.store.TestDatabases#both")}
 * hands each test a factory for a fresh, empty database on SQLite and on a real PostgreSQL.
 */
public final class TestDatabases {
    private TestDatabases() {}

    public static Stream<Named<Supplier<Database>>> both() {
        return Stream.of(Named.of("sqlite", TestDatabases::sqlite), Named.of("postgresql", TestDatabases::postgres));
    }

    public static Database sqlite() {
        return Database.open(sqliteConfig());
    }

    public static StoreConfig sqliteConfig() {
        try {
            Path dir = Files.createTempDirectory("redline-sqlite-");
            dir.toFile().deleteOnExit();
            return StoreConfig.sqlite(dir.resolve("redline.db"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Database postgres() {
        return Database.open(postgresConfig());
    }

    public static StoreConfig postgresConfig() {
        return new StoreConfig(PostgresServer.get().newDatabaseUrl(), null, null, 8);
    }
}
