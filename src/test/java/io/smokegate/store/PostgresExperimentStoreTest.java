package io.smokegate.store;

import io.smokegate.testing.PostgresCluster;

class PostgresExperimentStoreTest extends ExperimentStoreContract {

    @Override
    Database openEmptyDatabase() throws StoreException {
        return Database.postgres(PostgresCluster.shared().newDatabase("experiments"), PostgresCluster.USER, null);
    }
}
