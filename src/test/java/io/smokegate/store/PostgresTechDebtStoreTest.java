package io.smokegate.store;

import io.smokegate.testing.PostgresCluster;

class PostgresTechDebtStoreTest extends TechDebtStoreContract {

    @Override
    Database openEmptyDatabase() throws StoreException {
        return Database.postgres(PostgresCluster.shared().newDatabase("techdebt"), PostgresCluster.USER, null);
    }
}
