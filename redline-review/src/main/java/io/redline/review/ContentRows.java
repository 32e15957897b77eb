package io.redline.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redline.policy.AiMark;
import io.redline.intake.Surface;
import io.redline.store.Ids;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Reads intake's {@code contents} table, read-only. The review capability pages through stored
 * content in bulk (pending items, rescreen and backtest windows), which intake's public API does
 * not offer; it never writes that table.
 */
final class ContentRows {
    /** Every column: the AI columns arrive with intake's second migration and are read when present. */
    static final String COLUMNS = "c.*";
    /**
     * Slack between an id's embedded time and its created_at: both come from the intake writer's
     * clock at the same moment, so an hour covers any clock step. Lets time windows use the
     * primary key instead of scanning the whole table.
     */
    static final long ID_TIME_SLACK_MS = 3_600_000;
    private static final long ID_EPOCH_MS = Ids.epochMsOf(0);
    private static final int ID_TIME_SHIFT = 22;
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final ObjectMapper JSON = new ObjectMapper();

    private ContentRows() {}

    /** Maps rows of {@code SELECT c.* FROM contents c}; column positions are resolved once per result set. */
    static final RowMapper<ContentSnapshot> MAPPER = new RowMapper<>() {
        @Override
        public ContentSnapshot map(ResultSet rs, StatementContext ctx) throws SQLException {
            return specialize(rs, ctx).map(rs, ctx);
        }

        @Override
        public RowMapper<ContentSnapshot> specialize(ResultSet rs, StatementContext ctx) throws SQLException {
            ResultSetMetaData meta = rs.getMetaData();
            int declared = -1, mark = -1;
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                String name = meta.getColumnName(i).toLowerCase(Locale.ROOT);
                if (name.equals("ai_declared")) declared = i;
                else if (name.equals("ai_mark")) mark = i;
            }
            int declaredColumn = declared, markColumn = mark;
            int id = rs.findColumn("id"), surface = rs.findColumn("surface"), author = rs.findColumn("author_id"),
                    title = rs.findColumn("title"), body = rs.findColumn("body"), tags = rs.findColumn("tags_json"),
                    created = rs.findColumn("created_at_ms");
            return (r, c) -> new ContentSnapshot(r.getLong(id), Surface.parse(r.getString(surface)).orElseThrow(),
                    r.getString(author), r.getString(title), r.getString(body), strings(r.getString(tags)),
                    Instant.ofEpochMilli(r.getLong(created)), aiSignals(r, declaredColumn, markColumn));
        }
    };

    private static AiSignals aiSignals(ResultSet rs, int declaredColumn, int markColumn) throws SQLException {
        if (declaredColumn < 0 || markColumn < 0) return AiSignals.NONE;
        boolean declared = rs.getInt(declaredColumn) != 0;
        String code = rs.getString(markColumn);
        AiMark mark = code == null ? null : AiMark.fromCode(code.toLowerCase(Locale.ROOT));
        if (mark == null) mark = AiMark.NONE;
        return declared || mark != AiMark.NONE ? new AiSignals(declared, mark) : AiSignals.NONE;
    }

    /** The smallest id minted at {@code epochMs} or later (ids are time-ordered; see {@link Ids}). */
    static long firstIdAt(long epochMs) {
        return Math.max(0, epochMs - ID_EPOCH_MS) << ID_TIME_SHIFT;
    }

    private static List<String> strings(String json) throws SQLException {
        try {
            return "[]".equals(json) ? List.of() : List.copyOf(JSON.readValue(json, STRINGS));
        } catch (JsonProcessingException e) {
            throw new SQLException("corrupt JSON list in contents row: " + e.getOriginalMessage(), e);
        }
    }
}
