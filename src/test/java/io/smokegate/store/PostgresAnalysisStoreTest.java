package io.smokegate.store;

import io.smokegate.testing.PostgresCluster;

class PostgresAnalysisStoreTest extends AnalysisStoreContract {

    @Override
    Database openEmptyDatabase() throws StoreException {
        return Database.postgres(PostgresCluster.shared().newDatabase("analyses"), PostgresCluster.USER, null);
    }
}
