package io.redline.server.cli;

import io.redline.server.RedlineServer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Start the Redline server (no demo data).",
            "Settings: --config FILE, then REDLINE_PORT, REDLINE_HOST, REDLINE_DATA_DIR, REDLINE_DB_URL (a jdbc:postgresql://… URL switches to PostgreSQL), REDLINE_DB_USER, REDLINE_DB_PASSWORD."
        })
final class ServeCommand implements Callable<Integer> {
    private static volatile boolean serving;

    @Mixin
    ServerOptions options;

    static boolean keepsRunning() {
        return serving;
    }

    @Override
    public Integer call() {
        RedlineServer server = new RedlineServer(options.load());
        server.bootstrapAdmin().ifPresent(admin -> {
            System.out.println("Created the first admin token (shown once; store it now):");
            System.out.println("  " + admin.secret());
        });
        start(server);
        System.out.println("Redline is serving on " + server.baseUrl() + "  (API: " + server.baseUrl() + "/docs/api)");
        return 0;
    }

    /** Starts serving and stops gracefully on SIGTERM/SIGINT. */
    static void start(RedlineServer server) {
        server.start();
        serving = true;
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "redline-shutdown"));
    }
}
