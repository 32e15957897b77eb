package io.redline.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.redline.store.Database;
import io.redline.store.GroupCommit;
import io.redline.store.HotStatements;
import io.redline.store.Ids;
import io.redline.store.StoreConfig;

/**
 * The floor of {@code bench/http.sh}: the least a service doing Redline's intake can cost on this
 * machine. Javalin on virtual threads (Redline's edge) checks the bearer token against one secret,
 * parses the same JSON, inserts the same row (intake's {@code contents} columns and indexes, in a
 * table of the floor's own: intake stays the only writer of its table) through the same group
 * commit (fsynced on SQLite, committed on PostgreSQL) and answers 201 with the id. No
 * screening, no decision, no audit, no idempotency lookup, no metrics: everything Redline does
 * beyond this is what its ratio to the floor measures.
 *
 * <p>{@code FloorServer PORT TOKEN JDBC_URL [USER PASSWORD]}; prints {@code ready} when serving.
 */
public final class FloorServer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INSERT = """
            INSERT INTO floor_items (id, surface, author_id, external_id, title, body, tags_json, images_json,
                                     submitted_by, idempotency_key, request_sha256, created_at_ms, ai_declared, ai_mark)
            VALUES (?, ?, ?, NULL, NULL, ?, '[]', '[]', 'floor', NULL, NULL, ?, 0, 'none')""";

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        String bearer = "Bearer " + args[1];
        StoreConfig store =
                new StoreConfig(args[2], args.length > 3 ? args[3] : null, args.length > 4 ? args[4] : null, 8);
        Database db = Database.open(store);
        db.jdbi().useHandle(h -> {
            h.execute("""
                    CREATE TABLE IF NOT EXISTS floor_items (
                        id BIGINT PRIMARY KEY, surface TEXT NOT NULL, author_id TEXT NOT NULL, external_id TEXT,
                        title TEXT, body TEXT NOT NULL, tags_json TEXT NOT NULL, images_json TEXT NOT NULL,
                        submitted_by TEXT NOT NULL, idempotency_key TEXT, request_sha256 TEXT,
                        created_at_ms BIGINT NOT NULL, ai_declared SMALLINT NOT NULL, ai_mark TEXT NOT NULL)""");
            h.execute("CREATE UNIQUE INDEX IF NOT EXISTS floor_idem ON floor_items (submitted_by, idempotency_key)");
            h.execute("CREATE UNIQUE INDEX IF NOT EXISTS floor_external ON floor_items (surface, external_id)");
            h.execute("CREATE INDEX IF NOT EXISTS floor_author ON floor_items (author_id, id)");
            h.execute("CREATE INDEX IF NOT EXISTS floor_surface ON floor_items (surface, id)");
        });
        // The server's own sizes (RedlineServer: WRITE_QUEUE_SIZE_MAX, WRITE_GROUP_SIZE_MAX).
        GroupCommit writes = new GroupCommit(db, 8_192, 256);
        Ids ids = new Ids(1);
        Javalin app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.useVirtualThreads = true;
        });
        app.post("/v1/contents", ctx -> {
            if (!bearer.equals(ctx.header("Authorization"))) {
                ctx.status(401).result("{\"title\":\"Unauthorized\"}");
                return;
            }
            JsonNode in = JSON.readTree(ctx.bodyAsBytes());
            String surface = in.path("surface").asText(null);
            String author = in.path("authorId").asText(null);
            String text = in.path("text").asText(null);
            if (surface == null || author == null || text == null) {
                ctx.status(422).result("{\"title\":\"surface, authorId and text are required\"}");
                return;
            }
            long id = ids.next();
            long now = System.currentTimeMillis();
            // Plain JDBC with a prepared statement kept per connection, as Redline's hot statements.
            writes.write(h -> HotStatements.update(h, INSERT, id, surface, author, text, now));
            ctx.status(201)
                    .contentType("application/json")
                    .result("{\"id\":\"" + id + "\",\"surface\":\"" + surface + "\"}");
        });
        app.start("127.0.0.1", port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            writes.close();
            db.close();
        }));
        System.out.println("ready");
    }

    private FloorServer() {}
}
