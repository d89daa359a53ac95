package io.smokegate.store;

import io.smokegate.testing.PostgresCluster;

class PostgresGateStoresTest extends GateStoresContract {

    @Override
    Database openEmptyDatabase() throws StoreException {
        return Database.postgres(PostgresCluster.shared().newDatabase("gates"), PostgresCluster.USER, null);
    }
}
