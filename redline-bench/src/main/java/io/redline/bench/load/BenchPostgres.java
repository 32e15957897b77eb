package io.redline.bench.load;

import io.redline.store.PostgresServer;
import java.io.IOException;

/**
 * A real PostgreSQL for {@code bench/http.sh}: Debian's binaries in a throw-away data directory,
 * with PostgreSQL's default durability (fsync and synchronous commit on, as in production), so the
 * floor and Redline pay for a durable commit as they do on SQLite. Prints one JDBC URL per
 * requested database, then {@code ready}, and runs until its standard input closes; the server
 * stops and its files go when this process exits.
 *
 * <p>{@code BenchPostgres [DATABASES=2]}
 */
public final class BenchPostgres {
    private BenchPostgres() {}

    public static void main(String[] args) throws IOException {
        int databases = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        PostgresServer server = PostgresServer.durable();
        for (int i = 0; i < databases; i++) System.out.println(server.newDatabaseUrl());
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for the caller to close our input
        }
    }
}
