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
 * chunks with {@code INSERT … ON CONFLICT DO NOTHING}: the first value stored for a key wins, so
 * re-importing the same file changes nothing. One audit entry per import records who imported
 * what (row counts and the file's SHA-256).
 */
public final class Imports {
    /** Rows per import transaction. */
    static final int CHUNK_ROWS = 20_000;
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
        long inserted = write(
                rows,
                "INSERT INTO ledger_holders (account_id, registered_at_ms) VALUES ",
                "(?,?)",
                " ON CONFLICT (account_id) DO NOTHING",
                (ps, p, i) -> {
                    ps.setString(p, rows.text[i]);
                    ps.setLong(p + 1, rows.a[i]);
                    return p + 2;
                },
                null);
        return audited(new Result("accounts", rows.size, inserted, rows.digest.hex()), actor, Map.of());
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
        long inserted = write(
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
                h -> Ledger.registerAsset(h, asset, scale));
        return audited(
                new Result("balances", rows.size, inserted, rows.digest.hex()),
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
        long inserted = write(
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
                null);
        return audited(new Result("usage", rows.size, inserted, rows.digest.hex()), actor, Map.of());
    }

    private Result audited(Result r, io.redline.vocabulary.Actor actor, Map<String, Object> extra) {
        Map<String, Object> details = new LinkedHashMap<>(extra);
        details.put("rows", r.rows());
        details.put("inserted", r.inserted());
        details.put("sha256", r.sha256());
        ledger.audit()
                .append(AuditEvent.now(
                        actor,
                        "ledger.import_" + r.kind(),
                        new AuditEvent.Target("import", r.sha256().substring(0, 16)),
                        details));
        return r;
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

    private long write(
            Rows rows,
            String insert,
            String tuple,
            String onConflict,
            Binder binder,
            java.util.function.Consumer<Handle> first) {
        long inserted = 0;
        if (rows.size == 0 && first != null) ledger.db().jdbi().useTransaction(first::accept);
        for (int from = 0; from < rows.size; from += CHUNK_ROWS) {
            int chunkFrom = from;
            int chunkTo = Math.min(rows.size, from + CHUNK_ROWS);
            try {
                inserted += ledger.db().jdbi().inTransaction(h -> {
                    if (chunkFrom == 0 && first != null) first.accept(h);
                    Connection c = h.getConnection();
                    long n = 0;
                    for (int s = chunkFrom; s < chunkTo; s += ROWS_PER_STATEMENT) {
                        int e = Math.min(chunkTo, s + ROWS_PER_STATEMENT);
                        StringBuilder sql = new StringBuilder(insert);
                        for (int i = s; i < e; i++)
                            sql.append(i == s ? "" : ",").append(tuple);
                        sql.append(onConflict);
                        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                            int p = 1;
                            for (int i = s; i < e; i++) p = binder.bind(ps, p, i);
                            n += ps.executeUpdate();
                        }
                    }
                    return n;
                });
            } catch (SQLException e) {
                throw new IllegalStateException("import failed: " + e.getMessage(), e);
            }
        }
        return inserted;
    }
}
