package io.redline.server;

import io.redline.store.StoreConfig;
import io.redline.store.TestDatabases;

class ReviewApiPostgresTest extends ReviewApiContract {
    @Override
    StoreConfig store() {
        return TestDatabases.postgresConfig();
    }
}
