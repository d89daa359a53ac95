package io.smokegate.store;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Opens the SQLite database of a data directory and prints the outcome; run in a child JVM by
 * {@link SqliteDatabaseTest} where the test JVM itself cannot be kept from writing (root).
 * Exit code 0: opened; 3: refused, with the message on stdout.
 */
public final class OpenSqliteMain {

    private OpenSqliteMain() {
    }

    public static void main(String[] args) {
        try (Database db = Database.sqlite(Path.of(args[0]), Duration.ofMillis(300))) {
            System.out.println("opened " + db.display());
        } catch (StoreException e) {
            System.out.println(e.getMessage());
            System.exit(3);
        }
    }
}
