package io.redline.audit;

import io.redline.store.Database;
import io.redline.store.StoreConfig;
import io.redline.vocabulary.Actor;

/**
 * A separate appender process for {@link ProcessConcurrencyTest}: {@code AppendProcess JDBC_URL COUNT NAME}
 * appends COUNT events one transaction each, then exits 0.
 */
public final class AppendProcess {
    private AppendProcess() {}

    public static void main(String[] args) {
        String url = args[0];
        int count = Integer.parseInt(args[1]);
        String name = args[2];
        try (Database db = Database.open(new StoreConfig(url, null, null, 2))) {
            AuditLog log = AuditLog.open(db);
            for (int i = 0; i < count; i++) {
                log.append(AuditEvent.now(
                        new Actor("system:" + name, "system"),
                        "content.decide",
                        new AuditEvent.Target("content", name + "-" + i),
                        java.util.Map.of("n", i)));
            }
        }
    }
}
