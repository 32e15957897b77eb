package io.redline.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The fixture the soak relies on: a durable server of one's own survives a restart with its rows. */
class PostgresServerTest {

    @Test
    void aRestartBreaksOpenConnectionsAndKeepsCommittedRows() throws SQLException, IOException {
        Path dir = Files.createTempDirectory("redline-pg-restart-");
        // Under root PostgreSQL runs as its own user, which must reach its data directory inside.
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        PostgresServer server = PostgresServer.durable(dir.resolve("pg"));
        String url = server.newDatabaseUrl();
        try (Connection before = DriverManager.getConnection(url)) {
            try (Statement s = before.createStatement()) {
                s.execute("CREATE TABLE t (n int)");
                s.execute("INSERT INTO t VALUES (42)");
            }

            server.restart();

            assertThatThrownBy(() -> before.createStatement().executeQuery("SELECT 1"))
                    .isInstanceOf(SQLException.class);
        }
        try (Connection after = DriverManager.getConnection(url);
                Statement s = after.createStatement();
                ResultSet rs = s.executeQuery("SELECT n FROM t")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
        server.stop();
        assertThat(dir.resolve("pg/server.log"))
                .as("the log stays for a failed run to keep")
                .exists();
        assertThatThrownBy(() -> DriverManager.getConnection(url).close()).isInstanceOf(SQLException.class);
    }
}
