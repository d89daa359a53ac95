package io.smokegate.slo;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which earlier gate evaluations of the same checklist relative criteria compare with: the last
 * {@code results} whose overall result {@code include} admits, folded by {@code aggregate}.
 */
public record Comparison(int results, Aggregate aggregate, Include include) {

    public static final int MAX_RESULTS = 100;
    /** Keptn's default when a comparison block names no count. */
    public static final Comparison DEFAULT = new Comparison(3, Aggregate.AVG, Include.ALL);

    public enum Include {
        ALL(Set.of(GateResult.PASS, GateResult.WARNING, GateResult.FAIL)),
        PASS(Set.of(GateResult.PASS)),
        PASS_OR_WARNING(Set.of(GateResult.PASS, GateResult.WARNING));

        private final Set<GateResult> admitted;

        Include(Set<GateResult> admitted) {
            this.admitted = admitted;
        }

        /** The overall results whose evaluations are compared with; an error never is. */
        public Set<GateResult> admitted() {
            return admitted;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Include> parse(String text) {
            return Arrays.stream(values()).filter(i -> i.label().equals(text)).findFirst();
        }
    }
}
