package io.smokegate.config;

import io.smokegate.config.LeaderElectionConfig.Mode;
import io.smokegate.input.Durations;
import io.smokegate.input.Position;
import io.smokegate.input.Suggestions;
import io.smokegate.input.YamlReader;
import io.smokegate.input.YamlReader.Mapping;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The {@code leaderElection} section:
 * <pre>
 * leaderElection:
 *   mode: auto                    # auto (default) | lease | postgres | none
 *   leaseName: smokegate-leader   # the coordination.k8s.io/v1 Lease (mode lease)
 *   leaseNamespace: monitoring    # default: the pod's namespace
 *   leaseDuration: 15s            # a dead leader's successor waits at most this long
 *   renewDeadline: 10s            # the leader gives up when it could not renew for this long
 *   retryPeriod: 2s               # how often candidates try (and the lock holder checks its session)
 * </pre>
 */
final class LeaderElectionSection {

    static final Set<String> FIELDS = Set.of("mode", "leaseName", "leaseNamespace", "leaseDuration", "renewDeadline",
            "retryPeriod");
    /** Key of the mode's position, for the check against the database once the environment has had its say. */
    static final String MODE = "leaderElection.mode";
    /** Fabric8's LeaderElector adds up to this share of the retry period as jitter; renewing must fit in before. */
    private static final double JITTER = 1.2;
    /** A Lease name: an RFC 1123 subdomain. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Duration MIN = Duration.ofMillis(100);
    private static final Duration MAX = Duration.ofMinutes(10);

    private LeaderElectionSection() {
    }

    static LeaderElectionConfig read(YamlReader r, Mapping m, LeaderElectionConfig d, Map<String, Position> where) {
        if (m == null) {
            return d;
        }
        Mode mode = d.mode();
        if (m.has("mode")) {
            String text = r.string(m.get("mode"), "leaderElection.mode");
            List<String> modes = Arrays.stream(Mode.values()).map(Mode::text).toList();
            if (text != null && !modes.contains(text.strip())) {
                r.problem(m.get("mode"), "leaderElection.mode: unknown mode '" + text + "'", Suggestions.hint(text, modes));
            } else if (text != null) {
                mode = Mode.valueOf(text.strip().toUpperCase(java.util.Locale.ROOT));
                where.put(MODE, r.position(m.get("mode")));
            }
        }
        String name = m.has("leaseName") ? name(r, m.get("leaseName"), "leaderElection.leaseName", NAME, "Lease name",
                "lowercase letters, digits, '-' and '.', at most 253 characters") : d.leaseName();
        String namespace = m.has("leaseNamespace") ? name(r, m.get("leaseNamespace"), "leaderElection.leaseNamespace",
                NAMESPACE, "namespace", "lowercase letters, digits and '-', at most 63 characters") : d.leaseNamespace();
        Duration duration = duration(r, m, "leaseDuration", d.leaseDuration());
        Duration renew = duration(r, m, "renewDeadline", d.renewDeadline());
        Duration retry = duration(r, m, "retryPeriod", d.retryPeriod());
        if (duration.compareTo(renew) <= 0) {
            r.problem(at(m, "renewDeadline", "leaseDuration"), "leaderElection.renewDeadline: " + Durations.format(renew)
                    + " must be shorter than leaderElection.leaseDuration (" + Durations.format(duration) + ")",
                    "the leader must give up before another may take the lease");
        } else if (renew.toMillis() <= retry.toMillis() * JITTER) {
            r.problem(at(m, "retryPeriod", "renewDeadline"), "leaderElection.retryPeriod: " + Durations.format(retry)
                    + " leaves no second try within leaderElection.renewDeadline (" + Durations.format(renew) + ")",
                    "make renewDeadline more than 1.2 times retryPeriod");
        }
        return d.with(mode, name == null ? d.leaseName() : name, namespace, duration, renew, retry);
    }

    private static Duration duration(YamlReader r, Mapping m, String key, Duration fallback) {
        if (!m.has(key)) {
            return fallback;
        }
        Duration value = r.duration(m.get(key), "leaderElection." + key, MIN, MAX);
        return value == null ? fallback : value;
    }

    /** The node a problem of two settings points at: the first one written, else the other, else the section. */
    private static Node at(Mapping m, String key, String other) {
        return m.has(key) ? m.get(key) : m.has(other) ? m.get(other) : m.node();
    }

    private static String name(YamlReader r, Node node, String field, Pattern pattern, String noun, String hint) {
        String text = r.string(node, field);
        if (text != null && !pattern.matcher(text).matches()) {
            r.problem(node, field + ": " + YamlReader.quotedName(text, noun) + " is not a valid " + noun, hint);
            return null;
        }
        return text;
    }
}
