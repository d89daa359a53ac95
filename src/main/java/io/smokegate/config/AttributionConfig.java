package io.smokegate.config;

import io.smokegate.attribution.AlertInput;
import io.smokegate.attribution.Limits;
import io.smokegate.attribution.RepoLinks;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code attribution:} section of the service config: per service the Git repository its changes are in, the
 * paths (globs) that belong to it, the environment whose deploys count, and how to link to commits; which alert
 * labels name the service; and the bounds of one attribution's work.
 *
 * @param services      by service name (the value of the alert's service label)
 * @param serviceLabels alert labels that name the service, tried in order
 */
public record AttributionConfig(Map<String, Service> services, List<String> serviceLabels, Limits limits) {

    /**
     * One service.
     *
     * @param repository  a local working tree or bare repository
     * @param paths       globs of the files that belong to the service; empty: the whole repository
     * @param environment deploys of this environment count; null: any environment
     * @param links       how commit and line URLs are built; empty: from the origin remote when it is GitHub or GitLab
     */
    public record Service(Path repository, List<String> paths, String environment, Optional<RepoLinks> links) {
        public Service {
            paths = List.copyOf(paths);
        }
    }

    public AttributionConfig {
        services = Map.copyOf(services);
        serviceLabels = List.copyOf(serviceLabels);
    }

    public static AttributionConfig defaults() {
        return new AttributionConfig(Map.of(), AlertInput.DEFAULT_SERVICE_LABELS, Limits.DEFAULT);
    }

    public AttributionConfig withServices(Map<String, Service> s) {
        return new AttributionConfig(s, serviceLabels, limits);
    }

    @Override
    public String toString() {
        return services.isEmpty() ? "no services" : "services=" + new java.util.TreeSet<>(services.keySet())
                + ", serviceLabels=" + serviceLabels;
    }
}
