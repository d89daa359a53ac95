package io.smokegate.store;

import io.smokegate.testing.PostgresCluster;

class PostgresAttributionStoresTest extends AttributionStoresContract {

    @Override
    Database openEmptyDatabase() throws StoreException {
        return Database.postgres(PostgresCluster.shared().newDatabase("attributions"), PostgresCluster.USER, null);
    }
}
