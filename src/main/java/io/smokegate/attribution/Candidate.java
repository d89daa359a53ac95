package io.smokegate.attribution;

import java.time.Instant;
import java.util.List;

/** A commit in the candidate range, with the files it changed against its first parent. */
public record Candidate(
        String id,
        List<String> parents,
        String author,
        Instant time,
        String subject,
        String message,
        List<FileChange> files) {

    public Candidate {
        parents = List.copyOf(parents);
        files = List.copyOf(files);
    }

    public boolean isMerge() {
        return parents.size() > 1;
    }

    public String shortId() {
        return id.substring(0, Math.min(7, id.length()));
    }
}
