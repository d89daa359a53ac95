package io.smokegate.store;

import io.smokegate.testing.PostgresCluster;

class PostgresAcceptedRunStoreTest extends AcceptedRunStoreContract {

    @Override
    Database openEmptyDatabase() throws StoreException {
        return Database.postgres(PostgresCluster.shared().newDatabase("accepted"), PostgresCluster.USER, null);
    }
}
