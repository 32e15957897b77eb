package io.redline.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;

/**
 * An insert into one table that the group-commit writer sends once per group on PostgreSQL: {@code
 * INSERT INTO t (...) SELECT * FROM unnest(?::int8[], ?::text[], ...)}, one array per column.
 *
 * <p>Why: pgjdbc sends a JDBC batch as one Bind/Execute per row, and each costs the server a
 * statement (session 10: contents 53 µs, decisions 38 µs, decision heads 25 µs a call, about nine
 * statements per item against the floor's one). One statement per table per group costs the
 * server one execution and the writer one round trip, however many items the group holds. The
 * statement text is the same for every group size, so it stays prepared server-side. pgjdbc's
 * {@code reWriteBatchedInserts} would do the same for batches but answers every row of a batch
 * with one update count, and callers here need to know whether their row was stored.
 *
 * <p>How: in a group's first run on PostgreSQL ({@link BeforeCommit#collects}), {@link #insert}
 * keeps the row and answers "stored"; before the commit, in the same transaction, the group's rows
 * of the table go in one statement. When a row that was answered "stored" was not (its key exists:
 * {@code ON CONFLICT DO NOTHING} skipped it) or a row breaks a unique index, the statement fails the
 * transaction, and {@link GroupCommit} runs the group again with a savepoint per write (a group of
 * one: once more, on a replay only), where every insert runs at once and gets its true answer. So
 * callers see exactly what a row-by-row insert would tell them, at the price of a second run for
 * the rare group with a replay. Anywhere else (SQLite, a group's second run, a plain transaction)
 * rows are inserted at once, as before.
 *
 * <p>Only for tables the group does not read back before its commit: a collected row is invisible
 * to the statements of the group's other writes.
 */
public final class BulkInsert {
    /** A column and its PostgreSQL element type: {@code int8}, {@code int4}, {@code int2}, {@code float8} or {@code text}. */
    public record Column(String name, String type) {
        public Column {
            Objects.requireNonNull(name, "name");
            if (!List.of("int8", "int4", "int2", "float8", "text").contains(type))
                throw new IllegalArgumentException("unsupported column type '" + type + "' for " + name);
        }
    }

    private final String table;
    private final List<Column> columns;
    private final String rowSql;
    private final String bulkSql;
    private final String workKey;

    private BulkInsert(String table, String conflictKey, List<Column> columns) {
        this.table = table;
        this.workKey = "bulk-insert:" + table;
        this.columns = List.copyOf(columns);
        String names = columns.stream().map(Column::name).collect(Collectors.joining(", "));
        String onConflict = conflictKey == null ? "" : " ON CONFLICT (" + conflictKey + ") DO NOTHING";
        this.rowSql = "INSERT INTO " + table + " (" + names + ") VALUES ("
                + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")" + onConflict;
        this.bulkSql = "INSERT INTO " + table + " (" + names + ") SELECT * FROM unnest("
                + columns.stream().map(c -> "?::" + c.type() + "[]").collect(Collectors.joining(", ")) + ")"
                + onConflict;
    }

    /**
     * An insert into {@code table}; {@code conflictKey} (or null) names the unique columns whose
     * existing rows make it a no-op ({@code ON CONFLICT (conflictKey) DO NOTHING}). Columns are
     * {@code "name type"}, in the order {@link #insert} takes their values.
     */
    public static BulkInsert into(String table, String conflictKey, String... columns) {
        return new BulkInsert(
                table,
                conflictKey,
                Stream.of(columns)
                        .map(c -> c.trim().split("\\s+"))
                        .map(p -> new Column(p[0], p[1]))
                        .toList());
    }

    /**
     * Inserts a row: at once, or with the group's other rows of this table before the commit (see
     * the class comment). Returns 1 when the row is stored, 0 when an existing key made it a no-op;
     * a collected row answers 1, and the group runs again row by row if that was wrong.
     */
    public int insert(Handle h, Object... values) {
        checkWidth(values);
        if (BeforeCommit.collects(h)) {
            BeforeCommit.work(h, workKey, () -> new Collected(h)).rows.add(values);
            return 1;
        }
        return HotStatements.update(h, rowSql, values);
    }

    /**
     * {@link #insert} for several rows: collected, or inserted at once as one JDBC batch (one
     * statement for a single row). Returns how many were stored, as {@link #insert} answers.
     */
    public int insertAll(Handle h, List<Object[]> rows) {
        if (rows.isEmpty()) return 0;
        if (BeforeCommit.collects(h)) {
            for (Object[] row : rows) insert(h, row);
            return rows.size();
        }
        return batch(h, rows);
    }

    /**
     * Inserts {@code rows} now, whatever the transaction: in one statement on PostgreSQL, as one
     * JDBC batch on SQLite. For work that already runs once per group before its commit (the audit
     * log's pending entries). Returns how many were stored.
     */
    public int insertNow(Handle h, Dialect dialect, List<Object[]> rows) {
        if (rows.isEmpty()) return 0;
        if (dialect == Dialect.POSTGRESQL && rows.size() > 1) return bulk(h, rows);
        return batch(h, rows);
    }

    private int batch(Handle h, List<Object[]> rows) {
        for (Object[] row : rows) checkWidth(row);
        return HotStatements.with(h, rowSql, ps -> {
            if (rows.size() == 1) return bind(ps, rows.getFirst()).executeUpdate();
            for (Object[] row : rows) bind(ps, row).addBatch();
            int stored = 0;
            for (int n : ps.executeBatch()) stored += n == PreparedStatement.SUCCESS_NO_INFO ? 1 : n;
            return stored;
        });
    }

    private void checkWidth(Object[] row) {
        if (row.length != columns.size())
            throw new IllegalArgumentException(
                    table + " takes " + columns.size() + " values per row, got " + row.length);
    }

    private static PreparedStatement bind(PreparedStatement ps, Object[] row) throws SQLException {
        for (int i = 0; i < row.length; i++) ps.setObject(i + 1, row[i]);
        return ps;
    }

    private int bulk(Handle h, List<Object[]> rows) {
        Connection connection = h.getConnection();
        return HotStatements.with(h, bulkSql, ps -> {
            for (int c = 0; c < columns.size(); c++) ps.setArray(c + 1, array(connection, c, rows));
            return ps.executeUpdate();
        });
    }

    private Array array(Connection connection, int column, List<Object[]> rows) throws SQLException {
        String type = columns.get(column).type();
        Object[] values = switch (type) {
            case "int8" -> new Long[rows.size()];
            case "int4" -> new Integer[rows.size()];
            case "int2" -> new Short[rows.size()];
            case "float8" -> new Double[rows.size()];
            default -> new String[rows.size()];
        };
        for (int r = 0; r < rows.size(); r++) {
            Object v = rows.get(r)[column];
            values[r] = v == null
                    ? null
                    : switch (type) {
                        case "int8" -> ((Number) v).longValue();
                        case "int4" -> ((Number) v).intValue();
                        case "int2" -> ((Number) v).shortValue();
                        case "float8" -> ((Number) v).doubleValue();
                        default -> (String) v;
                    };
        }
        return connection.createArrayOf(type, values);
    }

    /** A group's rows of this table, inserted in one statement before its commit. */
    private final class Collected implements Runnable {
        private final Handle handle;
        private final List<Object[]> rows = new ArrayList<>();

        Collected(Handle handle) {
            this.handle = handle;
        }

        @Override
        public void run() {
            // One row (most groups at low rates) goes as the plain statement: arrays buy nothing there.
            int stored = rows.size() == 1 ? HotStatements.update(handle, rowSql, rows.getFirst()) : bulk(handle, rows);
            // Every collected row was answered "stored"; one that was not fails the transaction so
            // that the group runs again write by write and its caller learns the truth.
            if (stored != rows.size())
                throw new Replayed(table + ": " + (rows.size() - stored) + " of the group's " + rows.size()
                        + " rows already existed; the group runs again write by write");
        }
    }

    /** A collected row's key existed: the group must run again write by write (never reaches a caller). */
    public static final class Replayed extends IllegalStateException {
        Replayed(String message) {
            super(message);
        }
    }
}
