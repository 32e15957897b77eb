package io.redline.server;

import io.redline.store.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One server on a fresh SQLite database for all tests of a class (they must not depend on each other's rows). */
abstract class SharedServerTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(TestDatabases.sqliteConfig());
    }

    @AfterAll
    static void stop() {
        server.close();
    }
}
