package io.redline.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the system of record lives.
 *
 * @param jdbcUrl     {@code jdbc:sqlite:FILE} (embedded default) or {@code jdbc:postgresql://…}
 * @param user        PostgreSQL user; ignored by SQLite
 * @param password    PostgreSQL password; ignored by SQLite
 * @param poolSizeMax connections in the pool; SQLite serialises writers anyway, so a small pool suffices there
 */
public record StoreConfig(String jdbcUrl, String user, String password, int poolSizeMax) {

    public StoreConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Dialect.ofUrl(jdbcUrl); // fail fast on an unsupported URL
        if (poolSizeMax < 1 || poolSizeMax > 200) {
            throw new IllegalArgumentException("poolSizeMax must be 1..200, was " + poolSizeMax);
        }
    }

    public static StoreConfig sqlite(Path file) {
        return new StoreConfig("jdbc:sqlite:" + file.toAbsolutePath(), null, null, 8);
    }

    public Dialect dialect() {
        return Dialect.ofUrl(jdbcUrl);
    }

    /** The URL without credentials, for logs. */
    public String redactedUrl() {
        return jdbcUrl.replaceAll("password=[^&]*", "password=***");
    }
}
