package io.redline.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Plain JDBC for the few statements every accepted item runs: its content row, decision, decision
 * head, audit entry and copy signature, all on the group-commit writer, the one thread whose speed
 * caps the service's throughput.
 *
 * <p>Why not Jdbi there: Jdbi copies its configuration registry for every statement and looks up
 * an argument factory for every bind. On the single-item path that was more of the writer's CPU
 * than SQLite's own work (JFR of {@code bench/http.sh}, 2 Dec 2026). And sqlite-jdbc has no
 * statement cache, so each statement was also parsed and planned again. Here a statement is
 * prepared once per physical connection and reused (pgjdbc caches server-side statements itself;
 * on PostgreSQL this saves the Jdbi layer).
 *
 * <p>Statements run in the handle's transaction: they are prepared on the connection under the
 * handle's pooled proxy, so the pool neither tracks nor closes them when the connection goes back.
 * Every caller sets every parameter before each execution; a statement is only ever used by the
 * thread that holds its connection.
 */
public final class HotStatements {
    /** Physical connection → its prepared statements (weak keys: a retired connection's entry goes). */
    private static final Map<Connection, Map<String, PreparedStatement>> CACHE = new WeakHashMap<>();

    private HotStatements() {}

    /** What a statement does with its prepared form; SQL errors surface as Jdbi's exception, as for every other statement. */
    @FunctionalInterface
    public interface Work<T> {
        T run(PreparedStatement ps) throws SQLException;
    }

    /** Runs {@code work} on the cached statement for {@code sql} on {@code h}'s connection. */
    public static <T> T with(Handle h, String sql, Work<T> work) {
        return with(h.getConnection(), sql, work);
    }

    /**
     * Runs {@code work} on the cached statement for {@code sql} on a pooled connection taken
     * without a Jdbi handle: for reads every decision makes outside a transaction, where opening
     * a handle (which copies Jdbi's configuration) cost more than the query (docs/benchmarks.md,
     * session 10).
     */
    public static <T> T with(Connection pooled, String sql, Work<T> work) {
        PreparedStatement ps = null;
        boolean done = false;
        try {
            ps = prepare(pooled.unwrap(Connection.class), sql);
            T result = work.run(ps);
            done = true;
            return result;
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(sql + ": " + e.getMessage(), e, null);
        } finally {
            // A failure between addBatch and executeBatch must not leave rows for the next user.
            if (!done && ps != null) clear(ps);
        }
    }

    private static void clear(PreparedStatement ps) {
        try {
            ps.clearBatch();
            ps.clearParameters();
        } catch (SQLException ignored) {
            // the statement is unusable; the next prepare finds it closed or fails clearly
        }
    }

    /** Executes an update with {@code binds} as its parameters in order; returns the update count. */
    public static int update(Handle h, String sql, Object... binds) {
        return with(h, sql, ps -> {
            for (int i = 0; i < binds.length; i++) ps.setObject(i + 1, binds[i]);
            return ps.executeUpdate();
        });
    }

    /** One row of a result. */
    @FunctionalInterface
    public interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    /** Where a query's {@code IN} list goes: {@code WHERE author_id IN (<in>)}. */
    public static final String IN = "<in>";

    /** Most values one {@link #queryIn} list takes. */
    public static final int IN_MAX = 1_024;

    /**
     * Runs a query whose {@link #IN} list holds {@code values} (at most {@link #IN_MAX}), then the
     * {@code after} parameters, and hands each row to {@code row}. The list is padded with NULLs to
     * a power of two, which no row equals, so a query has at most a dozen cached forms whatever
     * the list lengths. Only for {@code IN}: padding would make a {@code NOT IN} match nothing.
     */
    public static void queryIn(Handle h, String sql, List<?> values, Row row, Object... after) {
        queryIn(h.getConnection(), sql, values, row, after);
    }

    /** {@link #queryIn(Handle, String, List, Row, Object...)} on a pooled connection without a handle. */
    public static void queryIn(Connection pooled, String sql, List<?> values, Row row, Object... after) {
        if (values.isEmpty() || values.size() > IN_MAX)
            throw new IllegalArgumentException("an IN list takes 1.." + IN_MAX + " values, got " + values.size());
        int width = Integer.highestOneBit(values.size());
        if (width < values.size()) width <<= 1;
        String expanded = sql.replace(IN, "?" + ", ?".repeat(width - 1));
        int slots = width;
        with(pooled, expanded, ps -> {
            for (int i = 0; i < slots; i++) ps.setObject(i + 1, i < values.size() ? values.get(i) : null);
            for (int i = 0; i < after.length; i++) ps.setObject(slots + i + 1, after[i]);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) row.accept(rs);
            }
            return null;
        });
    }

    private static PreparedStatement prepare(Connection physical, String sql) throws SQLException {
        Map<String, PreparedStatement> mine;
        synchronized (CACHE) {
            mine = CACHE.get(physical);
            if (mine == null) {
                // A new connection (start, or the pool retired one): drop the entries of closed ones,
                // whose statements would otherwise keep them reachable.
                CACHE.keySet().removeIf(HotStatements::closed);
                mine = new HashMap<>();
                CACHE.put(physical, mine);
            }
        }
        PreparedStatement ps = mine.get(sql);
        if (ps == null || ps.isClosed()) {
            ps = physical.prepareStatement(sql);
            mine.put(sql, ps);
        }
        return ps;
    }

    private static boolean closed(Connection c) {
        try {
            return c.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }
}
