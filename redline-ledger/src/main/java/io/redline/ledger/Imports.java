package io.redline.ledger;

import io.redline.audit.AuditEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Handle;

/**
 * CSV imports the settlement reads: holders ({@code accountId,registeredAt}) and balance history
 * ({@code accountId,timestamp,balance}), both with that header line. A file is validated in full
 * before anything is written (a bad line names its number and what is wrong), then written in
 * one transaction with {@code INSERT … ON CONFLICT DO NOTHING}: the first value stored for a key wins, so
 * re-importing the same file changes nothing. One audit entry per import, in that same transaction, records who imported
 * what (row counts and the file's SHA-256).
 */
public final class Imports {
    /** Rows one import accepts; a larger history is imported as several files. */
    public static final int ROWS_MAX = 20_000_000;

    private static final int ROWS_PER_STATEMENT = 500;

    private final Ledger ledger;

    public Imports(Ledger ledger) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    /** @param inserted rows new to the ledger; the others were already stored (a re-import) */
    public record Result(String kind, long rows, long inserted, String sha256) {}

    public Result accounts(Reader csv, io.redline.vocabulary.Actor actor) {
        Rows rows = read(csv, "accountId,registeredAt", 2, (line, fields, out) -> {
            Transfer.requireAccountAt(fields[0], line);
            out.text[out.size] = fields[0];
            out.a[out.size] = instantMs(fields[1], line, "registeredAt");
        });
        return write(
                rows,
                "INSERT INTO ledger_holders (account_id, registered_at_ms) VALUES ",
                "(?,?)",
                " ON CONFLICT (account_id) DO NOTHING",
                (ps, p, i) -> {
                    ps.setString(p, rows.text[i]);
                    ps.setLong(p + 1, rows.a[i]);
                    return p + 2;
                },
                null,
                inserted -> new Result("accounts", rows.size, inserted, rows.digest.hex()),
                actor,
                Map.of());
    }

    public Result balances(Reader csv, String asset, int scale, io.redline.vocabulary.Actor actor) {
        if (asset == null
                || !io.redline.ledger.engine.Campaign.ASSET.matcher(asset).matches()) {
            throw new LedgerException.Invalid(
                    "--asset '" + asset + "' must match " + io.redline.ledger.engine.Campaign.ASSET.pattern());
        }
        if (scale < 0 || scale > io.redline.ledger.engine.Campaign.SCALE_MAX)
            throw new LedgerException.Invalid("--scale must be 0.." + io.redline.ledger.engine.Campaign.SCALE_MAX);
        Rows rows = read(csv, "accountId,timestamp,balance", 3, (line, fields, out) -> {
            Transfer.requireAccountAt(fields[0], line);
            out.text[out.size] = fields[0];
            out.a[out.size] = instantMs(fields[1], line, "timestamp");
            out.b[out.size] = balanceMinor(fields[2], scale, line);
        });
        return write(
                rows,
                "INSERT INTO ledger_balance_history (asset, account_id, at_ms, balance_minor) VALUES ",
                "(?,?,?,?)",
                " ON CONFLICT (asset, account_id, at_ms) DO NOTHING",
                (ps, p, i) -> {
                    ps.setString(p, asset);
                    ps.setString(p + 1, rows.text[i]);
                    ps.setLong(p + 2, rows.a[i]);
                    ps.setLong(p + 3, rows.b[i]);
                    return p + 4;
                },
                h -> Ledger.registerAsset(h, asset, scale),
                inserted -> new Result("balances", rows.size, inserted, rows.digest.hex()),
                actor,
                Map.of("asset", asset, "scale", scale));
    }

    /** Royalty usage credits: {@code day,creatorId,credits}. */
    public Result usageCredits(Reader csv, io.redline.vocabulary.Actor actor) {
        Rows rows = read(csv, "day,creatorId,credits", 3, (line, fields, out) -> {
            try {
                out.text2[out.size] = java.time.LocalDate.parse(fields[0]).toString();
            } catch (DateTimeParseException e) {
                throw new LedgerException.Invalid(
                        "line " + line + ": day '" + fields[0] + "' is not a date like 2026-12-03");
            }
            Transfer.requireAccountAt(fields[1], line);
            out.text[out.size] = fields[1];
            if (!fields[2].matches("\\d{1,15}"))
                throw new LedgerException.Invalid(
                        "line " + line + ": credits '" + fields[2] + "' must be a whole number 0..10^15");
            out.a[out.size] = Long.parseLong(fields[2]);
        });
        return write(
                rows,
                "INSERT INTO ledger_usage_credits (day, creator_id, credits) VALUES ",
                "(?,?,?)",
                " ON CONFLICT (day, creator_id) DO NOTHING",
                (ps, p, i) -> {
                    ps.setString(p, rows.text2[i]);
                    ps.setString(p + 1, rows.text[i]);
                    ps.setLong(p + 2, rows.a[i]);
                    return p + 3;
                },
                null,
                inserted -> new Result("usage", rows.size, inserted, rows.digest.hex()),
                actor,
                Map.of());
    }

    /** The import's audit entry, appended in the transaction that stores its rows. */
    private void audit(Handle h, Result r, io.redline.vocabulary.Actor actor, Map<String, Object> extra) {
        Map<String, Object> details = new LinkedHashMap<>(extra);
        details.put("rows", r.rows());
        details.put("inserted", r.inserted());
        details.put("sha256", r.sha256());
        ledger.audit()
                .append(
                        h,
                        new AuditEvent(
                                actor,
                                "ledger.import_" + r.kind(),
                                new AuditEvent.Target("import", r.sha256().substring(0, 16)),
                                ledger.clock().instant(),
                                details));
    }

    // ---------------------------------------------------------------- parsing

    /** Parsed rows in parallel arrays (a million rows would be a million objects otherwise). */
    private static final class Rows {
        String[] text = new String[1024];
        String[] text2 = new String[1024];
        long[] a = new long[1024];
        long[] b = new long[1024];
        int size;
        final Digest digest = new Digest();

        void grow() {
            if (size < a.length) return;
            int n = a.length * 2;
            text = Arrays.copyOf(text, n);
            text2 = Arrays.copyOf(text2, n);
            a = Arrays.copyOf(a, n);
            b = Arrays.copyOf(b, n);
        }
    }

    private interface RowParser {
        void parse(long line, String[] fields, Rows out);
    }

    private static Rows read(Reader csv, String header, int columns, RowParser parser) {
        Rows rows = new Rows();
        try (BufferedReader in = csv instanceof BufferedReader br ? br : new BufferedReader(csv, 1 << 16)) {
            String first = in.readLine();
            if (first != null && first.startsWith("\uFEFF")) first = first.substring(1);
            if (first == null || !first.strip().equals(header)) {
                throw new LedgerException.Invalid("line 1 must be the header '" + header + "', was '"
                        + (first == null ? "" : abbreviate(first)) + "'");
            }
            rows.digest.add(first.strip() + "\n");
            long line = 1;
            String text;
            while ((text = in.readLine()) != null) {
                line++;
                if (text.isBlank()) continue;
                rows.digest.add(text + "\n");
                String[] fields = text.split(",", -1);
                if (fields.length != columns) {
                    throw new LedgerException.Invalid("line " + line + ": expected " + columns
                            + " comma-separated fields (" + header + "), got " + fields.length);
                }
                for (int i = 0; i < fields.length; i++) fields[i] = fields[i].strip();
                if (rows.size >= ROWS_MAX)
                    throw new LedgerException.Invalid("more than " + ROWS_MAX + " rows; split the file");
                rows.grow();
                parser.parse(line, fields, rows);
                rows.size++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the CSV failed: " + e.getMessage(), e);
        }
        return rows;
    }

    private static long instantMs(String s, long line, String field) {
        try {
            return Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new LedgerException.Invalid("line " + line + ": " + field + " '" + abbreviate(s)
                    + "' is not an ISO-8601 UTC instant like 2026-12-03T02:00:00Z");
        }
    }

    private static long balanceMinor(String s, int scale, long line) {
        if (!s.matches("\\d{1,30}(\\.\\d{1,30})?")) {
            throw new LedgerException.Invalid(
                    "line " + line + ": balance '" + abbreviate(s) + "' must be a non-negative decimal like 1234.5");
        }
        BigDecimal minor = new BigDecimal(s).movePointRight(scale);
        try {
            return minor.toBigIntegerExact().longValueExact();
        } catch (ArithmeticException e) {
            throw new LedgerException.Invalid("line " + line + ": balance '" + s + "' has more than " + scale
                    + " decimals or is too large for the asset's scale");
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "…";
    }

    // ---------------------------------------------------------------- writing

    private interface Binder {
        int bind(PreparedStatement ps, int firstParameter, int row) throws SQLException;
    }

    /**
     * Stores every row and the import's audit entry in one transaction: an import that fails
     * (a constraint, a lost connection, a crash) leaves neither rows nor an entry claiming them.
     * Why one transaction and not chunks: the audit entry states what the import stored, so it
     * can only be true if it commits with the rows. The cost is holding SQLite's write lock for the
     * import (about 20 s for a million rows here); HTTP imports are bounded by the body size, and
     * large histories are imported with the CLI outside peak hours or as several files.
     */
    private Result write(
            Rows rows,
            String insert,
            String tuple,
            String onConflict,
            Binder binder,
            java.util.function.Consumer<Handle> first,
            java.util.function.LongFunction<Result> result,
            io.redline.vocabulary.Actor actor,
            Map<String, Object> extra) {
        try {
            return ledger.db().jdbi().inTransaction(h -> {
                if (first != null) first.accept(h);
                Connection c = h.getConnection();
                long inserted = 0;
                PreparedStatement full = null;
                try {
                    for (int s = 0; s < rows.size; s += ROWS_PER_STATEMENT) {
                        int e = Math.min(rows.size, s + ROWS_PER_STATEMENT);
                        PreparedStatement ps;
                        if (e - s == ROWS_PER_STATEMENT) {
                            if (full == null) full = c.prepareStatement(statement(insert, tuple, onConflict, e - s));
                            ps = full;
                        } else {
                            ps = c.prepareStatement(statement(insert, tuple, onConflict, e - s));
                        }
                        try {
                            int p = 1;
                            for (int i = s; i < e; i++) p = binder.bind(ps, p, i);
                            inserted += ps.executeUpdate();
                        } finally {
                            if (ps != full) ps.close();
                        }
                    }
                } finally {
                    if (full != null) full.close();
                }
                Result r = result.apply(inserted);
                audit(h, r, actor, extra);
                return r;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("import failed: " + e.getMessage(), e);
        }
    }

    private static String statement(String insert, String tuple, String onConflict, int rowCount) {
        StringBuilder sql = new StringBuilder(insert);
        for (int i = 0; i < rowCount; i++) sql.append(i == 0 ? "" : ",").append(tuple);
        return sql.append(onConflict).toString();
    }
}
