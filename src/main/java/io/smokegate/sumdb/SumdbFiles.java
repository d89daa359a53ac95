package io.smokegate.sumdb;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Where a checksum database's state lives: {@code <data-dir>/sumdb/<name>/}, written atomically. */
final class SumdbFiles {

    private SumdbFiles() {
    }

    static Path directory(Path dataDir, String database) {
        return dataDir.resolve("sumdb").resolve(URLEncoder.encode(database, StandardCharsets.UTF_8));
    }

    /** Replaces {@code file} in one step: readers see the old or the new content, never a mix. */
    static void write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), ".write-", ".tmp");
        try {
            Files.write(temp, content);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
