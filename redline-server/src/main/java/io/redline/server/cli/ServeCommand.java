package io.redline.server.cli;

import io.redline.server.RedlineServer;
import io.redline.server.config.RedlineConfig;
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
        RedlineConfig config = options.load();
        RedlineServer server = new RedlineServer(config);
        if (config.media().c2paSigner() == null) {
            // The production default: no platform key is made behind the operator's back (docs/aigc-labels.md).
            System.err.println("Content Credentials: no signing key (media.c2pa.certChainFile, media.c2pa.keyFile);"
                    + " an upload carrying C2PA that needs an AI label is refused with 422");
        }
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
