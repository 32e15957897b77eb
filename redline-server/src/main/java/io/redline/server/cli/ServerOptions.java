package io.redline.server.cli;

import io.redline.server.config.RedlineConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by every command that opens Redline's storage. */
final class ServerOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "YAML settings file (see docs/configuration.md)")
    Path config;

    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (overrides server.port and REDLINE_PORT)")
    Integer port;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Data directory for the embedded SQLite store (overrides REDLINE_DATA_DIR)")
    String dataDir;

    RedlineConfig load() {
        RedlineConfig c = RedlineConfig.load(config, System.getenv());
        if (port != null) c = c.withPort(port);
        if (dataDir != null) c = c.withDataDir(dataDir);
        return c;
    }
}
