package io.smokegate.attribution;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One ranked candidate commit: its score, why, and the changed lines that matter, with links when the host is known. */
public record Suspect(
        String commit,
        int score,
        List<String> reasons,
        Optional<String> url,
        Optional<PullRequest> pullRequest,
        String author,
        Instant time,
        String subject,
        List<String> files,
        List<Hunk> hunks) {

    public record PullRequest(int number, Optional<String> url) {
    }

    public record Hunk(String file, int line, String text, Optional<String> url) {
    }

    public Suspect {
        reasons = List.copyOf(reasons);
        files = List.copyOf(files);
        hunks = List.copyOf(hunks);
    }
}
