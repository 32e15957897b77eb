package io.redline.server.gateway;

import io.redline.store.StoreConfig;
import io.redline.store.TestDatabases;

class GatewaySqliteTest extends GatewayApiContract {
    @Override
    StoreConfig store() {
        return TestDatabases.sqliteConfig();
    }
}
