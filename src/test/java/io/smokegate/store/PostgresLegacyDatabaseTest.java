package io.smokegate.store;

import io.smokegate.testing.PostgresCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.stream.Collectors;

/** The PostgreSQL database made by the release before the HikariCP pool, restored from its pg_dump --inserts. */
class PostgresLegacyDatabaseTest extends LegacyDatabaseContract {

    @Override
    Database openLegacyDatabase() throws Exception {
        String url = PostgresCluster.shared().newDatabase("legacy");
        // psql's meta-commands (\restrict) are for psql; the rest is plain SQL.
        String dump = resource("/legacy/postgres.sql").lines().filter(l -> !l.startsWith("\\"))
                .collect(Collectors.joining("\n"));
        try (Connection c = DriverManager.getConnection(url, PostgresCluster.USER, null); Statement s = c.createStatement()) {
            s.execute(dump);
        }
        return Database.open(null, url, PostgresCluster.USER, null);
    }

    @Override
    String rowsResource() {
        return "/legacy/postgres-rows.txt";
    }
}
