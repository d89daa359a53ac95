package io.smokegate.store;

import io.smokegate.testing.PostgresCluster;

class PostgresAuditStoreTest extends AuditStoreContract {

    @Override
    Database openEmptyDatabase() throws StoreException {
        return Database.postgres(PostgresCluster.shared().newDatabase("audit"), PostgresCluster.USER, null);
    }
}
