package io.redline.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The one SQL layer: a pooled connection to SQLite or PostgreSQL, JDBI on top, and per-capability
 * Flyway migrations.
 *
 * <p>Each capability owns its tables: its migrations live under {@code classpath:db/<capability>}
 * and its Flyway history in {@code flyway_history_<capability>}, so capabilities version their
 * schemas independently and a module can be added without renumbering anyone else's scripts.
 * Scripts must be plain SQL that runs unchanged on both engines (BIGINT epoch millis for time,
 * TEXT for JSON, {@code INSERT … ON CONFLICT} for upserts, no engine-specific types).
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final long CHECKPOINT_INTERVAL_MS = 1_000;

    private final StoreConfig config;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final List<String> migrated = new CopyOnWriteArrayList<>();

    private final ScheduledExecutorService checkpointer;
    private final AtomicLong checkpoints = new AtomicLong();

    private Database(StoreConfig config, HikariDataSource dataSource) {
        this.config = config;
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        // Every handle and statement copies the root's configuration; a config type the root lacks
        // is built from scratch in each copy that reads it. Jdbi reads SqlArrayTypes on every bind,
        // and its constructor registers every default array type: 3.5% of the server's CPU on the
        // single-item path (JFR, bench/http.sh). Built once here, the copies copy it instead.
        jdbi.getConfig(org.jdbi.v3.core.array.SqlArrayTypes.class);
        this.checkpointer = config.dialect() == Dialect.SQLITE ? startCheckpointer() : null;
    }

    /**
     * SQLite's automatic checkpoint runs inside whichever commit crosses the WAL threshold and
     * makes that request wait for the copy and an extra fsync of the database file. We switch it
     * off per connection and checkpoint PASSIVE (never blocking writers) once a second instead, so
     * request latency does not carry checkpoint stalls; the WAL stays bounded by a second of writes.
     */
    private ScheduledExecutorService startCheckpointer() {
        ScheduledExecutorService ex = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "redline-sqlite-checkpoint");
            t.setDaemon(true);
            return t;
        });
        ex.scheduleWithFixedDelay(
                () -> checkpoint("PASSIVE"), CHECKPOINT_INTERVAL_MS, CHECKPOINT_INTERVAL_MS, TimeUnit.MILLISECONDS);
        return ex;
    }

    private void checkpoint(String mode) {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(" + mode + ")");
            checkpoints.incrementAndGet();
        } catch (SQLException | RuntimeException e) {
            log.atWarn().addKeyValue("mode", mode).log("WAL checkpoint failed: " + e.getMessage());
        }
    }

    public static Database open(StoreConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setMaximumPoolSize(config.poolSizeMax());
        hikari.setPoolName("redline-" + config.dialect().name().toLowerCase());
        hikari.setConnectionTimeout(10_000);
        switch (config.dialect()) {
            case SQLITE -> {
                createPrivately(config.jdbcUrl());
                hikari.setDataSourceProperties(sqliteProperties());
                hikari.setConnectionInitSql("PRAGMA wal_autocheckpoint=0");
                // SQLite has one writer at a time; a small pool keeps lock waits short.
                hikari.setMaximumPoolSize(Math.min(config.poolSizeMax(), 4));
            }
            case POSTGRESQL -> {
                if (config.user() != null) hikari.setUsername(config.user());
                if (config.password() != null) hikari.setPassword(config.password());
            }
        }
        HikariDataSource ds = new HikariDataSource(hikari);
        log.atInfo().addKeyValue("url", config.redactedUrl()).log("database opened");
        return new Database(config, ds);
    }

    /** A new SQLite file is created 0600 first; SQLite gives its -wal and -shm files the database file's mode. */
    private static void createPrivately(String jdbcUrl) {
        String file = jdbcUrl.substring("jdbc:sqlite:".length());
        int query = file.indexOf('?');
        if (query >= 0) file = file.substring(0, query);
        if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) return;
        try {
            OwnerOnly.file(java.nio.file.Path.of(file));
        } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
            throw new IllegalStateException("cannot create the database file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Durability first: WAL with {@code synchronous=FULL} fsyncs the log on every commit, so a
     * committed row survives a power cut, not just a process crash. {@code BEGIN IMMEDIATE} takes
     * the write lock up front so two writers queue on the busy timeout instead of failing with a
     * lock-upgrade deadlock.
     */
    private static Properties sqliteProperties() {
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        sqlite.setBusyTimeout(30_000);
        sqlite.enforceForeignKeys(true);
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        // Ids come from Ids, never from the database; without this sqlite-jdbc runs a second query
        // (last_insert_rowid) after every INSERT: 11% of the group-commit writer's samples.
        sqlite.setGetGeneratedKeys(false);
        return sqlite.toProperties();
    }

    /** Applies the migrations of one capability (idempotent; safe to call on every start). */
    public void migrate(String capability) {
        requireName(capability, "capability");
        flyway(capability, "db/" + capability).load().migrate();
        record(capability, capability);
    }

    /**
     * Applies the scripts under {@code classpath:<location>} to a Flyway history that two
     * capabilities share: {@code review}, whose versions 1 and 4 made the decision tables and 2
     * and 3 the review tables before the two were split. Each capability applies only its own
     * scripts, so the other's applied versions are expected to be absent here ("missing"), and a
     * lower version may be applied after a higher one of the other capability ("out of order"). A
     * database made before the split has all four applied and upgrades untouched: same history
     * table, same versions, same checksums.
     */
    public void migrateShared(String history, String location, String capability) {
        requireName(history, "history");
        requireName(capability, "capability");
        Flyway flyway = flyway(history, location)
                .outOfOrder(true)
                .ignoreMigrationPatterns("*:missing", "*:future")
                .load();
        // Nothing of ours pending (every start but the first): skip migrate, which would only warn
        // that the other capability's versions are not ours.
        if (flyway.info().pending().length > 0) flyway.migrate();
        else flyway.validate();
        record(capability, history + " (" + location + ")");
    }

    private org.flywaydb.core.api.configuration.FluentConfiguration flyway(String history, String location) {
        return Flyway.configure(getClass().getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:" + location)
                .table("flyway_history_" + history)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .failOnMissingLocations(true);
    }

    private void record(String capability, String what) {
        migrated.add(capability);
        log.atInfo()
                .addKeyValue("capability", capability)
                .addKeyValue("history", what)
                .log("migrations applied");
    }

    private static void requireName(String name, String what) {
        if (!name.matches("[a-z][a-z0-9_]{0,30}")) {
            throw new IllegalArgumentException(what + " name must be lower-case [a-z0-9_]: " + name);
        }
    }

    /** True when a connection answers and every registered capability has been migrated. */
    public boolean isReady() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2) && !migrated.isEmpty();
        } catch (SQLException e) {
            return false;
        }
    }

    /** WAL checkpoints completed so far (SQLite; always 0 on PostgreSQL). */
    public long checkpointCount() {
        return checkpoints.get();
    }

    public List<String> migratedCapabilities() {
        return List.copyOf(migrated);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Dialect dialect() {
        return config.dialect();
    }

    /** Connections the pool opens at most (on SQLite fewer than configured: see {@link #open}). */
    public int poolSizeMax() {
        return dataSource.getMaximumPoolSize();
    }

    public StoreConfig config() {
        return config;
    }

    @Override
    public void close() {
        if (checkpointer != null) {
            checkpointer.shutdownNow();
            checkpoint("TRUNCATE");
        }
        dataSource.close();
    }
}
