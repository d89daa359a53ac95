package io.smokegate.sumdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The newest tree verified for each checksum database, the anchor every later tree must extend. Kept in
 * {@code <data-dir>/sumdb/<name>/verified.json} with the signed note that proved it and when it last grew;
 * updates are serialised across threads and processes (a CLI run beside a running service).
 */
public final class VerifiedTrees {

    /**
     * A verified tree, the signed note it came in (text, blank line, signature lines: two validly signed notes
     * of contradicting trees prove a fork), and when the database was last seen growing.
     */
    public record Verified(Tree tree, String note, Instant grewAt) {

        /** False for files written before the signature lines were kept, whose note is the text alone. */
        public boolean signed() {
            return note.contains("\n\n");
        }
    }

    @FunctionalInterface
    public interface Update<T> {
        T apply(Optional<Verified> current) throws IOException, SumdbException, InterruptedException;
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ConcurrentHashMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private final Path dataDir;

    public VerifiedTrees(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** Reads the current anchor and lets {@code update} replace it, holding the database's lock throughout. */
    public <T> T update(String database, Update<T> update) throws IOException, SumdbException, InterruptedException {
        Path dir = SumdbFiles.directory(dataDir, database);
        Files.createDirectories(dir);
        ReentrantLock local = LOCKS.computeIfAbsent(dir, d -> new ReentrantLock());
        local.lockInterruptibly();
        try (FileChannel channel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            return update.apply(load(dir));
        } finally {
            local.unlock();
        }
    }

    /** Stores {@code verified}; call only inside {@link #update}. */
    public void save(String database, Verified verified) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("size", verified.tree().size());
        node.put("hash", Base64.getEncoder().encodeToString(verified.tree().hash()));
        node.put("grewAt", verified.grewAt().toString());
        node.put("note", verified.note());
        SumdbFiles.write(SumdbFiles.directory(dataDir, database).resolve("verified.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node));
    }

    private static Optional<Verified> load(Path dir) throws IOException {
        Path file = dir.resolve("verified.json");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(file.toFile());
            Tree tree = new Tree(node.get("size").asLong(), Base64.getDecoder().decode(node.get("hash").asText()));
            return Optional.of(new Verified(tree, node.get("note").asText(), Instant.parse(node.get("grewAt").asText())));
        } catch (RuntimeException | IOException e) {
            throw new IOException("the stored verified tree " + file + " is unreadable (" + e.getMessage()
                    + "); delete it to trust the database's current tree again", e);
        }
    }
}
