package io.smokegate.store;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite file made by the release before the HikariCP pool. */
class SqliteLegacyDatabaseTest extends LegacyDatabaseContract {

    @TempDir
    Path dataDir;

    @Override
    Database openLegacyDatabase() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/legacy/sqlite/" + Database.SQLITE_FILE)) {
            Files.copy(in, dataDir.resolve(Database.SQLITE_FILE));
        }
        return Database.open(dataDir, null, null, null);
    }

    @Override
    String rowsResource() {
        return "/legacy/sqlite-rows.txt";
    }
}
