package io.smokegate.store;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;

class SqliteAnalysisStoreTest extends AnalysisStoreContract {

    @TempDir
    Path dataDir;

    @Override
    Database openEmptyDatabase() throws StoreException {
        return Database.sqlite(dataDir, Duration.ofSeconds(5));
    }
}
