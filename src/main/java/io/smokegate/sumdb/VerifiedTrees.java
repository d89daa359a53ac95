package io.smokegate.sumdb;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
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

    /** Jackson's streaming layer: four fields need no data binding, and no ObjectMapper is built on a check's path. */
    private static final JsonFactory JSON = new JsonFactory();
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
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeNumberField("size", verified.tree().size());
            json.writeStringField("hash", Base64.getEncoder().encodeToString(verified.tree().hash()));
            json.writeStringField("grewAt", verified.grewAt().toString());
            json.writeStringField("note", verified.note());
            json.writeEndObject();
        }
        SumdbFiles.write(SumdbFiles.directory(dataDir, database).resolve("verified.json"), out.toByteArray());
    }

    private static Optional<Verified> load(Path dir) throws IOException {
        Path file = dir.resolve("verified.json");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (JsonParser json = JSON.createParser(Files.readAllBytes(file))) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            Long size = null;
            String hash = null;
            String grewAt = null;
            String note = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                json.nextToken();
                switch (field) {
                    case "size" -> size = json.getLongValue();
                    case "hash" -> hash = json.getValueAsString();
                    case "grewAt" -> grewAt = json.getValueAsString();
                    case "note" -> note = json.getValueAsString();
                    default -> json.skipChildren();
                }
            }
            if (size == null || hash == null || grewAt == null || note == null) {
                throw new IOException("size, hash, grewAt and note are needed");
            }
            return Optional.of(new Verified(new Tree(size, Base64.getDecoder().decode(hash)), note, Instant.parse(grewAt)));
        } catch (RuntimeException | IOException e) {
            throw new IOException("the stored verified tree " + file + " is unreadable (" + e.getMessage()
                    + "); delete it to trust the database's current tree again", e);
        }
    }
}
