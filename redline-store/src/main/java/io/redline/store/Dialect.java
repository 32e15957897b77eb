package io.redline.store;

/** The two SQL engines Redline runs on; the SQL we write is the subset both understand. */
public enum Dialect {
    SQLITE,
    POSTGRESQL;

    public static Dialect ofUrl(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) return SQLITE;
        if (jdbcUrl.startsWith("jdbc:postgresql:")) return POSTGRESQL;
        throw new IllegalArgumentException(
                "unsupported database URL '" + jdbcUrl + "': use jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB");
    }
}
