package io.redline.server;

import io.redline.store.StoreConfig;
import io.redline.store.TestDatabases;

class ReviewApiSqliteTest extends ReviewApiContract {
    @Override
    StoreConfig store() {
        return TestDatabases.sqliteConfig();
    }
}
