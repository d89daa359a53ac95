package io.smokegate.attribution;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The answer for one alert: the suspect deploy, the candidate window, ranked suspects (best first) and how sure. */
public record Attribution(
        AlertInput alert,
        Optional<String> service,
        Deploy deploy,
        Window window,
        List<Suspect> suspects,
        Confidence confidence,
        String note) {

    public enum Confidence { HIGH, MEDIUM, LOW, NONE }

    public record Deploy(Optional<String> commit, Optional<Instant> time, Optional<String> previousCommit) {

        static final Deploy NONE = new Deploy(Optional.empty(), Optional.empty(), Optional.empty());
    }

    public record Window(Optional<Instant> from, Optional<Instant> to, int commits) {
    }

    public Attribution {
        suspects = List.copyOf(suspects);
    }
}
