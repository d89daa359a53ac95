package io.smokegate.cli;

import io.smokegate.check.CheckRegistry;
import io.smokegate.store.Database;
import io.smokegate.store.RunStore;
import io.smokegate.store.StoreException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where state lives: {@code --data-dir} (SQLite and every other file) or a PostgreSQL URL. */
final class StoreOptions {

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:SMOKEGATE_DATA_DIR:-./data}",
            description = {"Directory for all state: the SQLite database and",
                "caches (default: ${DEFAULT-VALUE}; env SMOKEGATE_DATA_DIR)."})
    Path dataDir;

    @Option(names = "--database-url", paramLabel = "JDBC_URL", defaultValue = "${env:SMOKEGATE_DATABASE_URL}",
            description = {"Store runs in PostgreSQL instead of SQLite, e.g.", "jdbc:postgresql://db:5432/smokegate",
                "(env SMOKEGATE_DATABASE_URL; credentials from", "SMOKEGATE_DATABASE_USER/_PASSWORD or the URL)."})
    String databaseUrl;

    /** Opens and migrates the configured database. */
    RunStore open() throws StoreException {
        Database db = Database.open(dataDir, databaseUrl == null || databaseUrl.isBlank() ? null : databaseUrl,
                System.getenv("SMOKEGATE_DATABASE_USER"), System.getenv("SMOKEGATE_DATABASE_PASSWORD"));
        return new RunStore(db, CheckRegistry.standard());
    }

    /** The flag a store problem should name, for the message. */
    String flag() {
        return databaseUrl == null || databaseUrl.isBlank() ? "--data-dir " + dataDir : "--database-url";
    }
}
