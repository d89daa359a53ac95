package io.smokegate.attribution;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What each commit changed, kept across attributions: a commit never changes, and the alerts of one incident ask about
 * the same deploy range again and again, so a warm {@code serve} diffs each commit once. Bounded by the text it holds
 * (the lines of its diffs, roughly two bytes a character), least recently used out first. Thread-safe.
 */
final class CandidateCache {

    /** Room for a few thousand ordinary commits; a commit's diff is itself capped by {@link Limits#maxDiffBytes()}. */
    static final long DEFAULT_BYTES = 64L * 1024 * 1024;

    /** How a commit is read when it is not cached. */
    @FunctionalInterface
    interface Reader {
        Candidate read() throws IOException;
    }

    private final long maxBytes;
    private final LinkedHashMap<String, Candidate> byCommit = new LinkedHashMap<>(256, 0.75f, true);
    private long bytes;

    CandidateCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    Candidate get(String commit, Reader reader) throws IOException {
        synchronized (this) {
            Candidate known = byCommit.get(commit);
            if (known != null) {
                return known;
            }
        }
        Candidate read = reader.read(); // outside the lock: two threads may read one commit, both get the same answer
        synchronized (this) {
            if (byCommit.putIfAbsent(commit, read) == null) {
                bytes += size(read);
                var eldest = byCommit.entrySet().iterator();
                while (bytes > maxBytes && eldest.hasNext()) {
                    Map.Entry<String, Candidate> e = eldest.next();
                    bytes -= size(e.getValue());
                    eldest.remove();
                }
            }
        }
        return read;
    }

    synchronized int size() {
        return byCommit.size();
    }

    /** An estimate of the memory a candidate holds: its texts, two bytes a character, plus a little per line. */
    static long size(Candidate c) {
        long chars = c.message().length() + c.subject().length() + c.author().length() + 64;
        for (FileChange f : c.files()) {
            chars += f.path().length() + 16;
            for (FileChange.Line l : f.added()) {
                chars += l.text().length() + 16;
            }
            for (FileChange.Line l : f.removed()) {
                chars += l.text().length() + 16;
            }
        }
        return 2 * chars;
    }
}
